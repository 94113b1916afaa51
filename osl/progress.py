"""Planned versus achieved: per schedule item and indicator, per plan and window.

A window is a quarter, a report's period or the whole plan so far. Activities are counted
in SQL across the item's versions: a schedule item copied into a new version of the plan
keeps its ``origin``, and what was logged against the earlier copies (in the window)
counts for it, so a new version does not start from nothing. One recursive query walks
the origins and sums the activities, one the indicator values (an indicator matches its
earlier copy by name): the dashboard costs the same few queries however long the log or
the chain of versions grows.
"""

from decimal import Decimal

from django.db import connection

from cus import reports
from cus.dates import Quarter
from osl.choices import IndicatorKind, ParticipantsBasis
from osl.models import Indicator, ScheduleItem

# What the dashboard and its totals read of an item (ScheduleItem.timing and .expected_between).
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

# Each item with itself and every earlier copy it was made from (ScheduleItem.origin).
_CHAIN = """
WITH RECURSIVE chain(item_id, source_id) AS (
    SELECT id, id FROM osl_scheduleitem WHERE id = ANY(%(items)s)
    UNION
    SELECT chain.item_id, earlier.origin_id
    FROM chain JOIN osl_scheduleitem earlier ON earlier.id = chain.source_id
    WHERE earlier.origin_id IS NOT NULL
)
"""

_HELD = (
    _CHAIN
    + """
SELECT chain.item_id, COUNT(activity.id), COALESCE(SUM(activity.participants), 0)
FROM chain JOIN osl_activity activity ON activity.item_id = chain.source_id
WHERE activity.held_on BETWEEN %(start)s AND %(end)s
GROUP BY chain.item_id
"""
)

# The indicators of the items, each with what the activities in the window gave it or an
# earlier copy of it (the same name on an earlier copy of the item).
_INDICATORS = (
    _CHAIN
    + """
SELECT indicator.*, COALESCE((
    SELECT SUM(value.value)
    FROM chain
    JOIN osl_indicator source ON source.item_id = chain.source_id AND source.name = indicator.name
    JOIN osl_indicatorvalue value ON value.indicator_id = source.id
    JOIN osl_activity activity ON activity.id = value.activity_id
    WHERE chain.item_id = indicator.item_id AND activity.held_on BETWEEN %(start)s AND %(end)s
), 0) AS achieved
FROM osl_indicator indicator
WHERE indicator.item_id = ANY(%(items)s) AND indicator.kind = %(quantitative)s
ORDER BY indicator.item_id, indicator."order", indicator.id
"""
)


def _params(items, start, end):
    """The queries' named parameters (the items as one array)."""
    return {
        "items": list(items),
        "start": start,
        "end": end,
        # Qualitative indicators have no number to reach: they are described, not counted.
        "quantitative": IndicatorKind.QUANTITATIVE.value,
    }


def _sql(query, items, start, end):
    with connection.cursor() as cursor:
        cursor.execute(query, _params(items, start, end))
        return {row[0]: row[1:] for row in cursor.fetchall()}


def window_of(plan, quarter=None, period=None):
    """(start, end) counted: the quarter, the report's period, or the plan up to the end of
    the current quarter (the whole plan is measured against the quarters that have begun)."""
    if quarter:
        return quarter.start, quarter.end
    if period:
        return period.start, period.end
    return plan.period_start, min(plan.period_end, Quarter.current().end)


def item_progress(plan, quarter=None, pks=None, period=None, indicators=True):
    """Schedule items of ``plan`` with held, people, expected, participants_target and behind
    (and indicator_progress unless ``indicators`` is False).

    With ``quarter`` or ``period`` (a ReportPeriod), counts that window; otherwise the plan
    so far. With ``pks``, only those items (a page of the dashboard).
    """
    start, end = window_of(plan, quarter, period)
    scope = ScheduleItem.objects.filter(plan=plan)
    if pks is not None:
        scope = scope.filter(pk__in=pks)
    items = list(
        # The plan is the one given (not one copy per row); rows load what progress shows.
        scope.select_related("community")
        .only(*PROGRESS_FIELDS, "community__name")
        .order_by("community__name", "area", "pk")
    )
    if not items:
        return items
    pks = [item.pk for item in items]
    held = _sql(_HELD, pks, start, end)
    by_item = {}
    if indicators:
        for indicator in Indicator.objects.raw(_INDICATORS, _params(pks, start, end)):
            indicator.achieved = Decimal(indicator.achieved)
            indicator.reached = indicator.achieved >= indicator.target
            by_item.setdefault(indicator.item_id, []).append(indicator)
    for item in items:
        item.plan = plan
        item.held, item.people = held.get(item.pk, (0, 0))
        item.expected = item.expected_between(start, end)
        item.participants_target = participants_target(item)
        item.indicator_progress = by_item.get(item.pk, [])
        item.behind = bool(item.expected and item.held < item.expected)
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
        "osl-progress",
        lambda _pk, _slug: plan_summary(item_progress(plan, quarter, indicators=False)),
        plan.pk,
        slug,
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
