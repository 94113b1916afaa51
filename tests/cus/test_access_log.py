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
