"""OSL: timing forms, progress, versions, permissions, documents, exports and the calendar."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from cus import todo
from cus.dates import Quarter
from osl import progress, workflows
from osl.models import (
    Activity,
    Community,
    Indicator,
    IndicatorValue,
    OslPlan,
    ScheduleItem,
    Volunteer,
    VolunteerHours,
)

Q = Quarter


def pdf_text(data):
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def plan(db, osl_organizer):
    plan = OslPlan(
        title="Plan OSL na lata 2025–2026",
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
    )
    plan.stamp(osl_organizer)
    plan.save()
    return plan


def item(plan, **fields):
    fields.setdefault("task", "Zadanie")
    return ScheduleItem.objects.create(plan=plan, area="animation", **fields)


@pytest.mark.parametrize(
    ("timing", "expected"),
    [
        # 7-day cycles from 1 January 2025: those ending in each quarter (the 92 days of
        # Q3 hold 14 cycle ends).
        ({"timing_kinds": ["frequency"], "frequency": "weekly"}, [14, 13, 13]),
        ({"timing_kinds": ["frequency"], "frequency": "monthly"}, [3, 3, 3]),
        # One per half-year, due in the quarter the half-year ends (never 0.5 a quarter).
        ({"timing_kinds": ["frequency"], "frequency": "half_yearly"}, [0, 1, 0]),
        ({"timing_kinds": ["frequency"], "frequency": "yearly"}, [0, 1, 0]),
        ({"timing_kinds": ["frequency"], "frequency": "as_needed"}, [None] * 3),
        ({"timing_kinds": ["quarters"], "quarters": ["2025-Q4", "2026-Q1"]}, [0, 1, 1]),
        ({"timing_kinds": ["months"], "months": ["2025-11", "2025-12", "2026-01"]}, [0, 2, 1]),
        (
            {
                "timing_kinds": ["range"],
                "starts_on": date(2025, 11, 1),
                "ends_on": date(2025, 12, 31),
            },
            [0, 1, 0],
        ),
        ({"timing_kinds": ["date"], "starts_on": date(2026, 3, 31)}, [0, 0, 1]),
    ],
)
def test_expected_occurrences_per_quarter_for_each_timing_form(plan, timing, expected):
    row = item(plan, **timing)
    got = [row.expected_in(q) for q in (Q(2025, 3), Q(2025, 4), Q(2026, 1))]
    assert got == expected
    assert row.expected_in(Q(2027, 1)) == 0  # outside the plan


def test_progress_compares_planned_and_achieved(plan, osl_organizer):
    monthly = item(
        plan,
        timing_kinds=["frequency"],
        frequency="monthly",
        participants="10",
        participants_basis="occurrence",
    )
    visitors = Indicator.objects.create(item=monthly, name="Zgłoszenia", target=25, unit="zgłoszeń")
    volunteers = Indicator.objects.create(item=monthly, name="Wolontariusze", target=5, unit="osób")
    for day, people, applications in ((date(2025, 1, 10), 8, 10), (date(2025, 2, 10), 12, 16)):
        activity = Activity.objects.create(
            item=monthly, held_on=day, place="Świetlica", description="x", participants=people
        )
        IndicatorValue.objects.create(activity=activity, indicator=visitors, value=applications)
        IndicatorValue.objects.create(activity=activity, indicator=volunteers, value=2)
    [row] = progress.item_progress(plan, Q(2025, 1))
    assert (row.expected, row.held, row.people) == (3, 2, 20)
    assert row.participants_target == 30 and row.behind  # 2 of 3 monthly meetings held
    achieved = {i.name: (i.achieved, i.reached) for i in row.indicator_progress}
    assert achieved == {"Zgłoszenia": (26, True), "Wolontariusze": (4, False)}
    [later] = progress.item_progress(plan, Q(2025, 2))
    assert later.held == 0 and later.indicator_progress[0].achieved == 0


def test_adopting_freezes_the_version_and_updates_are_new_versions(
    client, plan, osl_organizer, director
):
    community = Community.objects.create(plan=plan, name="Wzgórze", kind="territorial")
    row = item(plan, community=community, timing_kinds=["frequency"], frequency="quarterly")
    Indicator.objects.create(item=row, name="Uczestnicy", target=25, unit="osób")
    client.force_login(osl_organizer)
    client.post(reverse("osl:plan-submit", args=[plan.pk]))
    client.force_login(director)
    client.post(
        reverse("osl:plan-adopt", args=[plan.pk]),
        {"order_number": "12/2025", "order_date": "2025-01-10"},
    )
    plan.refresh_from_db()
    assert plan.status == "adopted" and plan.order_number == "12/2025"
    client.force_login(osl_organizer)
    response = client.get(reverse("osl:plan-update", args=[plan.pk]))
    assert response.status_code == 302  # an adopted plan is not edited
    response = client.post(
        reverse("osl:plan-new-version", args=[plan.pk]), {"version-reason": "Nowa społeczność"}
    )
    copy = OslPlan.objects.get(previous=plan)
    assert response.url == copy.get_absolute_url()
    assert copy.version_number == 2 and copy.status == "draft"
    copied = copy.schedule_items.get()
    assert copied.origin_id == row.pk and copied.community.name == "Wzgórze"
    assert copied.indicators.get().target == 25
    copied.task = "Zmienione zadanie"
    copied.save()
    row.refresh_from_db()
    assert row.task == "Zadanie"  # the adopted version stays as adopted
    workflows.submit(copy, osl_organizer)
    client.force_login(director)
    client.post(
        reverse("osl:plan-adopt", args=[copy.pk]),
        {"order_number": "3/2026", "order_date": "2026-01-05"},
    )
    plan.refresh_from_db()
    assert plan.status == "superseded"  # replaced by the update: "zastąpiony"


def test_copy_forward_moves_the_schedule_to_next_year(plan, osl_organizer):
    item(plan, timing_kinds=["quarters"], quarters=["2025-Q4"])
    item(plan, timing_kinds=["months"], months=["2026-11"])
    copy = workflows.new_version(
        plan, osl_organizer, years=1, conclusions="Więcej zajęć dla dzieci"
    )
    assert copy.period_start == date(2026, 1, 1)
    slugs = [slug for i in copy.schedule_items.all() for slug in i.quarters + i.months]
    assert sorted(slugs) == [
        "2026-Q4",
        "2027-11",
    ]
    assert copy.monitoring_conclusions == "Więcej zajęć dla dzieci"


def test_an_animator_logs_activities_and_nothing_else(client, plan, director, animator):
    row = item(plan, timing_kinds=["frequency"], frequency="monthly")
    indicator = Indicator.objects.create(item=row, name="Uczestnicy", target=10, unit="osób")
    workflows.adopt(workflows.submit(plan, director), "1/2025", date(2025, 1, 1), director)
    client.force_login(animator)
    response = client.post(
        reverse("osl:activity-create", args=[row.pk]),
        {
            "held_on": "2025-03-03",
            "place": "Świetlica „Motylkowe Wzgórze”",
            "description": "Gry planszowe",
            "participants": "14",
            "children": "10",
            "seniors": "4",
            f"indicator_{indicator.pk}": "14",
            "hours-TOTAL_FORMS": "0",
            "hours-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.created_by == animator and activity.values.get().value == 14
    assert client.get(reverse("osl:plan-detail", args=[plan.pk])).status_code == 403
    assert client.get(reverse("osl:volunteer-list")).status_code == 403
    # A breakdown larger than the total is refused with a message.
    response = client.post(
        reverse("osl:activity-create", args=[row.pk]),
        {
            "held_on": "2025-03-04",
            "place": "x",
            "description": "x",
            "participants": "3",
            "children": "5",
            "hours-TOTAL_FORMS": "0",
            "hours-INITIAL_FORMS": "0",
        },
    )
    assert "przekracza liczbę uczestników" in response.content.decode()


def test_plan_and_report_pdfs_hold_polish_text(client, plan, osl_organizer, director):
    community = Community.objects.create(plan=plan, name="Ostrowiecka", kind="territorial")
    row = item(
        plan,
        community=community,
        timing_kinds=["frequency"],
        frequency="quarterly",
        task="Gry terenowe dla dzieci i młodzieży",
    )
    workflows.adopt(workflows.submit(plan, director), "2/2025", date(2025, 1, 2), director)
    Activity.objects.create(
        item=row, held_on=date(2025, 5, 5), place="Podwórko", description="Gra", participants=17
    )
    client.force_login(osl_organizer)
    text = pdf_text(client.get(reverse("osl:plan-pdf", args=[plan.pk])).content)
    assert "PLAN OSL NA LATA 2025–2026" in text and "Gry terenowe dla dzieci i młodzieży" in text
    assert "Harmonogram działań — Ostrowiecka" in text
    client.post(
        reverse("osl:report-create", args=[plan.pk]),
        {
            "report-period": "2025-01-01_2025-12-31",
            "report-narrative": "Zwiększyła się integracja sąsiedzka — źródło sukcesu.",
        },
    )
    report = plan.reports.get()
    assert report.deadline == date(2026, 3, 31)
    text = pdf_text(report.document.read())
    assert "SPRAWOZDANIE Z REALIZACJI PLANU ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ ZA ROK 2025" in text
    assert "Zrealizowano 1 działanie; liczba uczestników: 17" in text
    assert "integracja sąsiedzka" in text


def test_schedule_and_activity_exports(client, plan, osl_organizer):
    row = item(
        plan, timing_kinds=["months"], months=["2025-11", "2025-12"], task="Mikołajki sąsiedzkie"
    )
    Indicator.objects.create(
        item=row, name="Uczestnicy", target=25, unit="osób", evidence="lista obecności"
    )
    Activity.objects.create(
        item=row, held_on=date(2025, 12, 6), place="CAS", description="x", participants=30
    )
    client.force_login(osl_organizer)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("osl:schedule-xlsx", args=[plan.pk])).content)
    )["Harmonogram"]
    [values] = list(sheet.iter_rows(min_row=2, values_only=True))
    assert values[3] == "Mikołajki sąsiedzkie" and values[7] == "listopad 2025, grudzień 2025"
    assert values[8] == "Uczestnicy: min. 25 osób [źródło: lista obecności]"
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("osl:activity-list"), {"format": "xlsx"}).content)
    )["Działania"]
    [row] = sheet.iter_rows(min_row=2, values_only=True)
    assert row[6] == 30


def test_the_annual_report_deadline_is_on_the_calendar(client, plan, osl_organizer, director):
    workflows.adopt(workflows.submit(plan, director), "3/2025", date(2025, 1, 3), director)
    titles = {item.uid: item for item in todo.items_for(osl_organizer)}
    due = titles[f"osl-report-{plan.pk}-2025"]
    assert due.due == date(2026, 3, 31)


def test_volunteers_feed_the_ous_indicator(plan, osl_organizer):
    from ipus import oversight

    row = item(plan, timing_kinds=["frequency"], frequency="monthly")
    volunteer = Volunteer.objects.create(name="Alicja", consent_on=date(2025, 1, 1))
    activity = Activity.objects.create(
        item=row, held_on=date(2025, 2, 2), place="x", description="x"
    )
    VolunteerHours.objects.create(activity=activity, volunteer=volunteer, hours=3)
    [q1] = oversight.indicators([Q(2025, 1)])["rows"]
    assert q1["volunteers"] == 1


# progress: + page, data stamp. The items, their activities across versions (one recursive
# query) and the indicators with their values (another); the pager counts the pk list
# instead of a COUNT query.
QUERIES = {"activities": 5, "progress": 9, "plans": 5}


@pytest.mark.parametrize("rows", [3, 30])
def test_lists_keep_a_constant_query_count(
    client, plan, osl_organizer, django_assert_num_queries, rows
):
    for n in range(rows):
        row = item(plan, timing_kinds=["frequency"], frequency="monthly", task=f"Zadanie {n}")
        Indicator.objects.create(item=row, name="Uczestnicy", target=5, unit="osób")
        Activity.objects.create(item=row, held_on=date(2025, 1, 5), place="x", description="x")
    client.force_login(osl_organizer)
    for url, queries in (
        (reverse("osl:activity-list"), QUERIES["activities"]),
        (reverse("osl:plan-progress", args=[plan.pk]), QUERIES["progress"]),
        (reverse("osl:plan-list"), QUERIES["plans"]),
    ):
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


def test_only_osl_and_the_director_see_volunteers(client, kipus):
    client.force_login(kipus)
    assert client.get(reverse("osl:volunteer-list")).status_code == 403
    assert client.get(reverse("osl:partner-list")).status_code == 200


def test_the_ical_feed_holds_scheduled_activities_and_the_report(
    client, plan, osl_organizer, director
):
    from datetime import timedelta

    from django.utils import timezone
    from icalendar import Calendar

    from cus.models import CalendarFeed

    soon = timezone.localdate() + timedelta(days=5)
    OslPlan.objects.filter(pk=plan.pk).update(period_end=soon + timedelta(days=400))
    picnic = item(plan, timing_kinds=["date"], starts_on=soon, task="Piknik sąsiedzki")
    workflows.adopt(workflows.submit(plan, director), "4/2025", date(2025, 1, 4), director)
    feed = CalendarFeed.objects.create(user=osl_organizer)
    response = client.get(reverse("cus:calendar-feed", args=[feed.token]))
    events = {
        str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert events[f"osl-item-{picnic.pk}"].decoded("DTSTART") == soon
    assert f"osl-report-{plan.pk}-2025" in events


def test_an_activity_without_an_author_shows_a_dash_not_none(client, plan, osl_organizer):
    row = item(plan, timing_kinds=["frequency"], frequency="monthly")
    Activity.objects.create(item=row, held_on=date(2025, 2, 2), place="Świetlica", description="x")
    client.force_login(osl_organizer)
    for url in (reverse("osl:item-detail", args=[row.pk]), reverse("osl:activity-list")):
        page = client.get(url).content.decode()
        assert "Świetlica" in page and "None" not in page


@pytest.mark.parametrize("registry", ["partner", "resource"])
def test_registry_readers_get_no_edit_links_and_the_organizer_edits(
    client, director, osl_organizer, registry
):
    from osl.models import Partner, Resource

    entry = (
        Partner.objects.create(name="Szkoła", kind="school", cooperation="partnership")
        if registry == "partner"
        else Resource.objects.create(name="Świetlica", capital="infrastructure")
    )
    list_url = reverse(f"osl:{registry}-list")
    update_url = reverse(f"osl:{registry}-update", args=[entry.pk])
    client.force_login(director)
    page = client.get(list_url).content.decode()
    assert update_url not in page and reverse(f"osl:{registry}-create") not in page
    client.force_login(osl_organizer)
    assert update_url in client.get(list_url).content.decode()
    form = client.get(update_url).content.decode()
    # "Anuluj" goes back to the list, not to an entry page that does not exist.
    assert f'href="{list_url}">Anuluj' in form
