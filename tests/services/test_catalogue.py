"""The service catalogue: validation, filters, exports, capacity, public pages."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cus.pdf import render_pdf
from services import capacity
from services.choices import CapacityPeriod, Unit
from services.models import Programme, Provider, Service, StatutoryArea, TargetGroup
from services.validators import validate_krs, validate_nip
from tests.services.factories import ProviderFactory, ServiceFactory


def service_form(**changes):
    data = {
        "name": "Asystent osobisty — Żółta Łódź",
        "description": "Wsparcie w codziennych czynnościach",
        "goal": "Samodzielność",
        "kind": "new",
        "areas": [StatutoryArea.objects.get(code="disability").pk],
        "place": "Miejsce zamieszkania",
        "unit": Unit.HOUR,
        "available_days": ["1", "3"],
        "available_from": "08:00",
        "available_to": "15:00",
        "is_free": "on",
        "capacity_units": "",
        "capacity_period": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- Validation ---------------------------------------------------------------------


@pytest.mark.parametrize("nip", ["6640001230", "664-000-12-30", "PL 664 000 12 30", "5261040828"])
def test_valid_nips_pass(nip):
    validate_nip(nip)


@pytest.mark.parametrize("nip", ["6640001235", "123", "abcdefghij", "0000000000x"])
def test_nips_with_a_wrong_check_digit_or_shape_fail(nip):
    with pytest.raises(ValidationError):
        validate_nip(nip)


def test_krs_is_ten_digits():
    validate_krs("0000123456")
    with pytest.raises(ValidationError):
        validate_krs("12345")


def test_the_ous_adds_a_service(client, ous):
    client.force_login(ous)
    response = client.post(reverse("services:service-create"), service_form())
    service = Service.objects.get(name="Asystent osobisty — Żółta Łódź")
    assert response.status_code == 302
    assert service.created_by == ous
    assert service.available_days == [1, 3]
    assert list(service.areas.values_list("code", flat=True)) == ["disability"]


def test_a_paid_service_needs_a_price_and_the_input_is_kept(client, ous):
    client.force_login(ous)
    response = client.post(reverse("services:service-create"), service_form(is_free=None))
    assert response.status_code == 200
    assert "Usługa odpłatna musi mieć cenę" in response.text
    assert "Żółta Łódź" in response.text
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity_units": "-5", "capacity_period": "month"}, "większa lub równa 0"),
        ({"capacity_units": "10"}, "na jaki okres liczy się limit"),
        ({"available_from": "16:00", "available_to": "08:00"}, "Godzina końca"),
        ({"price_per_unit": "abc", "is_free": None}, "Wpisz liczbę"),
    ],
)
def test_invalid_values_get_polish_messages_at_the_field(client, ous, changes, message):
    client.force_login(ous)
    response = client.post(reverse("services:service-create"), service_form(**changes))
    assert response.status_code == 200
    assert message in response.text


def test_regulations_must_really_be_a_pdf_and_are_then_public(client, ous, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(ous)
    fake = SimpleUploadedFile("regulamin.pdf", b"<html>nie pdf</html>")
    response = client.post(
        reverse("services:service-create"), {**service_form(), "regulations_file": fake}
    )
    assert "nie jest dokumentem PDF" in response.text

    pdf = SimpleUploadedFile("regulamin.pdf", render_pdf("pdf/letterhead_sample.html"))
    client.post(reverse("services:service-create"), {**service_form(), "regulations_file": pdf})
    service = Service.objects.get()
    client.logout()
    download = client.get(reverse("catalogue:regulations", args=[service.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("persona", ["kipus", "director", "osl_organizer"], indirect=True)
def test_other_roles_read_but_do_not_edit(client, persona):
    service = ServiceFactory()
    client.force_login(persona)
    assert client.get(reverse("services:service-detail", args=[service.pk])).status_code == 200
    assert client.post(reverse("services:service-create"), service_form()).status_code == 403
    assert client.post(reverse("services:service-archive", args=[service.pk])).status_code == 403


def test_archiving_removes_a_service_from_the_public_catalogue(client, ous):
    service = ServiceFactory(name="Usługa do archiwum")
    client.force_login(ous)
    assert client.get(reverse("services:service-archive", args=[service.pk])).status_code == 405
    client.post(reverse("services:service-archive", args=[service.pk]))
    service.refresh_from_db()
    assert not service.active
    client.logout()
    assert "Usługa do archiwum" not in client.get(reverse("catalogue:list")).text
    assert client.get(reverse("catalogue:service", args=[service.pk])).status_code == 404
    assert "Usługa do archiwum" not in client.get(reverse("catalogue:list"), {"format": "csv"}).text


# --- Filters ------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    seniors, _ = TargetGroup.objects.get_or_create(name="Seniorzy")
    children, _ = TargetGroup.objects.get_or_create(name="Dzieci")
    programme = Programme.objects.create(
        name="Program testowy",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        main_goal="x",
    )
    provider = ProviderFactory(name="Spółdzielnia Źródło")
    care = Service.objects.create(
        name="Opieka wytchnieniowa", description="dla opiekunów", unit=Unit.HOUR
    )
    care.areas.add(StatutoryArea.objects.get(code="social_assistance"))
    care.target_groups.add(seniors)
    care.providers.add(provider)
    taxi = Service.objects.create(
        name="Taksówka dla seniora",
        unit=Unit.RIDE,
        is_free=False,
        price_per_unit=Decimal("4.50"),
        programme=programme,
    )
    taxi.areas.add(StatutoryArea.objects.get(code="disability"))
    taxi.target_groups.add(seniors)
    nursery = Service.objects.create(name="Żłobek interwencyjny", unit=Unit.DAY)
    nursery.areas.add(StatutoryArea.objects.get(code="family_support"))
    nursery.target_groups.add(children)
    old = Service.objects.create(name="Stara usługa", unit=Unit.DAY, active=False)
    return {
        "care": care,
        "taxi": taxi,
        "nursery": nursery,
        "old": old,
        "seniors": seniors,
        "provider": provider,
        "programme": programme,
    }


def names(response):
    return {service.name for service in response.context["object_list"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Opieka wytchnieniowa", "Taksówka dla seniora", "Żłobek interwencyjny"}),
        ({"q": "opiek"}, {"Opieka wytchnieniowa"}),
        ({"q": "OPIEKUNÓW"}, {"Opieka wytchnieniowa"}),
        ({"q": "żłob"}, {"Żłobek interwencyjny"}),
        ({"q": "seniora taks"}, {"Taksówka dla seniora"}),
        ({"fee": "paid"}, {"Taksówka dla seniora"}),
        ({"fee": "free"}, {"Opieka wytchnieniowa", "Żłobek interwencyjny"}),
        ({"status": "archived"}, {"Stara usługa"}),
        ({"status": "all", "q": "usługa"}, {"Stara usługa"}),
    ],
)
def test_each_filter_of_the_staff_list(client, kipus, catalogue, params, expected):
    client.force_login(kipus)
    assert names(client.get(reverse("services:service-list"), params)) == expected


def test_filters_by_relations(client, kipus, catalogue):
    client.force_login(kipus)
    url = reverse("services:service-list")
    assert names(client.get(url, {"area": StatutoryArea.objects.get(code="disability").pk})) == {
        "Taksówka dla seniora"
    }
    assert names(client.get(url, {"target_group": catalogue["seniors"].pk})) == {
        "Opieka wytchnieniowa",
        "Taksówka dla seniora",
    }
    assert names(client.get(url, {"provider": catalogue["provider"].pk})) == {
        "Opieka wytchnieniowa"
    }
    assert names(client.get(url, {"programme": catalogue["programme"].pk})) == {
        "Taksówka dla seniora"
    }


def test_a_malformed_filter_shows_an_error_not_a_server_error(client, kipus, catalogue):
    client.force_login(kipus)
    response = client.get(
        reverse("services:service-list"), {"area": "abc", "fee": "x", "q": "\x00"}
    )
    assert response.status_code == 200


def test_the_public_catalogue_filters_and_never_shows_archived_services(client, catalogue):
    response = client.get(reverse("catalogue:list"), {"status": "all"})
    assert names(response) == {
        "Opieka wytchnieniowa",
        "Taksówka dla seniora",
        "Żłobek interwencyjny",
    }
    assert names(client.get(reverse("catalogue:list"), {"q": "taks"})) == {"Taksówka dla seniora"}


def test_the_public_pages_show_nothing_internal(client, catalogue):
    Service.objects.filter(pk=catalogue["care"].pk).update(
        capacity_units=99, capacity_period="month", capacity_persons=7
    )
    detail = client.get(reverse("catalogue:service", args=[catalogue["care"].pk])).text
    # The page's text, not its markup: the random CSRF token in <body> may contain "99".
    text = re.sub(r"<[^>]*>", " ", detail)
    assert not re.search(r"\b99\b", text)
    assert "Limit" not in detail
    assert "sposób zlecenia" not in detail.lower()


# --- Query counts ---------------------------------------------------------------------


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url_name", "login"), [("services:service-list", True), ("catalogue:list", False)]
)
def test_list_queries_do_not_grow_with_rows(client, kipus, url_name, login):
    if login:
        client.force_login(kipus)
    url = reverse(url_name)
    for _ in range(3):
        ServiceFactory()
    three = _count_queries(client, url)
    for _ in range(27):
        ServiceFactory()
    thirty = _count_queries(client, url)
    assert three == thirty
    assert thirty <= (14 if login else 10)


# --- Exports --------------------------------------------------------------------------


def test_the_xlsx_export_holds_the_filtered_rows_with_polish_letters(client, kipus, catalogue):
    client.force_login(kipus)
    response = client.get(reverse("services:service-list"), {"q": "żłob", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Nazwa usługi"
    assert [row[0] for row in rows[1:]] == ["Żłobek interwencyjny"]


def test_the_csv_export_has_polish_headers_and_decimal_commas(client, catalogue):
    response = client.get(reverse("catalogue:list"), {"fee": "paid", "format": "csv"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Nazwa usługi"
    assert rows[1][0] == "Taksówka dla seniora"
    assert any(cell.startswith("4,50 zł") for cell in rows[1])


# --- Capacity -------------------------------------------------------------------------


def test_capacity_limits_count_whole_limit_periods(db):
    monthly = ServiceFactory(capacity_units=80, capacity_period=CapacityPeriod.MONTH)
    yearly = ServiceFactory(capacity_units=120, capacity_period=CapacityPeriod.YEAR)
    unlimited = ServiceFactory()
    quarter = Service.objects.all().capacity_table(date(2026, 4, 1), date(2026, 6, 30))
    by_pk = {s.pk: s for s in quarter}
    assert by_pk[monthly.pk].limit_units == 240
    # A yearly limit is not cut into quarters: the quarter shows the year's limit.
    assert by_pk[yearly.pk].limit_units == 120
    assert by_pk[unlimited.pk].limit_units is None
    assert by_pk[monthly.pk].units_granted == 0
    assert by_pk[monthly.pk].units_remaining == 240


def test_the_registered_source_feeds_the_capacity_table(db, monkeypatch):
    monkeypatch.setattr(capacity, "_sources", [])
    service = ServiceFactory(capacity_units=80, capacity_period=CapacityPeriod.MONTH)
    capacity.register(
        capacity.CapacitySource(
            totals=lambda start, end, limits: {
                service.pk: {
                    "limit": 80,
                    "granted": 50,
                    "used": Decimal(60),
                    "remaining": 20,
                    "persons": 3,
                }
            }
        )
    )
    [row] = Service.objects.filter(pk=service.pk).capacity_table(
        date(2026, 5, 1), date(2026, 5, 31)
    )
    assert (row.units_granted, row.units_used, row.persons_using, row.units_remaining) == (
        50,
        60,
        3,
        20,
    )


def test_the_capacity_page_is_one_query_for_the_table(client, ous):
    client.force_login(ous)
    for i in range(3):
        ServiceFactory(capacity_units=10 + i, capacity_period=CapacityPeriod.MONTH)
    three = _count_queries(client, reverse("services:capacity") + "?year=2026&quarter=2")
    for _ in range(10):
        ServiceFactory(capacity_units=5, capacity_period=CapacityPeriod.YEAR)
    assert _count_queries(client, reverse("services:capacity") + "?year=2026&quarter=2") == three


def test_the_capacity_table_is_rendered_once_and_never_stale(client, ous):

    from cus.models import ReportCache

    client.force_login(ous)
    service = ServiceFactory(
        name="Opieka wytchnieniowa", capacity_units=10, capacity_period=CapacityPeriod.MONTH
    )
    url = reverse("services:capacity") + "?year=2026&quarter=2"
    assert "Opieka wytchnieniowa" in client.get(url).text
    assert ReportCache.objects.filter(key__startswith="capacity-html:").count() == 1
    assert "Opieka wytchnieniowa" in client.get(url).text  # from the cache
    Service.objects.filter(pk=service.pk).update(name="Opieka zmieniona", capacity_units=20)
    page = client.get(url).text
    assert "Opieka zmieniona" in page and "Opieka wytchnieniowa" not in page
    # 20 a month over the quarter's three months, the limit's period named beside it.
    assert re.search(r">60\s+<span[^>]*>\(miesięcznie\)</span>", page)


@pytest.mark.parametrize("query", ["year=abc", "year=1800", "quarter=7", "month=13"])
def test_a_malformed_period_is_404(client, ous, query):
    client.force_login(ous)
    assert client.get(reverse("services:capacity") + "?" + query).status_code == 404


# --- Programme and providers ------------------------------------------------------------


def test_the_programme_page_has_the_seed_table_shape(client, director, settings):
    from services import demo

    demo.seed()
    demo.seed()  # idempotent
    assert Service.objects.count() == 13
    programme = Programme.objects.get()
    assert programme.goals.count() == 3
    client.force_login(director)
    page = client.get(reverse("services:programme-detail", args=[programme.pk])).text
    assert "Cel szczegółowy 1." in page
    assert "Osoby i rodziny w kryzysie" in page
    assert "Taksówka dla seniora" in page


def test_a_provider_with_a_bad_nip_is_refused_and_a_good_one_normalised(client, ous):
    client.force_login(ous)
    data = {"name": "Fundacja Ąę", "kind": "ngo", "contracting_mode": "open_call", "active": "on"}
    bad = client.post(reverse("services:provider-create"), {**data, "nip": "6640001235"})
    assert "cyfra kontrolna" in bad.text
    client.post(reverse("services:provider-create"), {**data, "nip": "664-000-12-30"})
    assert Provider.objects.get(name="Fundacja Ąę").nip == "6640001230"


def test_the_ous_edits_a_programme_with_goals(client, ous):
    client.force_login(ous)
    response = client.post(
        reverse("services:programme-create"),
        {
            "name": "Program 2027",
            "period_start": "2027-01-01",
            "period_end": "2026-12-31",
            "status": "draft",
            "main_goal": "Cel",
            "goals-TOTAL_FORMS": "1",
            "goals-INITIAL_FORMS": "0",
            "goals-0-number": "1",
            "goals-0-title": "Więcej usług",
        },
    )
    assert "Koniec okresu nie może być przed jego początkiem" in response.text
    assert 'value="Więcej usług"' in response.text


def test_the_ous_start_page_summarises_the_catalogue(client, ous, catalogue):
    client.force_login(ous)
    response = client.get(reverse("cus:home"))
    assert response.context["catalogue_summary"]["active_services"] == 3
    assert response.context["catalogue_summary"]["paid_services"] == 1
    assert "<strong>3 aktywne usługi</strong>" in response.text


def test_other_roles_do_not_pay_for_the_catalogue_summary(client, osl_organizer, catalogue):
    client.force_login(osl_organizer)
    assert "catalogue_summary" not in client.get(reverse("cus:home")).context


def test_the_export_links_keep_the_filters(client, kipus, catalogue):
    client.force_login(kipus)
    response = client.get(reverse("services:service-list"), {"q": "taks", "page": "1"})
    assert 'href="?q=taks&amp;format=xlsx"' in response.text
    public = client.get(reverse("catalogue:list"), {"fee": "paid"})
    assert 'href="?fee=paid&amp;format=csv"' in public.text


def test_a_programme_status_moves_by_the_ous_buttons_not_the_form(client, ous):
    from services.models import Programme, ProgrammeTransition

    client.force_login(ous)
    programme = Programme.objects.create(
        name="Program 2027", period_start="2027-01-01", period_end="2027-12-31", main_goal="Cel"
    )
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Program w mocy" in page and "Zakończ program" not in page
    # The edit form has no status field: posting one changes nothing.
    edit = client.get(reverse("services:programme-update", args=[programme.pk])).content.decode()
    assert 'name="status"' not in edit
    status_url = reverse("services:programme-status", args=[programme.pk])
    assert client.get(status_url).status_code == 405
    client.post(status_url, {"status": "ended"})  # not from a draft
    programme.refresh_from_db()
    assert programme.status == "draft" and not ProgrammeTransition.objects.exists()
    response = client.post(status_url, {"status": "in_force"}, follow=True)
    assert "Program ma teraz status: obowiązuje." in response.content.decode()
    programme.refresh_from_db()
    assert programme.status == "in_force"
    assert ProgrammeTransition.objects.get().by == ous
    assert "Zakończ program" in client.get(programme.get_absolute_url()).content.decode()
