"""Units of the catalogue's services: what a service may give (its limit), what plans grant,
what was delivered and what is left, per service and per item of a plan.

The catalogue reads the granted, used and persons numbers through the source that
IpusConfig.ready registers with services.capacity; the plan-item form and the submission
of a version check the limits here.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext as _

from cus.dates import add_months, month_start
from cus.plurals import counted
from ipus.choices import PlanStatus, VersionStatus
from ipus.models import Delivery, Plan, PlanItem, PlanVersion
from ipus.schedule import Per, item_year
from services.choices import CapacityPeriod
from services.models import Service

# Plans whose granted items hold places: from submission on, and closed or terminated ones
# until the month they ended (their deliveries count as used in the same months).
COUNTED_PLAN_STATUSES = (*Plan.RESERVING_STATUSES, PlanStatus.CLOSED, PlanStatus.TERMINATED)


def limit_periods(capacity_period, start, end):
    """The service's whole calendar limit periods (months, quarters or years) that overlap
    [start, end], as (first day, last day) pairs."""
    months = CapacityPeriod(capacity_period).months
    first = month_start(start)
    first = first.replace(month=(first.month - 1) // months * months + 1)
    periods = []
    while first <= end:
        following = add_months(first, months)
        periods.append((first, following - timedelta(days=1)))
        first = following
    return periods


def _index(day):
    """A month as a number (months since year 0), for slicing."""
    return day.year * 12 + day.month - 1


def _window(first, last, number, in_force_from, superseded_from, ended_on):
    """The months (indices, inclusive) of [first, last] in which a version's rows count: an
    annex from the month it comes into force, until the month its successor does; a closed or
    terminated plan until the month it ended (ipus.workflows switches versions on the dates)."""
    if number and in_force_from:
        first = max(first, _index(in_force_from))
    if superseded_from:
        last = min(last, _index(superseded_from) - 1)
    if ended_on:
        last = min(last, _index(ended_on))
    return first, last


def _granted(service_ids, first, last, replacing=None, exclude_item=None):
    """{service id: [whole units per month of [first, last]]} and {service id: {person ids}} granted over the
    months [first, last] by the versions in force (``replacing``: a draft version, whose plan's
    rows give way from its effective month and whose own other rows count instead)."""
    successor = (
        PlanVersion.objects.filter(
            plan=OuterRef("version__plan"),
            number__gt=OuterRef("version__number"),
            status=VersionStatus.SIGNED,
        )
        .order_by("in_force_from")
        .values("in_force_from")[:1]
    )
    counted = (
        PlanItem.objects.filter(
            service__in=service_ids,
            waiting=False,
            starts_on__lte=last,
            ends_on__gte=first,
            version__plan__status__in=COUNTED_PLAN_STATUSES,
        )
        .filter(Q(version__number=0) | Q(version__status=VersionStatus.SIGNED))
        .annotate(superseded_from=Subquery(successor))
        .values_list(
            "service_id",
            "version__plan_id",
            "version__plan__request__person_id",
            "version__number",
            "version__in_force_from",
            "superseded_from",
            "version__plan__ended_on",
            "starts_on",
            "granted_by_month",
        )
        .order_by()
    )
    rows = [(*row[:7], (_index(row[7]), row[8])) for row in counted]
    replaced_plan, replaced_from = None, None
    if replacing is not None:
        replaced_plan = replacing.plan_id
        replaced_from = month_start(replacing.in_force_from) if replacing.number else None
        own = (
            PlanItem.objects.filter(version=replacing, service__in=service_ids, waiting=False)
            .exclude(pk=exclude_item)
            .filter(starts_on__lte=last, ends_on__gte=first)
        )
        # The draft's other rows count from its effective month (a first version: from its start).
        rows += [
            (
                item.service_id,
                None,
                None,
                1,
                replacing.in_force_from or item.starts_on,
                None,
                None,
                (_index(item.starts_on), item.granted_by_month),
            )
            for item in own
        ]
    first_i, last_i = _index(first), _index(last)
    replaced_i = _index(replaced_from) if replaced_from else None
    granted, persons = {}, {}
    for (
        service,
        plan,
        person,
        version_number,
        in_force_from,
        superseded,
        ended_on,
        schedule,
    ) in rows:
        lo, hi = _window(first_i, last_i, version_number, in_force_from, superseded, ended_on)
        if plan is not None and plan == replaced_plan:
            if replaced_i is None:
                continue
            hi = min(hi, replaced_i - 1)
        start_i, units = schedule
        lo, hi = max(lo, start_i), min(hi, start_i + len(units) - 1)
        if lo > hi:
            continue
        totals = granted.get(service)
        if totals is None:
            totals = granted[service] = [0] * (last_i - first_i + 1)
        for index in range(lo, hi + 1):
            totals[index - first_i] += units[index - start_i]
        if person is not None:
            persons.setdefault(service, set()).add(person)
    return granted, persons


def _used(service_ids, first, last, replacing=None):
    """{(service id, month): units delivered} over the months [first, last]."""
    deliveries = Delivery.objects.filter(
        line__service__in=service_ids, month__gte=first, month__lte=last
    )
    if replacing is not None:
        replaced = Q(line__version__plan=replacing.plan_id)
        if replacing.number:
            replaced &= Q(month__gte=month_start(replacing.in_force_from))
        deliveries = deliveries.exclude(replaced)
    rows = deliveries.values_list("line__service", "month").annotate(total=Sum("units")).order_by()
    return {(service, month): total for service, month, total in rows}


def capacity(services, start, end, *, replacing=None, exclude_item=None, needed=None):
    """The capacity numbers of ``services`` over [start, end] — the one source of the item
    form's hint and check, the check at submission and the catalogue's capacity page.

    A service with a limit is counted per its whole calendar limit periods overlapping the
    range: in each, granted = the whole units of the versions in force (ipus.schedule rule),
    used = units delivered, remaining = limit − max(granted, used); the range's numbers are
    the sums over its periods. A service without a limit: granted and used over the range's
    months, no limit, no remaining. ``replacing`` (a draft version) and ``exclude_item`` give
    the numbers "for others" while that version's item is edited; ``needed`` ({month: units},
    the edited item's months) adds what it needs per period and ``over``, the periods where it
    does not fit.

    Returns {service id: {"limit", "granted", "used", "remaining", "persons", "needed",
    "periods": [{"start", "end", "limit", "granted", "used", "remaining", "needed"}],
    "over": [the same]}} (plain values: the capacity page caches them).
    """
    services = list(services)
    spans = {}
    for service in services:
        if service.capacity_units is None:
            spans[service.pk] = [(month_start(start), end)]
        else:
            spans[service.pk] = limit_periods(service.capacity_period, start, end)
    if not services:
        return {}
    first = min(period[0][0] for period in spans.values())
    last = max(period[-1][1] for period in spans.values())
    ids = [service.pk for service in services]
    granted, persons = _granted(ids, first, last, replacing, exclude_item)
    used = _used(ids, first, last, replacing)
    needed = needed or {}
    if replacing is not None and replacing.number:
        effective = month_start(replacing.in_force_from)
        needed = {month: units for month, units in needed.items() if month >= effective}
    base = _index(first)
    result = {}
    for service in services:
        by_month = granted.get(service.pk, [])
        periods = []
        for period_start, period_end in spans[service.pk]:
            months = _months(period_start, period_end)
            row = {
                "start": period_start,
                "end": period_end,
                "limit": service.capacity_units,
                "granted": sum(
                    by_month[_index(period_start) - base : _index(period_end) - base + 1]
                ),
                "used": sum(
                    (used.get((service.pk, month), Decimal(0)) for month in months), Decimal(0)
                ),
                "needed": sum(needed.get(month, 0) for month in months),
            }
            row["remaining"] = (
                None
                if row["limit"] is None
                else row["limit"] - max(Decimal(row["granted"]), row["used"])
            )
            periods.append(row)
        limited = service.capacity_units is not None
        result[service.pk] = {
            "limit": sum(row["limit"] for row in periods) if limited else None,
            "granted": sum(row["granted"] for row in periods),
            "used": sum((row["used"] for row in periods), Decimal(0)),
            "remaining": sum(row["remaining"] for row in periods) if limited else None,
            "needed": sum(row["needed"] for row in periods),
            "persons": len(persons.get(service.pk, ())),
            "periods": periods,
            "over": [
                row
                for row in periods
                if limited and row["needed"] and row["needed"] > row["remaining"]
            ],
        }
    return result


def _months(first, last):
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def capacity_for_item(service, start, end, version, item=None, needed=None):
    """The numbers of ``service`` over [start, end] for an item of ``version`` (not counting
    ``item`` itself, nor what ``version`` replaces); None when the period ends before it starts."""
    if start > end:
        return None
    return capacity([service], start, end, replacing=version, exclude_item=item, needed=needed)[
        service.pk
    ]


def check_capacity(version):
    """Messages for the items of ``version`` that no longer fit (nothing = all fit)."""
    problems = []
    for item in version.items.select_related("service").filter(waiting=False):
        if item.override_reason.strip() or item.service.capacity_units is None:
            continue
        numbers = capacity_for_item(
            item.service,
            item.starts_on,
            item.ends_on,
            version,
            item.pk,
            needed=dict(item.monthly_units()),
        )
        problems += [overbooked_message(item.service, row) for row in numbers["over"]]
    if problems:
        problems.append(
            _("Wpisz te pozycje na listę oczekujących albo poproś OUS o przyznanie ponad limit.")
        )
    return problems


def overbooked_message(service, row):
    """The sentence for one limit period that an item does not fit in."""
    return _(
        "Brak miejsc w usłudze „%(service)s” w okresie %(start)s–%(end)s: limit: %(limit)s, "
        "przyznano innym: %(granted)s, wykorzystano: %(used)s, pozostało: %(remaining)s, "
        "ta pozycja: %(needed)s."
    ) % {
        "service": service.name,
        "start": row["start"].strftime("%d.%m.%Y"),
        "end": row["end"].strftime("%d.%m.%Y"),
        "limit": counted(row["limit"], service.unit_forms),
        "granted": counted(row["granted"], service.unit_forms),
        "used": counted(row["used"], service.unit_forms),
        "remaining": counted(max(row["remaining"], 0), service.unit_forms),
        "needed": counted(row["needed"], service.unit_forms),
    }


# --- Source for the catalogue (services.capacity) ---------------------------------------


def capacity_totals(start, end, limits):
    """The capacity page's numbers over [start, end] (``capacity``) for the services of
    ``limits`` ((id, capacity_units, capacity_period), …, as the page loaded them)."""
    services = [
        Service(pk=pk, capacity_units=units, capacity_period=period) for pk, units, period in limits
    ]
    return {
        pk: {key: row[key] for key in ("limit", "granted", "used", "remaining", "persons")}
        for pk, row in capacity(services, start, end).items()
    }


# --- A plan's items: granted, delivered, left -----------------------------------------


def delivery_summary(plan):
    """The current items with granted, used and remaining units, over-delivery flags, their
    "Lp" (``lp``) and the units delivered by month (``monthly``: {month: units})."""
    items = list(plan.current_version.items.for_table().numbered())
    lines = [item.line_id_or_self for item in items]
    # (month, units) pairs, not Delivery instances: a plan in its second year has ~60.
    deliveries = {}
    recorded = Delivery.objects.filter(line__in=lines).order_by("month")
    for line, month, units in recorded.values_list("line_id", "month", "units"):
        deliveries.setdefault(line, []).append((month, units))
    for number, item in enumerate(items, start=1):
        rows = deliveries.get(item.line_id_or_self, [])
        item.lp = number  # the item's "Lp" (PlanItemQuerySet.numbered: the same order)
        item.monthly = dict(rows)
        item.units_used = sum((units for _month, units in rows), Decimal(0))
        item.units_remaining = item.units_granted - item.units_used
        item.over_months = [month for month, units in rows if units > item.month_allowance(month)]
        item.over_total = item.units_used > item.units_granted
        if item.cap and item.cap_per == Per.YEAR:
            # Item-years, as the granted units count them (ipus.schedule.monthly_units).
            by_year = {}
            for month, units in rows:
                year = item_year(item.starts_on, max(month, item.starts_on))
                by_year[year] = by_year.get(year, 0) + units
            item.over_years = [year for year, total in by_year.items() if total > item.cap]
        else:
            item.over_years = []
        item.flagged = bool(item.over_months or item.over_total or item.over_years)
    return items


def delivery_months(items):
    """The months × items table of what was delivered (``items`` from ``delivery_summary``):
    [(month, [units or None, one per item])], oldest month first."""
    months = sorted({month for item in items for month in item.monthly})
    return [(month, [item.monthly.get(month) for item in items]) for month in months]
