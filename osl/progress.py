"""Planned versus achieved: per schedule item and indicator, per plan and quarter.

Activities are counted in SQL (one grouped query for items, one for indicators),
so the dashboard costs the same few queries however long the log grows.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from cus import reports
from osl.choices import IndicatorKind, ParticipantsBasis
from osl.models import Indicator, ScheduleItem

# What the dashboard and its totals read of an item (ScheduleItem.timing and .expected_in).
PROGRESS_FIELDS = (
    "plan_id",
    "community_id",
    "area",
    "task",
    "timing_kinds",
    "frequency",
    "quarters",
    "months",
    "starts_on",
    "ends_on",
    "timing_note",
    "participants_min",
    "participants_max",
    "participants_basis",
)


def item_progress(plan, quarter=None, pks=None):
    """Schedule items of ``plan`` with held, participants, expected and behind flags.

    With ``quarter``, counts that quarter; otherwise the whole plan period. With ``pks``,
    only those items (a page of the dashboard).
    """
    window = Q()
    if quarter:
        window = Q(activities__held_on__gte=quarter.start, activities__held_on__lte=quarter.end)
    scope = ScheduleItem.objects.filter(plan=plan)
    if pks is not None:
        scope = scope.filter(pk__in=pks)
    items = list(
        # The plan is the one given (not one copy per row); rows load what progress shows.
        scope.select_related("community")
        .only(*PROGRESS_FIELDS, "community__name")
        .annotate(
            held=Count("activities", filter=window, distinct=True),
            people=Coalesce(Sum("activities__participants", filter=window), 0),
        )
        .order_by("community__name", "area", "pk")
    )
    indicator_window = Q()
    if quarter:
        indicator_window = Q(
            values__activity__held_on__gte=quarter.start,
            values__activity__held_on__lte=quarter.end,
        )
    indicators = {}
    # Qualitative indicators have no number to reach: they are described, not counted.
    quantitative = Indicator.objects.filter(kind=IndicatorKind.QUANTITATIVE)
    for indicator in quantitative.filter(item__in=[item.pk for item in items]).annotate(
        achieved=Coalesce(Sum("values__value", filter=indicator_window), Decimal(0))
    ):
        indicator.reached = indicator.achieved >= indicator.target
        indicators.setdefault(indicator.item_id, []).append(indicator)
    # The whole plan is measured against the quarters that have begun.
    today = timezone.localdate()
    quarters = [quarter] if quarter else [q for q in plan.quarters if q.start <= today]
    for item in items:
        item.plan = plan
        expected = [item.expected_in(q) for q in quarters]
        item.expected = None if any(e is None for e in expected) else sum(expected, Decimal(0))
        item.participants_target = participants_target(item)
        item.indicator_progress = indicators.get(item.pk, [])
        item.behind = bool(
            item.expected is not None and item.expected >= 1 and item.held < item.expected
        )
    return items


def participants_target(item):
    """Participants the item expects: per occurrence × the occurrences expected (whole ones),
    a total as written, nothing when the figure is not counted (ScheduleItem.participants_basis).
    """
    if item.participants_min is None:
        return None
    if item.participants_basis == ParticipantsBasis.TOTAL:
        return Decimal(item.participants_min)
    if item.participants_basis == ParticipantsBasis.OCCURRENCE and item.expected:
        return item.participants_min * int(item.expected)
    return None


def cached_summary(plan, quarter=None):
    """The plan's totals over all its items, computed once per change (cus.reports)."""
    slug = quarter.slug if quarter else "all"
    return reports.cached(
        "osl-progress", lambda _pk, _slug: plan_summary(item_progress(plan, quarter)), plan.pk, slug
    )


def plan_summary(items):
    with_target = [item for item in items if item.expected is not None]
    return {
        "items": len(items),
        "behind": sum(1 for item in items if item.behind),
        "held": sum(item.held for item in items),
        "participants": sum(item.people for item in items),
        "with_target": len(with_target),
    }
