"""The plan page and the documents (issue 23, point 8): the months delivered and the CSV
import's link on the plan page; the service card's "Lp" is the one the provider's CSV
import accepts (every item); to-do and iCal name the request's date; no page shows an
internal id of an unnumbered record (every staff page of every case record, three roles);
the signed copy's trust status on the plan page.
"""

import io
import re
from datetime import timedelta

import pypdf
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cus import roles, todo
from cus.dates import add_months, month_start
from cus.models import CalendarFeed
from ipus import workflows
from ipus.imports import parse_delivery_csv
from ipus.models import Plan
from ipus.pdf import service_card_pdf_bytes
from tests.factories import staff_account
from tests.ipus.conftest import (
    add_seed_items,
    draft_plan,
    make_assessed_request,
    signed_plan,
)
from tests.urlwalk import named_patterns


def _pdf_text(data):
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def live_plan(assessment, kipus, director):
    """A signed plan that started three months ago (so months were delivered)."""
    start = add_months(month_start(timezone.localdate()), -3)
    return signed_plan(assessment, kipus, director, start=start, months=6)


def test_the_plan_page_shows_the_months_delivered_and_links_the_csv_import(
    client, kipus, live_plan
):
    items = list(live_plan.current_version.items.numbered().select_related("service"))
    months = [add_months(live_plan.current_version.valid_from, n) for n in range(3)]
    for n, month in enumerate(months):
        workflows.record_delivery(items[0], month, 10 + n, kipus)
    workflows.record_delivery(items[1], months[1], 2, kipus)
    client.force_login(kipus)
    html = client.get(live_plan.get_absolute_url()).text
    table = html[html.index("Realizacja w miesiącach") :]
    table = table[: table.index("</table>")]
    for month in months:
        assert f"{month:%m.%Y}" in table
    for number, item in enumerate(items, start=1):
        assert f"{number}. {item.service.name}" in table
    rows = re.findall(r"<tr><th scope=\"row\">([\d.]+)</th>(.*?)</tr>", table)
    cells = {month: re.findall(r"<td[^>]*>(.*?)</td>", row) for month, row in rows}
    assert cells[f"{months[1]:%m.%Y}"] == ["11", "2", "—"]  # units as read: no ",00"
    assert f'href="{reverse("ipus:delivery-import")}"' in html


def test_the_lp_on_every_service_card_is_the_one_the_csv_import_accepts(kipus, live_plan):
    month = live_plan.current_version.valid_from
    items = list(live_plan.current_version.items.select_related("service").order_by("-pk"))
    assert len(items) == 3
    for item in items:
        text = " ".join(_pdf_text(service_card_pdf_bytes(item)).split())
        lp = re.search(r"Pozycja planu \(Lp\) (\d+)", text).group(1)
        assert f"{live_plan.number};{lp};RRRR-MM" in text
        csv = f"numer_ipus;lp;miesiac;jednostki\n{live_plan.number};{lp};{month:%Y-%m};1\n"
        rows, errors = parse_delivery_csv(csv, Plan.objects.all())
        assert errors == []
        assert [row[0].pk for row in rows] == [item.pk]


def test_to_do_and_ical_name_the_request_date_not_the_deadline(
    client, kipus, director, seed_services
):
    received = timezone.now() - timedelta(days=12)
    draft = draft_plan(make_assessed_request(kipus, seed_services, received_at=received), kipus)
    submitted = draft_plan(
        make_assessed_request(kipus, seed_services, last_name="Nowak", received_at=received),
        kipus,
    )
    add_seed_items(submitted.current_version, seed_services)
    workflows.submit_version(submitted.current_version, kipus)
    label = f"wniosek z {timezone.localtime(received):%d.%m.%Y}"
    # Whose list, which item (uid) on it.
    cases = {kipus: f"plan-deadline-{draft.pk}", director: f"plan-approve-{submitted.pk}"}
    for user, uid in cases.items():
        (item,) = [item for item in todo.items_for(user) if item.uid == uid]
        assert label in item.title
        assert f"{item.due:%d.%m}" not in item.title  # the deadline is the date, not the label
        feed = CalendarFeed.objects.create(user=user)
        ical = client.get(reverse("cus:calendar-feed", args=[feed.token])).content.decode()
        assert label in ical.replace("\r\n ", "")


# --- No internal ids on screen ------------------------------------------------------

# The first segment of a case record's URL → the record whose pk the URL takes.
RECORD_OF_SEGMENT = {
    "persons": "person",
    "requests": "request",
    "assessments": "assessment",
    "plans": "plan",
    "versions": "version",
    "items": "item",
}


def _start_sequences_high():
    """Distinct, large ids for every table of the project's apps: a number shown after
    "nr" can then be recognised as an id."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE is_identity = 'YES' AND table_schema = 'public' "
            "AND split_part(table_name, '_', 1) IN ('cus', 'ipus', 'services', 'osl')"
        )
        for n, (table, column) in enumerate(sorted(cursor.fetchall())):
            # Never back: sequences outlive the tests' rolled-back transactions.
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), "
                "GREATEST(nextval(pg_get_serial_sequence(%s, %s)), %s))",
                [table, column, table, column, 900000 + 1000 * n],
            )


def _staff_pages(records):
    """Every GET page of the case records: the argument-less ones and those of each record."""
    for name, pattern in named_patterns():
        route = str(pattern.pattern)
        if name.startswith("admin:") or "logout" in name or ".pdf" in route or "export" in name:
            continue
        if not pattern.pattern.regex.groups:
            url = reverse(name) if name.count(":") <= 1 else None
        else:
            segment = route.split("/")[0]
            record = records.get(RECORD_OF_SEGMENT.get(segment))
            if record is None or pattern.pattern.regex.groups != 1 or "<int:pk>" not in route:
                continue
            url = reverse(name, args=[record.pk])
        if url:
            yield url


@pytest.mark.parametrize("persona", ["kipus", "ous", "director"], indirect=True)
def test_no_page_shows_the_internal_id_of_an_unnumbered_record(client, persona, seed_services):
    _start_sequences_high()
    kipus = persona if persona.has_role(roles.KIPUS) else staff_account("t-kipus-2", roles.KIPUS)
    assessment = make_assessed_request(kipus, seed_services)
    plan = draft_plan(assessment, kipus)
    version = plan.current_version
    item = add_seed_items(version, seed_services)[0]
    workflows.submit_version(version, kipus)  # on the director's list, still unnumbered
    records = {
        "person": assessment.request.person,
        "request": assessment.request,
        "assessment": assessment,
        "plan": plan,
        "version": version,
        "item": item,
    }
    ids = {str(record.pk) for record in records.values()}
    client.force_login(persona)
    shown = []
    pages = list(_staff_pages(records))
    assert len(pages) > 30
    for url in pages:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        for match in re.finditer(r"\bnr\.?\s*(\d+)", text):
            if match.group(1) in ids:
                shown.append((url, match.group(0)))
    assert shown == []
