"""OUS oversight on a constructed dataset whose answers are worked out by hand below."""

import io
import json
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cus import roles
from cus.dates import HalfYear, Quarter
from cus.models import CalendarFeed
from ipus import oversight
from ipus.choices import PlanStatus, RequestStatus, VersionStatus
from ipus.models import (
    Delivery,
    HalfYearSummary,
    InboxMessage,
    MeetingAction,
    MonitoringContact,
    Person,
    PlanItem,
    PlanVersion,
    Request,
)
from services.choices import ProviderKind
from tests.factories import UserFactory
from tests.ipus.conftest import plan_on
from tests.services.factories import ProviderFactory, ServiceFactory

WARSAW = ZoneInfo("Europe/Warsaw")
Q1, Q2 = Quarter(2026, 1), Quarter(2026, 2)


def local(*args):
    return datetime(*args, tzinfo=WARSAW)


def make_plan(
    coordinator,
    name,
    received_at,
    *,
    previous="unknown",
    status=PlanStatus.DRAFT,
    approved_on=None,
    valid=(date(2026, 4, 1), date(2026, 9, 30)),
    items=(),
    ended_on=None,
    contacts=(),
):
    person = Person.objects.create(
        first_name="Osoba",
        last_name=name,
        birth_date=date(1950, 1, 1),
        id_document_type="passport",
        id_document_number=name,
        previous_social_assistance=previous,
    )
    request_obj = Request.objects.create(
        person=person,
        channel="phone",
        coordinator=coordinator,
        requested_text="x",
        received_at=received_at,
        status=RequestStatus.PLAN,
    )
    plan = plan_on(request_obj, status=status, approved_on=approved_on, ended_on=ended_on)
    approved = status not in (PlanStatus.DRAFT, PlanStatus.SUBMITTED)
    version = PlanVersion.objects.create(
        plan=plan,
        valid_from=valid[0],
        valid_to=valid[1],
        expected_improvement="x",
        status=VersionStatus.SIGNED if approved else VersionStatus.DRAFT,
        approved_at=local(approved_on.year, approved_on.month, approved_on.day, 12)
        if approved_on
        else None,
    )
    plan.current_version = version
    plan.save(update_fields=["current_version"])
    for service, provider, quantity, per in items:
        PlanItem.objects.create(
            version=version,
            service=service,
            provider=provider,
            starts_on=valid[0],
            ends_on=valid[1],
            quantity=quantity,
            per=per,
        )
    for day, satisfaction, problem in contacts:
        MonitoringContact.objects.create(
            plan=plan,
            contacted_on=day,
            mode="phone",
            notes="ok",
            satisfaction=satisfaction,
            problem=problem,
            problem_description="Opiekunka się spóźnia" if problem else "",
        )
    return plan


@pytest.fixture
def world(db, kipus):
    """Five plans around the second quarter of 2026 (see the module's tests for the answers)."""
    other = UserFactory(
        username="t-kipus-b", role=roles.KIPUS, first_name="Beata", last_name="Zych"
    )
    pes = ProviderFactory(name="Spółdzielnia (PES)", kind=ProviderKind.PES)
    office = ProviderFactory(name="Urząd", kind=ProviderKind.JST)
    care = ServiceFactory(name="Opieka", unit="hour")
    taxi = ServiceFactory(name="Taksówka", unit="ride")
    plans = {
        # Filed at 23:30 on 31 March in Warsaw: the first quarter.
        "p1": make_plan(
            kipus,
            "Pierwsza",
            local(2026, 3, 31, 23, 30),
            previous="no",
            status=PlanStatus.ACTIVE,
            approved_on=date(2026, 4, 10),
            valid=(date(2026, 4, 15), date(2026, 12, 31)),
            items=[(care, pes, 10, "month")],
            contacts=[(date(2026, 5, 5), 4, False)],
        ),
        # Filed at 00:30 on 1 April: the second quarter; approved 19 days late.
        "p2": make_plan(
            kipus,
            "Druga",
            local(2026, 4, 1, 0, 30),
            previous="yes",
            status=PlanStatus.ACTIVE,
            approved_on=date(2026, 5, 20),
            valid=(date(2026, 6, 1), date(2026, 11, 30)),
            items=[(taxi, office, 2, "month")],
        ),
        "p3": make_plan(kipus, "Trzecia", local(2026, 6, 15, 10)),
        # Filed in March, deadline 31 March, approved 5 April: a breach in both quarters.
        "p4": make_plan(
            other,
            "Czwarta",
            local(2026, 3, 1, 10),
            status=PlanStatus.CLOSED,
            approved_on=date(2026, 4, 5),
            valid=(date(2026, 4, 6), date(2026, 6, 20)),
            ended_on=date(2026, 6, 20),
            items=[(care, pes, 10, "month")],
            contacts=[(date(2026, 6, 10), 2, True)],
        ),
        # Deadline 31 May passed unapproved.
        "p5": make_plan(other, "Piąta", local(2026, 5, 1, 10), status=PlanStatus.SUBMITTED),
    }
    p1_care = plans["p1"].current_version.items.get()
    p2_taxi = plans["p2"].current_version.items.get()
    for line, month, units in (
        (p1_care, date(2026, 5, 1), 8),
        (p1_care, date(2026, 6, 1), 9),
        (p2_taxi, date(2026, 6, 1), 2),
    ):
        Delivery.objects.create(line=line, month=month, units=units, recorded_by=kipus)
    return {**plans, "other": other, "care": care, "taxi": taxi}


def test_the_quarter_numbers(world):
    today = date(2026, 11, 23)
    n = oversight.quarter_numbers(Q2, today)
    assert n["requested"] == 3  # p2 (1 April 00:30), p3, p5 — not p1 (31 March 23:30)
    assert n["approved"] == 3 and n["approved_in_time"] == 1  # p1, p2, p4; only p1 in time
    assert n["in_time_share"] == 33.3
    assert n["breaches"] == 3  # p2 and p4 approved late, p5 never approved
    assert n["active"] == 3  # p1, p2, p4 (closed on 20 June)
    assert n["contacted"] == 2 and n["monitoring_share"] == 66.7
    assert n["closed"] == 1 and n["terminated"] == 0 and n["annexed"] == 0
    assert n["satisfaction"] == Decimal("3.00") and n["rated"] == 2 and n["problems"] == 1
    q1 = oversight.quarter_numbers(Q1, today)
    assert q1["requested"] == 2  # p1 and p4
    assert q1["approved"] == 0 and q1["breaches"] == 1  # p4's deadline fell on 31 March


def test_units_per_service_and_provider(world):
    rows = {row["name"]: row for row in oversight.units_by(Q2, "service")}
    # Care: 10 a month in April–June for p1 and for p4; taxi: 2 in June only.
    assert rows["Opieka"]["granted"] == Decimal("60.00") and rows["Opieka"]["used"] == 17
    assert rows["Opieka"]["persons"] == 2
    assert rows["Taksówka"]["granted"] == Decimal("2.00") and rows["Taksówka"]["used"] == 2
    providers = {row["name"]: row for row in oversight.units_by(Q2, "provider")}
    assert providers["Spółdzielnia (PES)"]["granted"] == Decimal("60.00")


def test_the_review_counts_the_whole_units_granted_in_the_quarter_months(world):
    """A weekly schedule grants whole units month by month (ipus.schedule); the review adds
    up those of the quarter's months, as the capacity numbers do, not a pro-rated average
    ("6 godzin tygodniowo" from 15 April: 14 + 26 + 26 in Q2, never 65,71)."""
    item = world["p1"].current_version.items.get()
    item.quantity, item.per = 6, "week"
    item.save()
    in_q2 = [units for month, units in item.monthly_units() if Q2.start <= month <= Q2.end]
    assert in_q2 == [14, 26, 26]
    rows = {row["name"]: row for row in oversight.units_by(Q2, "service")}
    assert rows["Opieka"]["granted"] == Decimal(66 + 30)  # and p4's 10 a month
    [_q1, q2] = oversight.indicators([Q1, Q2])["rows"]
    assert q2["units_granted"] == Decimal(66 + 30 + 2)
    # Q3 holds p1's July–September only (p4 ended on 20 June), whole units again.
    q3 = {row["name"]: row for row in oversight.units_by(Quarter(2026, 3), "service")}
    assert q3["Opieka"]["granted"] == sum(
        units for month, units in item.monthly_units() if 7 <= month.month <= 9
    )


def test_the_breakdown_per_coordinator(world, kipus):
    rows = {row["coordinator"]: row for row in oversight.by_coordinator(Q2, date(2026, 11, 23))}
    mine, theirs = rows[kipus.pk], rows[world["other"].pk]
    assert (
        mine["requested"],
        mine["approved"],
        mine["breaches"],
        mine["active"],
        mine["contacted"],
    ) == (2, 2, 1, 2, 1)
    assert (
        theirs["requested"],
        theirs["approved"],
        theirs["breaches"],
        theirs["active"],
        theirs["contacted"],
    ) == (1, 1, 2, 1, 1)


def test_the_indicators(world):
    [q1, q2] = oversight.indicators([Q1, Q2])["rows"]
    assert q2["new_persons"] == 1  # p1's person had no social assistance before
    assert q2["new_services"] == 2  # care (5 April) and the taxi (20 May) first granted in Q2
    assert q2["providers"] == 2 and q2["pes_share"] == 50.0
    assert q2["services_in_use"] == 2 and q2["volunteers"] == 0
    assert q2["units_granted"] == Decimal("62.00") and q2["monitoring_share"] == 66.7
    assert q1["new_persons"] == 0 and q1["new_services"] == 0


@pytest.mark.parametrize(
    ("moment", "quarter"),
    [
        (local(2026, 3, 31, 23, 59), Q1),
        (local(2026, 4, 1, 0, 0), Q2),
        (local(2025, 12, 31, 23, 59), Quarter(2025, 4)),
        (local(2026, 1, 1, 0, 0), Q1),
    ],
)
def test_quarter_boundaries_are_warsaw_days(moment, quarter):
    assert Quarter.of(moment.date()) == quarter
    assert quarter.start_at <= moment < quarter.end_at
    utc = moment.astimezone(ZoneInfo("UTC"))
    assert quarter.start_at <= utc < quarter.end_at  # the same instant in UTC


def test_quarter_and_half_parsing():
    assert Quarter.parse("2026-Q4") == Quarter(2026, 4)
    assert Quarter.parse("2026-Q5") is None and Quarter.parse("x'--") is None
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert HalfYear.parse("2026-H2").quarters == [Quarter(2026, 3), Quarter(2026, 4)]


def test_the_review_page_shows_overdue_monitoring_and_exports_xlsx(client, ous, world):
    client.force_login(ous)
    page = client.get(reverse("ipus:quarter-review"), {"q": "2026-Q2"}).content.decode()
    assert "Przekroczenia terminu zatwierdzenia (30 dni)" in page and "Piąta" in page
    # Units as a person reads them: "60", never "60,00".
    assert "<td>Opieka</td>\n        <td>2</td>\n        <td>60</td>\n        <td>17</td>" in page
    assert not re.search(r"<td>\d+,00</td>", page)
    response = client.get(reverse("ipus:quarter-review"), {"q": "2026-Q2", "format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    rows = {
        row[0]: row[1] for row in workbook["Zestawienie"].iter_rows(min_row=2, values_only=True)
    }
    assert rows["Zatwierdzone"] == 3 and rows["Przekroczenia terminu"] == 3
    services = list(workbook["Usługi"].iter_rows(min_row=2, values_only=True))
    assert ("Opieka", 2, 60, 17) in [(a, b, float(c), float(d)) for a, b, c, d in services]
    # A nonsense quarter falls back to the current one instead of failing.
    assert client.get(reverse("ipus:quarter-review"), {"q": "2026-Q9"}).status_code == 200


def test_the_review_page_has_a_constant_query_count(
    client, ous, world, kipus, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cus.models import ReportCache

    client.force_login(ous)
    url = reverse("ipus:quarter-review")
    client.get(url, {"q": "2026-Q2"})
    ReportCache.objects.all().delete()  # count the computation, not a cache hit
    with CaptureQueriesContext(connection) as before:
        client.get(url, {"q": "2026-Q2"})
    assert len(before.captured_queries) <= 15  # the access-log row of the plans shown included
    for n in range(15):
        make_plan(
            kipus,
            f"Więcej{n}",
            local(2026, 4, 2, 10),
            status=PlanStatus.ACTIVE,
            approved_on=date(2026, 4, 20),
            items=[(world["care"], None, 1, "week")],
            contacts=[(date(2026, 5, 1), 5, False)],
        )
    ReportCache.objects.all().delete()
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url, {"q": "2026-Q2"})
    # Cached: session, user, roles, data stamp; and the access-log row of the plans shown.
    with django_assert_num_queries(5):
        client.get(url, {"q": "2026-Q2"})


def test_the_cached_review_counts_a_plan_added_after_it_was_cached(client, ous, world, kipus):
    from ipus.oversight import cached_quarter_review, cached_quarter_review_html

    client.force_login(ous)
    url = reverse("ipus:quarter-review")
    quarter = Quarter(2026, 2)
    assert client.get(url, {"q": "2026-Q2"}).status_code == 200  # cached now
    before = cached_quarter_review(quarter)["numbers"]
    active_card = '<div class="small text-muted">W realizacji</div><div class="fs-4">{}</div>'
    assert active_card.format(before["active"]) in cached_quarter_review_html(quarter)
    make_plan(
        kipus,
        "Późniejsza",
        local(2026, 4, 3, 10),
        status=PlanStatus.ACTIVE,
        approved_on=date(2026, 4, 21),
        items=[(world["care"], None, 1, "week")],
        contacts=[(date(2026, 5, 2), 4, False)],
    )
    page = client.get(url, {"q": "2026-Q2"}).content.decode()
    assert active_card.format(before["active"] + 1) in page
    after = cached_quarter_review(quarter)["numbers"]
    assert after["active"] == before["active"] + 1
    assert after["rated"] == before["rated"] + 1


def test_the_ous_records_a_meeting_with_an_action_tracked_until_done(client, ous, kipus, world):
    client.force_login(ous)
    response = client.post(
        reverse("ipus:meeting-create") + "?q=2026-Q2",
        {
            "held_on": "2026-06-25",
            "coordinators": [kipus.pk, world["other"].pk],
            "agenda": "Omówienie planów i współpracy z realizatorami",
            "notes": "Zaległe monitorowanie u p. Zych",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Uzupełnić kontakty monitorujące",
            "actions-0-owner": world["other"].pk,
            "actions-0-due_on": "2026-07-15",
        },
    )
    assert response.status_code == 302
    action = MeetingAction.objects.get()
    assert action.meeting.quarter == 2 and action.done_on is None
    # The owner sees it as due and marks it done; others cannot.
    items = [
        item.title for item in __import__("cus.todo", fromlist=["x"]).items_for(world["other"])
    ]
    assert any("Uzupełnić kontakty" in title for title in items)
    client.force_login(kipus)
    assert client.post(reverse("ipus:action-done", args=[action.pk])).status_code == 404
    client.force_login(world["other"])
    client.post(reverse("ipus:action-done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()


def test_the_half_year_summary_reaches_the_director_and_osl_with_read_receipts(
    client, ous, director, osl_organizer, world
):
    client.force_login(ous)
    response = client.post(
        reverse("ipus:summary-create") + "?h=2026-H1",
        {
            "effectiveness": "Plany realizowane skutecznie; żółte światło dla terminów.",
            "directions": "Wzmocnić sąsiedzką pomoc na osiedlu Południe.",
        },
    )
    summary = HalfYearSummary.objects.get()
    assert response.url == summary.get_absolute_url()
    assert set(InboxMessage.objects.values_list("recipient", flat=True)) == {
        director.pk,
        osl_organizer.pk,
    }
    text = " ".join(
        "".join(
            p.extract_text()
            for p in __import__("pypdf").PdfReader(io.BytesIO(summary.document.read())).pages
        ).split()
    )
    assert "PODSUMOWANIE REALIZACJI INDYWIDUALNYCH PLANÓW USŁUG SPOŁECZNYCH" in text
    assert "Wzmocnić sąsiedzką pomoc" in text
    for name in ("Pierwsza", "Druga", "Czwarta", "Piąta"):
        assert name not in text and name not in json.dumps(summary.numbers)

    # The OSL organizer reads it (aggregates only) but sees no case.
    client.force_login(osl_organizer)
    inbox = client.get(reverse("ipus:inbox")).content.decode()
    assert "Podsumowanie realizacji IPUS" in inbox
    message = InboxMessage.objects.get(recipient=osl_organizer)
    response = client.get(reverse("ipus:inbox-detail", args=[message.pk]), follow=True)
    assert "Wzmocnić sąsiedzką pomoc" in response.content.decode()
    assert "Piąta" not in response.content.decode()
    message.refresh_from_db()
    first_read = message.read_at
    assert first_read is not None
    client.get(reverse("ipus:summary-detail", args=[summary.pk]))
    message.refresh_from_db()
    assert message.read_at == first_read  # the first opening counts
    assert client.get(reverse("ipus:quarter-review")).status_code == 403
    assert client.get(reverse("ipus:plan-list")).status_code == 403
    # The director has not opened it yet; the OUS sees who read it.
    client.force_login(ous)
    page = client.get(reverse("ipus:summary-detail", args=[summary.pk])).content.decode()
    assert "nieodczytane" in page and "odczytano" in page


def test_the_ical_feed_holds_the_users_due_items_and_a_wrong_token_is_404(client, kipus, world):
    from icalendar import Calendar

    client.force_login(kipus)
    # Opening the page makes no secret address; the user's button does.
    assert "Utwórz adres kalendarza" in client.get(reverse("cus:calendar")).content.decode()
    assert not CalendarFeed.objects.filter(user=kipus).exists()
    client.post(reverse("cus:calendar-reset"))
    feed = CalendarFeed.objects.get(user=kipus)
    assert feed.token in client.get(reverse("cus:calendar")).content.decode()
    client.logout()
    response = client.get(reverse("cus:calendar-feed", args=[feed.token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    p3 = world["p3"]
    assert f"plan-deadline-{p3.pk}" in events  # p3 awaits approval
    assert events[f"plan-deadline-{p3.pk}"].decoded("DTSTART") == p3.approval_deadline
    assert all("Trzecia" not in str(event["SUMMARY"]) for event in events.values())  # no names
    assert client.get(reverse("cus:calendar-feed", args=["nie-ten-token"])).status_code == 404
    client.force_login(kipus)
    client.post(reverse("cus:calendar-reset"))
    client.logout()
    assert client.get(reverse("cus:calendar-feed", args=[feed.token])).status_code == 404


def test_due_items_reach_the_home_page_by_urgency(client, kipus, world):
    client.force_login(kipus)
    page = client.get(reverse("cus:home")).content.decode()
    assert "Do zrobienia" in page and "Termin zatwierdzenia IPUS" in page


def test_the_indicators_page_draws_charts_and_exports(client, ous, osl_organizer, world):
    client.force_login(osl_organizer)  # aggregates only: the OSL organizer may see them
    page = client.get(reverse("ipus:indicators"), {"q": "2026-Q2"}).content.decode()
    assert "<svg" in page and "Nowe osoby" in page
    assert "<td>62</td>" in page and not re.search(r"<td>\d+,00</td>", page)  # units granted
    response = client.get(reverse("ipus:indicators"), {"q": "2026-Q2", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content))["Wskaźniki"]
    last = list(sheet.iter_rows(values_only=True))[-1]
    assert last[0] == "II kwartał 2026" and last[1] == 1 and last[2] == 2
