"""OSL plan years: report periods from the plan's own start, one report per period with only
its activities, corrected versions, deadlines, next year's schedule and progress across
versions, expected occurrences in whole numbers."""

import io
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pypdf import PdfReader

from cus import todo
from cus.dates import Quarter
from osl import progress, workflows
from osl.choices import Frequency
from osl.models import (
    Activity,
    AnnualReport,
    Community,
    Indicator,
    IndicatorValue,
    OslPlan,
    ReportPeriod,
    ScheduleItem,
)


def pdf_text(data):
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def make_plan(user, start, end, title="Plan OSL na lata 2025–2027"):
    plan = OslPlan(title=title, period_start=start, period_end=end)
    plan.stamp(user)
    plan.save()
    return plan


def log(item, day, people=10):
    return Activity.objects.create(
        item=item, held_on=day, place="Świetlica", description="Spotkanie", participants=people
    )


@pytest.fixture
def july_plan(db, osl_organizer, director):
    """1 July 2025 – 30 June 2027: two plan years, activities in both."""
    plan = make_plan(osl_organizer, date(2025, 7, 1), date(2027, 6, 30))
    community = Community.objects.create(plan=plan, name="Wzgórze", kind="territorial")
    meetings = ScheduleItem.objects.create(
        plan=plan,
        community=community,
        area="animation",
        task="Spotkania sąsiedzkie",
        timing_kinds=["frequency"],
        frequency="monthly",
    )
    flyers = Indicator.objects.create(item=meetings, name="Ulotki", target=10, unit="szt.")
    workflows.adopt(workflows.submit(plan, director), "5/2025", date(2025, 6, 20), director)
    for day, people in ((date(2025, 9, 5), 12), (date(2026, 5, 8), 8)):  # the first plan year
        IndicatorValue.objects.create(
            activity=log(meetings, day, people), indicator=flyers, value=4
        )
    for day in (date(2026, 7, 3), date(2026, 9, 4), date(2026, 10, 2)):  # the second
        IndicatorValue.objects.create(activity=log(meetings, day, 20), indicator=flyers, value=1)
    return plan


def report(client, plan, period, narrative="Mieszkańcy zaczęli się spotykać.", **other):
    return client.post(
        reverse("osl:report-create", args=[plan.pk]),
        {"report-period": period, "report-narrative": narrative, **other},
    )


def test_a_plan_reports_on_plan_years_from_its_own_start(db, osl_organizer):
    july = make_plan(osl_organizer, date(2026, 7, 1), date(2027, 6, 30))
    assert [p.label for p in july.report_periods] == ["01.07.2026–30.06.2027"]
    calendar = make_plan(osl_organizer, date(2023, 1, 1), date(2024, 12, 31))
    assert [p.label for p in calendar.report_periods] == ["2023", "2024"]
    cut = make_plan(osl_organizer, date(2026, 7, 1), date(2027, 12, 31))
    assert cut.report_periods == [
        ReportPeriod(date(2026, 7, 1), date(2027, 6, 30)),
        ReportPeriod(date(2027, 7, 1), date(2027, 12, 31)),
    ]


def test_the_deadline_follows_the_period_end(settings):
    assert ReportPeriod(date(2025, 1, 1), date(2025, 12, 31)).deadline == date(2026, 3, 31)
    assert ReportPeriod(date(2026, 7, 1), date(2027, 6, 30)).deadline == date(2027, 9, 30)
    settings.CUS_OSL_REPORT_DUE_MONTHS = 1
    assert ReportPeriod(date(2025, 1, 1), date(2025, 12, 31)).deadline == date(2026, 1, 31)


def test_each_plan_year_report_counts_only_its_own_activities(client, july_plan, osl_organizer):
    client.force_login(osl_organizer)
    first, second = july_plan.report_periods
    report(client, july_plan, first.slug)
    report(client, july_plan, second.slug)
    one, two = AnnualReport.objects.order_by("period_start")
    assert (one.period, two.period) == (first, second)
    assert one.numbers["activities"] == 2 and one.numbers["participants"] == 20
    assert two.numbers["activities"] == 3 and two.numbers["participants"] == 60
    assert one.numbers["communities"] == [{"name": "Wzgórze", "activities": 2, "participants": 20}]
    text = pdf_text(one.document.read())
    assert "ZA OKRES 01.07.2025–30.06.2026" in text
    assert "Ulotki (szt.): 10 / 8" in text  # plan / wykonanie: 4 + 4 in the first year only
    assert "12 / 2" in text  # twelve monthly meetings planned, two held
    assert "Ulotki (szt.): 10 / 3" in pdf_text(two.document.read())
    assert one.deadline == date(2026, 9, 30)


def test_a_second_report_for_the_same_period_is_refused(client, july_plan, osl_organizer):
    client.force_login(osl_organizer)
    first = july_plan.report_periods[0]
    report(client, july_plan, first.slug)
    response = report(client, july_plan, first.slug, "Druga próba")
    assert AnnualReport.objects.count() == 1
    [message] = [str(m) for m in get_messages(response.wsgi_request)][-1:]
    assert "Za ten okres jest już sprawozdanie" in message and "wersję poprawioną" in message
    # Another version of the plan shares its reports: an update does not reopen the year.
    update = workflows.new_version(july_plan, osl_organizer, reason="Nowa społeczność")
    OslPlan.objects.filter(pk=update.pk).update(status="adopted")
    report(client, update, first.slug, "Z nowej wersji")
    # An overlapping other period is refused as well: nothing is counted twice.
    report(
        client,
        july_plan,
        "other",
        **{"report-period_start": "2026-01-01", "report-period_end": "2026-12-31"},
    )
    assert AnnualReport.objects.count() == 1


def test_another_period_must_lie_inside_the_plan(client, july_plan, osl_organizer):
    client.force_login(osl_organizer)
    outside = {"report-period_start": "2025-01-01", "report-period_end": "2025-12-31"}
    response = report(client, july_plan, "other", **outside)
    assert AnnualReport.objects.count() == 0
    assert any("w okresie planu" in str(m) for m in get_messages(response.wsgi_request))
    report(client, july_plan, "other", **{"report-period_start": "2026-07-01"})
    assert AnnualReport.objects.count() == 0  # the end is missing
    inside = {"report-period_start": "2026-07-01", "report-period_end": "2026-09-30"}
    report(client, july_plan, "other", **inside)
    [made] = AnnualReport.objects.all()
    assert made.numbers["activities"] == 2 and str(made.period) == "01.07.2026–30.09.2026"


def test_a_corrected_version_replaces_the_report_and_keeps_the_old_one(
    client, july_plan, osl_organizer
):
    client.force_login(osl_organizer)
    first = july_plan.report_periods[0]
    report(client, july_plan, first.slug, "Pierwsza wersja")
    old = AnnualReport.objects.get()
    Activity.objects.create(
        item=july_plan.schedule_items.get(),
        held_on=date(2026, 6, 1),
        place="Park",
        description="Dopisane po sprawozdaniu",
        participants=5,
    )
    client.post(
        reverse("osl:report-correct", args=[old.pk]),
        {f"correct-{old.pk}-narrative": "Wersja poprawiona: doliczono czerwiec"},
    )
    old.refresh_from_db()
    new = AnnualReport.objects.current().get()
    assert old.replaced_by == new and new.revision == 2 and new.period == old.period
    assert new.numbers["activities"] == 3 and old.numbers["activities"] == 2
    assert new.narrative == "Wersja poprawiona: doliczono czerwiec"
    assert old.history.count() >= 2  # the replacement is in the old report's history
    page = client.get(july_plan.get_absolute_url()).text
    assert str(new) in page and "wersja poprawiona 2" in page
    assert reverse("osl:report-pdf", args=[old.pk]) in page  # the earlier version, linked
    assert "Wersja poprawiona nr 2" in pdf_text(new.document.read())
    # The replaced one cannot be corrected again (only the current one).
    client.post(reverse("osl:report-correct", args=[old.pk]), {f"correct-{old.pk}-narrative": "x"})
    assert AnnualReport.objects.count() == 2


def test_the_to_do_names_each_ended_plan_year_once(db, july_plan, osl_organizer, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date(2026, 8, 1))
    update = workflows.new_version(july_plan, osl_organizer, reason="Aktualizacja")
    OslPlan.objects.filter(pk=update.pk).update(status="adopted")
    dues = [d for d in todo.items_for(osl_organizer) if d.kind == "osl-report"]
    assert [(d.title, d.due) for d in dues] == [
        ("Sprawozdanie z realizacji planu OSL za 01.07.2025–30.06.2026", date(2026, 9, 30))
    ]
    workflows.generate_report(july_plan, july_plan.report_periods[0], "Opis", osl_organizer)
    assert not [d for d in todo.items_for(osl_organizer) if d.kind == "osl-report"]


def test_next_years_schedule_keeps_the_conclusions_and_starts_after_the_plan_year(
    client, osl_organizer, director, monkeypatch
):
    plan = make_plan(
        osl_organizer, date(2023, 1, 1), date(2024, 12, 31), "Plan OSL na lata 2023–2024"
    )
    ScheduleItem.objects.create(
        plan=plan, area="animation", task="Festyn", timing_kinds=["quarters"], quarters=["2023-Q3"]
    )
    workflows.adopt(workflows.submit(plan, director), "1/2023", date(2022, 12, 20), director)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date(2023, 11, 15))
    client.force_login(osl_organizer)
    page = client.get(plan.get_absolute_url()).text
    assert 'name="copy-forward"' in page and 'name="copy-conclusions"' in page  # last quarter
    typed = "Więcej zajęć dla dzieci;\nmniej festynów — „Wzgórze” prosi o świetlicę."
    client.post(
        reverse("osl:plan-new-version", args=[plan.pk]),
        {"copy-conclusions": typed, "copy-forward": "1"},
    )
    copy = OslPlan.objects.get(previous=plan)
    assert copy.monitoring_conclusions == typed  # verbatim, not the button's "1"
    assert (copy.period_start, copy.period_end) == (date(2024, 1, 1), date(2025, 12, 31))
    assert copy.title == "Plan OSL na lata 2024–2025"
    assert copy.schedule_items.get().quarters == ["2024-Q3"]


def test_the_next_year_comes_after_the_plan_year_today_is_in(db, osl_organizer):
    plan = make_plan(osl_organizer, date(2026, 7, 1), date(2027, 6, 30), "Plan OSL")
    period, years = plan.next_year_period(date(2027, 5, 10))
    assert (period.start, period.end, years) == (date(2027, 7, 1), date(2028, 6, 30), 1)
    assert plan.title_moved(years) == "Plan OSL"  # a title without years stays
    assert not plan.plan_year_of(date(2027, 3, 31)).last_quarter_start <= date(2027, 3, 31)
    assert plan.plan_year_of(date(2027, 4, 1)).last_quarter_start == date(2027, 4, 1)


def test_progress_follows_an_item_into_the_new_version(db, july_plan, osl_organizer):
    update = workflows.new_version(july_plan, osl_organizer, reason="Aktualizacja")
    [before] = progress.item_progress(july_plan, period=july_plan.report_periods[0])
    [after] = progress.item_progress(update, period=update.report_periods[0])
    assert (after.held, after.people) == (before.held, before.people) == (2, 20)
    assert [(i.name, i.achieved) for i in after.indicator_progress] == [("Ulotki", 8)]
    # And a third version counts the first's activities and the second's.
    log(update.schedule_items.get(), date(2026, 6, 20), 7)
    third = workflows.new_version(update, osl_organizer, reason="Znowu")
    [row] = progress.item_progress(third, Quarter(2026, 2))
    assert (row.held, row.people) == (2, 15)


EVERY_TIMING = [{"timing_kinds": ["frequency"], "frequency": f} for f in Frequency.values] + [
    {"timing_kinds": ["quarters"], "quarters": ["2025-Q3", "2026-Q2"]},
    {"timing_kinds": ["months"], "months": ["2025-07", "2025-08", "2026-06"]},
    {"timing_kinds": ["range"], "starts_on": date(2025, 9, 1), "ends_on": date(2026, 2, 28)},
    {"timing_kinds": ["date"], "starts_on": date(2026, 1, 15)},
]


@pytest.mark.parametrize("timing", EVERY_TIMING)
def test_expected_occurrences_are_whole_and_quarters_add_up_to_the_year(db, osl_organizer, timing):
    plan = make_plan(osl_organizer, date(2025, 7, 1), date(2026, 6, 30))
    row = ScheduleItem.objects.create(plan=plan, area="animation", task="x", **timing)
    [year] = plan.report_periods
    total = row.expected_between(year.start, year.end)
    quarters = [row.expected_in(q) for q in plan.quarters]
    if total is None:
        assert quarters == [None] * 4
        return
    assert all(isinstance(n, int) for n in [total, *quarters])
    assert sum(quarters) == total


def test_a_half_yearly_item_expects_one_in_the_quarter_its_half_year_ends(db, osl_organizer):
    plan = make_plan(osl_organizer, date(2025, 7, 1), date(2026, 6, 30))
    row = ScheduleItem.objects.create(
        plan=plan, area="animation", task="x", timing_kinds=["frequency"], frequency="half_yearly"
    )
    assert [row.expected_in(q) for q in plan.quarters] == [0, 1, 0, 1]
    monthly = ScheduleItem.objects.create(
        plan=plan, area="animation", task="y", timing_kinds=["frequency"], frequency="monthly"
    )
    assert monthly.expected_between(date(2025, 7, 1), date(2026, 6, 30)) == 12
