import pytest
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.generic import DetailView

from cus.access import AccessLogMixin
from cus.admin import CentreProfileAdmin
from cus.choices import AccessAction
from cus.models import AccessLog, CentreProfile, User


class UserDetail(AccessLogMixin, DetailView):
    model = User
    template_name = "403.html"


def test_the_access_log_mixin_writes_a_row_for_each_read(kipus, ous):
    request = RequestFactory().get(f"/people/{ous.pk}/", REMOTE_ADDR="10.1.2.3")
    request.user = kipus
    response = UserDetail.as_view()(request, pk=ous.pk)
    response.render()

    entry = AccessLog.objects.get()
    assert entry.user == kipus
    assert entry.action == AccessAction.VIEW
    assert entry.content_type == ContentType.objects.get_for_model(User)
    assert entry.object_id == str(ous.pk)
    assert entry.path == f"/people/{ous.pk}/"
    assert entry.ip_address == "10.1.2.3"
    assert list(AccessLog.objects.for_object(ous)) == [entry]


def test_a_failed_read_writes_nothing(kipus):
    request = RequestFactory().get("/people/999999/")
    request.user = kipus
    with pytest.raises(Http404):
        UserDetail.as_view()(request, pk=999999)
    assert not AccessLog.objects.exists()


def test_reads_through_the_admin_are_logged_for_personal_data(client, db, monkeypatch):
    superuser = User.objects.create_superuser("root", "root@cus.example.pl", "x")
    CentreProfile(
        name="CUS",
        street="ul. A 1",
        postal_code="27-200",
        town="S",
        phone="41 000 00 00",
        email="a@b.pl",
        director_name="D",
    ).save()
    monkeypatch.setattr(CentreProfileAdmin, "access_logged", True)
    client.force_login(superuser)
    response = client.get(reverse("admin:cus_centreprofile_change", args=[1]))
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.user, entry.object_id) == (superuser, "1")


def test_the_iod_browses_and_filters_the_log(client, iod, kipus, ous):
    for target in (ous, iod):
        AccessLog.objects.create(
            user=kipus,
            action=AccessAction.VIEW,
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(target.pk),
        )
    client.force_login(iod)
    response = client.get(reverse("cus:accesslog-list"), {"object_id": str(ous.pk)})
    assert response.status_code == 200
    assert [e.object_id for e in response.context["object_list"]] == [str(ous.pk)]


def test_the_log_filter_rejects_a_malformed_date_without_an_error_page(client, iod):
    client.force_login(iod)
    response = client.get(reverse("cus:accesslog-list"), {"date_from": "2026-02-31"})
    assert response.status_code == 200
    assert "Wpisz poprawną datę" in response.content.decode()


@pytest.mark.parametrize("persona", ["kipus", "ous", "osl_organizer", "animator"], indirect=True)
def test_other_roles_cannot_read_the_log(client, persona):
    client.force_login(persona)
    assert client.get(reverse("cus:accesslog-list")).status_code == 403


def _fill_log(count, user):
    content_type = ContentType.objects.get_for_model(User)
    AccessLog.objects.bulk_create(
        AccessLog(
            user=user,
            action=AccessAction.VIEW,
            content_type=content_type,
            object_id=str(i),
        )
        for i in range(count)
    )


# Session, user, permissions, the page (count and rows) and the filter's choice lists;
# the same at 3 and 30 rows.
ACCESS_LOG_LIST_QUERIES = 7


def test_the_log_list_issues_the_same_number_of_queries_for_3_and_30_rows(
    client, iod, kipus, django_assert_num_queries
):
    client.force_login(iod)
    url = reverse("cus:accesslog-list")
    _fill_log(3, kipus)
    client.get(url)  # warm caches (content types, permissions are per request)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        client.get(url)
    _fill_log(27, kipus)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(url)
    assert len(response.context["object_list"]) == 25  # one page of 30 rows
    assert len(three) == len(thirty) == ACCESS_LOG_LIST_QUERIES, [q["sql"] for q in thirty]


def test_the_iod_exports_the_filtered_log_to_xlsx(client, iod, kipus, ous):
    import io as _io

    from openpyxl import load_workbook

    _fill_log(3, kipus)
    _fill_log(2, ous)
    client.force_login(iod)
    response = client.get(reverse("cus:accesslog-list"), {"user": kipus.pk, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(_io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Kiedy"
    assert len(rows) == 1 + 3
    assert {row[2] for row in rows[1:]} == {kipus.username}


def test_an_export_with_a_malformed_filter_is_empty_not_an_error(client, iod):
    client.force_login(iod)
    response = client.get(
        reverse("cus:accesslog-list"), {"date_from": "2023-02-30", "format": "xlsx"}
    )
    assert response.status_code == 200


# --- Reads of a resident's data, whatever the record (issue 22) -------------------------


def _resident(kipus, seed_services, last_name, serial):
    from cus import pesel
    from ipus.models import Person
    from tests.ipus.conftest import make_assessed_request

    assessment = make_assessed_request(kipus, seed_services, last_name=last_name)
    person = assessment.request.person
    person.pesel = pesel.make(person.birth_date, serial=serial, sex=pesel.FEMALE)
    Person.objects.filter(pk=person.pk).update(pesel=person.pesel)
    return assessment


def test_a_page_of_rows_is_logged_in_one_insert_naming_each_resident(
    kipus, seed_services, django_assert_num_queries
):
    from cus.access import log_reads
    from ipus.models import Request

    for index, name in enumerate(("Adamska", "Bielska", "Cicha")):
        _resident(kipus, seed_services, name, 1000 + 10 * index)
    rows = list(Request.objects.for_table())
    request = RequestFactory().get("/ipus/requests/")
    request.user = kipus
    ContentType.objects.get_for_model(Request)  # content types are cached per process
    with django_assert_num_queries(1):
        log_reads(request, rows + rows)  # a record shown twice is one row
    assert sorted(AccessLog.objects.values_list("object_id", "person_id")) == sorted(
        (str(row.pk), row.person_id) for row in rows
    )


def test_the_iod_finds_every_read_of_a_residents_data_by_pesel_name_or_id(
    client, iod, kipus, seed_services
):
    assessment = _resident(kipus, seed_services, "Żabińska", 2000)
    person = assessment.request.person
    other = _resident(kipus, seed_services, "Inna", 2010).request.person
    client.force_login(kipus)
    for url in (
        reverse("ipus:person-detail", args=[person.pk]),
        reverse("ipus:person-update", args=[person.pk]),
        reverse("ipus:request-detail", args=[assessment.request_id]),
        reverse("ipus:assessment-update", args=[assessment.pk]),
        reverse("ipus:person-detail", args=[other.pk]),
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(iod)
    for text in (person.pesel, "Żabińska", "żabińska zdzisława", str(person.pk)):
        response = client.get(reverse("cus:accesslog-list"), {"person": text})
        rows = response.context["object_list"]
        assert {row.person_id for row in rows} == {person.pk}, text
        assert {row.content_type.model for row in rows} == {
            "person",
            "request",
            "needsassessment",
        }, text
    response = client.get(reverse("cus:accesslog-list"), {"person": "Nikt"})
    assert list(response.context["object_list"]) == []


def test_the_data_kinds_are_named_in_polish_in_the_iods_filter(client, iod):
    client.force_login(iod)
    page = client.get(reverse("cus:accesslog-list")).content.decode()
    assert "wersja archiwalna: osoba" in page
    for english in ("historical", "evidence", "indicator value", "swot entry", "stage"):
        assert english not in page


def test_the_admin_logs_its_lists_searches_histories_and_recorded_versions(
    client, kipus, seed_services
):
    person = _resident(kipus, seed_services, "Szukana", 3000).request.person
    version = person.history.first()
    client.force_login(kipus)
    for url in (
        reverse("admin:ipus_person_changelist") + f"?q={person.pesel}",
        reverse("admin:ipus_request_changelist"),
        reverse("admin:ipus_person_history", args=[person.pk]),
        reverse("admin:ipus_person_simple_history", args=[person.pk, version.history_id]),
    ):
        before = AccessLog.objects.filter(person_id=person.pk).count()
        assert client.get(url).status_code == 200, url
        assert AccessLog.objects.filter(person_id=person.pk).count() == before + 1, url


def test_the_migration_names_the_resident_of_the_rows_written_before(kipus, seed_services):
    from importlib import import_module

    from django.apps import apps

    from ipus.models import NeedsAssessment, Person, Request

    backfill = import_module("ipus.migrations.0022_accesslog_person_backfill")
    assessment = _resident(kipus, seed_services, "Dawna", 4000)
    person = assessment.request.person
    for model, pk in (
        (Person, person.pk),
        (Request, assessment.request_id),
        (NeedsAssessment, assessment.pk),
        (User, kipus.pk),  # not a resident's record: stays without a person
    ):
        AccessLog.objects.create(
            user=kipus,
            action=AccessAction.VIEW,
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(pk),
        )
    backfill.name_the_residents(apps, None)
    assert sorted(AccessLog.objects.values_list("content_type__model", "person_id")) == [
        ("needsassessment", person.pk),
        ("person", person.pk),
        ("request", person.pk),
        ("user", None),
    ]
