"""The IPUS lists as their pages show them (rows from templates/jinja2/ipus/rows/): names
escaped, overdue rows marked, links to the right pages, days in Polish plural forms."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cus import law, roles
from ipus import workflows
from ipus.models import Plan, PlanItem
from services.models import Service
from tests.factories import UserFactory
from tests.ipus.conftest import (
    add_seed_items,
    draft_plan,
    local_noon_days_ago,
    make_assessed_request,
    signed_plan,
)

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def coordinator(db):
    """A KIPUS whose first name is markup."""
    return UserFactory(username="k-hostile", first_name=HOSTILE, last_name="Łąk", role=roles.KIPUS)


def rows(page):
    """The ``<tr>`` elements of the page's table bodies."""
    bodies = re.findall(r"<tbody>(.*?)</tbody>", page, re.S)
    return [row for body in bodies for row in re.findall(r"<tr[ >].*?</tr>", body, re.S)]


def row_with(page, text):
    [row] = [row for row in rows(page) if text in row]
    return row


def received_days_ago(coordinator, seed_services, days, name):
    """An open request (being assessed) filed ``days`` local days ago."""
    return make_assessed_request(
        coordinator, seed_services, last_name=name, received_at=local_noon_days_ago(days)
    ).request


def test_the_request_list_counts_the_days_left_in_polish_and_marks_overdue_requests(
    client, coordinator, seed_services
):
    period = law.value("ipus_approval_days")
    requests = {
        name: received_days_ago(coordinator, seed_services, period - left, name)
        for name, left in (("Jeden", 1), ("Dwa", 2), ("Pięć", 5), ("Spóźniony", -2))
    }
    requests["Spóźniony"].person.last_name = HOSTILE
    requests["Spóźniony"].person.save()
    client.force_login(coordinator)
    page = client.get(reverse("ipus:request-list")).text

    for name, words in (("Jeden", "zostaje 1 dzień"), ("Dwa", "zostają 2 dni")):
        row = row_with(page, name)
        assert f'<span class="badge text-bg-warning">{words}</span>' in row
        assert "table-danger" not in row
        assert f'href="{reverse("ipus:request-detail", args=[requests[name].pk])}"' in row
    assert "zostaje 5 dni" in row_with(page, "Pięć")
    late = row_with(page, reverse("ipus:request-detail", args=[requests["Spóźniony"].pk]))
    assert late.startswith('<tr class="table-danger">')
    assert '<span class="badge text-bg-danger">po terminie 2 dni</span>' in late
    assert f"<td>{ESCAPED} Łąk</td>" in late  # the coordinator
    assert HOSTILE not in page
    received = timezone.localtime(requests["Spóźniony"].received_at)
    assert f">{received:%d.%m.%Y} 12:00</a>" in late


def test_the_request_list_says_when_there_is_nothing_open(client, kipus):
    client.force_login(kipus)
    page = client.get(reverse("ipus:request-list")).text
    assert '<td colspan="5" class="text-muted">Brak wniosków.</td>' in page


def test_the_plan_list_escapes_names_links_plans_and_marks_a_missed_contact(
    client, coordinator, director, seed_services
):
    period = law.value("ipus_approval_days")
    filed = local_noon_days_ago(period - 5)
    draft = draft_plan(
        make_assessed_request(coordinator, seed_services, last_name=HOSTILE, received_at=filed),
        coordinator,
    )
    missed = signed_plan(
        make_assessed_request(coordinator, seed_services, last_name="Zaległy"),
        coordinator,
        director,
    )
    kept = signed_plan(
        make_assessed_request(coordinator, seed_services, last_name="Terminowy"),
        coordinator,
        director,
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    Plan.objects.filter(pk=missed.pk).update(next_contact_due=yesterday)
    kept.refresh_from_db()
    client.force_login(coordinator)
    page = client.get(reverse("ipus:plan-list")).text

    row = row_with(page, f"Zdzisława {ESCAPED}")
    assert f'<a href="{reverse("ipus:plan-detail", args=[draft.pk])}">projekt</a>' in row
    assert f"<td>{ESCAPED} Łąk</td>" in row
    assert '<span class="badge text-bg-warning">na zatwierdzenie zostaje 5 dni</span>' in row
    assert "<td>—</td>" in row  # no monitoring before signing
    assert HOSTILE not in page

    row = row_with(page, "Zaległy")
    assert f'<a href="{reverse("ipus:plan-detail", args=[missed.pk])}">{missed.number}</a>' in row
    assert f'<span class="text-danger fw-bold">{yesterday:%d.%m.%Y}</span>' in row
    assert '<span class="badge text-bg-success">zatwierdzony w terminie</span>' in row
    row = row_with(page, "Terminowy")
    assert f"<span>{kept.next_contact_due:%d.%m.%Y}</span>" in row
    assert "text-danger" not in row


def test_the_plan_list_says_when_no_plan_matches(client, kipus):
    client.force_login(kipus)
    page = client.get(reverse("ipus:plan-list"), {"q": "Nikt"}).text
    assert '<td colspan="7" class="text-muted">Brak planów spełniających warunki.</td>' in page


def test_the_person_search_escapes_names_and_links_each_person(client, coordinator, seed_services):
    person = make_assessed_request(coordinator, seed_services, last_name=HOSTILE).request.person
    client.force_login(coordinator)
    page = client.get(reverse("ipus:person-search"), {"q": "Zdzisława"}).text
    row = row_with(page, ESCAPED)
    assert (
        f'<a href="{reverse("ipus:person-detail", args=[person.pk])}">{ESCAPED} Zdzisława</a>'
        in row
    )
    assert "<td>03.05.1941</td>" in row and "ul. Źródlana 7" in row
    assert HOSTILE not in page
    page = client.get(reverse("ipus:person-search"), {"q": "Nikt"}).text
    assert "Nie znaleziono osoby o takich danych." in page


def test_the_plan_page_flags_an_item_delivered_beyond_its_schedule(
    client, kipus, director, assessment
):
    plan = signed_plan(assessment, kipus, director)
    care = plan.current_version.items.get(service__name="Usługa opiekuńcza")
    taxi = plan.current_version.items.get(service__name="Taksówka dla seniora")
    Service.objects.filter(pk=care.service_id).update(name=HOSTILE)
    PlanItem.objects.filter(pk=taxi.pk).update(
        fee_per_unit=Decimal("25.50"), discount_percent=30, scope="Zakupy\nsprzątanie <b>"
    )
    workflows.record_delivery(care, care.starts_on.replace(day=1), Decimal(500), kipus)
    workflows.record_delivery(taxi, taxi.starts_on.replace(day=1), Decimal("1.50"), kipus)
    client.force_login(kipus)
    page = client.get(reverse("ipus:plan-detail", args=[plan.pk])).text

    flagged = row_with(page, ESCAPED)
    assert flagged.startswith('<tr class="table-warning">')
    # Units as a person reads them: whole ones without ",00", a half as "1,5".
    assert '<td>500 <span class="badge text-bg-danger">ponad harmonogram</span>' in flagged
    assert f"<td>{int(care.units_granted)}</td>" in flagged
    assert re.search(r'<td class="text-end">1,5</td>', page)
    assert f"<td>{int(taxi.units_granted)}</td>" in row_with(page, "Taksówka dla seniora")
    assert f'href="{reverse("ipus:item-card", args=[care.pk])}"' in flagged
    taxi_row = row_with(page, "Taksówka dla seniora")
    assert "table-warning" not in taxi_row and "ponad harmonogram" not in taxi_row
    assert "<td>17,85 zł/przejazd (ulga 30%)</td>" in taxi_row  # Polish decimal comma
    assert '<td class="small">Zakupy<br>sprzątanie &lt;b&gt;</td>' in taxi_row
    assert "bezpłatnie" in row_with(page, "Mobilny konserwator")
    assert reverse("ipus:item-update", args=[care.pk]) not in page  # signed: not edited here
    assert HOSTILE not in page


def test_a_draft_version_lists_its_items_with_change_and_delete_buttons(
    kipus, assessment, seed_services
):
    plan = draft_plan(assessment, kipus)
    items = add_seed_items(plan.current_version, seed_services)
    client = Client(enforce_csrf_checks=True)  # the rows' tokens are checked
    client.force_login(kipus)
    page = client.get(reverse("ipus:version-detail", args=[plan.current_version.pk])).text
    for number, item in enumerate(items, 1):
        row = row_with(page, item.service.name)
        assert f"<td>{number}</td>" in row
        assert f'href="{reverse("ipus:item-update", args=[item.pk])}">Zmień</a>' in row
        form = re.search(r'<form method="post" action="([^"]+)" class="d-inline">(.*?)</form>', row)
        assert form[1] == reverse("ipus:item-delete", args=[item.pk])
        assert re.search(
            r'<input type="hidden" name="csrfmiddlewaretoken" value="\w{64}">', form[2]
        )
    token = re.search(r'csrfmiddlewaretoken" value="(\w+)', row)[1]
    assert client.post(reverse("logout")).status_code == 403
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302


def test_a_version_without_items_says_so(client, kipus, assessment):
    plan = draft_plan(assessment, kipus)
    client.force_login(kipus)
    page = client.get(reverse("ipus:version-detail", args=[plan.current_version.pk])).text
    assert '<td colspan="10" class="text-muted">Brak usług w planie.</td>' in page
