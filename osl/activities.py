"""Rules of the activity log that reach beyond one form: the report an activity was counted in,
the corrections made after a report, an item's timing, and the volunteers' hours for a report."""

from datetime import date

from django.db.models import Count, Q, Sum

from cus.dates import Quarter
from osl.choices import TimingKind
from osl.models import Activity, AnnualReport, Volunteer


def report_covering(activity, held_on=None):
    """The newest annual report whose period holds the activity's date (or ``held_on``), or None.

    Reports cover a calendar year today (``AnnualReport.year``); this is the one place
    that knows how a report's period is read.
    """
    day = held_on or activity.held_on
    return (
        AnnualReport.objects.filter(plan_id=activity.item.plan_id, year=day.year)
        .order_by("-created_at", "-pk")
        .first()
    )


def reported_in(activity, *days):
    """The first report covering any of ``days`` (the date before and after a correction)."""
    for day in days:
        if day is not None:
            report = report_covering(activity, held_on=day)
            if report is not None:
                return report
    return None


def corrections_since(report):
    """Activities of the report's period logged late, changed or deleted after the report was
    made: history rows (newest first) with the reason, who and when; the next report prints them.
    """
    return (
        Activity.history.filter(
            item__plan=report.plan_id,
            held_on__year=report.year,
            history_date__gt=report.created_at,
        )
        .select_related("history_user", "item")
        .order_by("-history_date", "-history_id")
    )


def outside_timing(item, day):
    """True when ``day`` lies outside the item's own timing (its dates, months or quarters)."""
    if item.timing_kind == TimingKind.QUARTERS:
        return Quarter.of(day).slug not in item.quarters
    if item.timing_kind == TimingKind.MONTHS:
        return f"{day:%Y-%m}" not in item.months
    if item.timing_kind == TimingKind.RANGE and item.starts_on and item.ends_on:
        return not item.starts_on <= day <= item.ends_on
    if item.timing_kind == TimingKind.DATE and item.starts_on:
        return day != item.starts_on
    return False


def volunteer_hours(plan, start: date, end: date):
    """Volunteers who helped at the plan's activities between ``start`` and ``end``, with their
    hours and the number of activities, most hours first (for the annual report)."""
    within = Q(
        volunteerhours__activity__item__plan=plan,
        volunteerhours__activity__held_on__range=(start, end),
    )
    # filter() before annotate(): the sums count only the rows the filter kept.
    return (
        Volunteer.objects.filter(within)
        .annotate(
            hours=Sum("volunteerhours__hours"),
            activities_count=Count("volunteerhours__activity", distinct=True),
        )
        .order_by("-hours", "name")
    )
