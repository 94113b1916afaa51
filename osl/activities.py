"""Rules of the activity log that reach beyond one form: the report an activity was counted in,
the corrections made after a report, an item's timing, and the volunteers' hours for a report."""

from datetime import date

from django.db.models import Count, Q, Sum

from osl.choices import TimingKind
from osl.models import Activity, AnnualReport, Volunteer


def report_covering(activity, held_on=None):
    """The current annual report (of any version of the activity's plan) whose period holds
    the activity's date (or ``held_on``), or None."""
    from osl.workflows import family

    day = held_on or activity.held_on
    return (
        AnnualReport.objects.current()
        .filter(
            plan__in=family(activity.item.plan),
            period_start__lte=day,
            period_end__gte=day,
        )
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
    made (in any version of its plan): history rows (newest first) with the reason, who and
    when; the next report, or the report's corrected version, prints them.
    """
    from osl.workflows import family

    return (
        Activity.history.filter(
            item__plan__in=family(report.plan),
            held_on__gte=report.period_start,
            held_on__lte=report.period_end,
            history_date__gt=report.created_at,
        )
        .select_related("history_user", "item")
        .order_by("-history_date", "-history_id")
    )


def outside_timing(item, day):
    """True when ``day`` lies outside the item's own timing: its date, or the window its
    range, months and quarters draw (a frequency alone sets no days)."""
    kinds = set(item.timing_kind_set) - {TimingKind.FREQUENCY}
    if not kinds:
        return False
    if TimingKind.DATE in kinds:
        if day == item.starts_on:
            return False
        kinds.discard(TimingKind.DATE)
        if not kinds:
            return True
    return not item.within_timing(day, kinds)


def volunteer_hours(plan, start: date, end: date):
    """Volunteers who helped at the plan's activities between ``start`` and ``end``, with their
    hours and the number of activities, most hours first (for the annual report)."""
    from osl.workflows import family

    within = Q(
        volunteerhours__activity__item__plan__in=family(plan),
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
