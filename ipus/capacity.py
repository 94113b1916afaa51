"""Units of the catalogue's services: what a service may give (its limit), what plans grant,
what was delivered and what is left, per service and per item of a plan.

The catalogue reads the granted, used and persons numbers through the source that
IpusConfig.ready registers with services.capacity; the plan-item form and the submission
of a version check the limits here.
"""

from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from cus.dates import month_start, months_between
from cus.plurals import counted
from ipus.models import Delivery, PlanItem
from ipus.schedule import Per
from services.choices import CapacityPeriod


def capacity_left(service, start, end, exclude_version=None, exclude_item=None):
    """(limit, granted to others, remaining) for ``service`` over [start, end]; limit None = no limit.

    Counts items holding places in other plans, plus the other rows of
    ``exclude_version`` (the version being edited), and never the plan being
    edited's own version in force (an annex replaces it).
    """
    if service.capacity_units is None:
        return None, None, None
    limit = (
        Decimal(service.capacity_units)
        * Decimal(months_between(start, end))
        / Decimal(CapacityPeriod(service.capacity_period).months)
    )
    others = PlanItem.objects.counting().filter(service=service).overlapping(start, end)
    same_version = PlanItem.objects.none()
    if exclude_version is not None:
        others = others.exclude(version__plan=exclude_version.plan_id)
        same_version = (
            PlanItem.objects.filter(version=exclude_version, service=service, waiting=False)
            .exclude(pk=exclude_item)
            .overlapping(start, end)
        )
    granted = Decimal(0)
    for queryset in (others, same_version):
        total = queryset.granted_in(start, end).aggregate(total=Sum("granted_in_period"))["total"]
        granted += total or 0
    limit, granted = limit.quantize(Decimal("0.01")), granted.quantize(Decimal("0.01"))
    return limit, granted, limit - granted


def capacity_for_item(service, start, end, version, item=None):
    """What the plan-item form shows beside the chosen service: its limit, the units granted to
    others and what remains over [start, end], not counting ``version``'s plan (an annex
    replaces it) nor ``item`` itself; None when the period ends before it starts."""
    if start > end:
        return None
    limit, granted, remaining = capacity_left(
        service, start, end, exclude_version=version, exclude_item=item
    )
    return {"limit": limit, "granted": granted, "remaining": remaining}


def check_capacity(version):
    """Messages for the items of ``version`` that no longer fit (nothing = all fit)."""
    problems = []
    for item in version.items.select_related("service").filter(waiting=False):
        if item.override_reason.strip():
            continue
        _limit, _granted, remaining = capacity_left(
            item.service,
            item.starts_on,
            item.ends_on,
            exclude_version=version,
            exclude_item=item.pk,
        )
        if remaining is not None and item.units_granted > remaining:
            problems.append(
                _(
                    "„%(service)s”: pozostało w limicie: %(remaining)s, ta pozycja: %(needed)s — wpisz ją na listę oczekujących albo poproś OUS o decyzję."
                )
                % {
                    "service": item.service.name,
                    "remaining": counted(max(remaining, 0), item.service.unit_forms),
                    "needed": counted(item.units_granted, item.service.unit_forms),
                }
            )
    return problems


# --- Sources for the catalogue (services.capacity) ------------------------------------


def capacity_granted(start, end):
    return Subquery(
        PlanItem.objects.counting()
        .overlapping(start, end)
        .filter(service=OuterRef("pk"))
        .granted_in(start, end)
        .values("service")
        .annotate(total=Sum("granted_in_period"))
        .values("total")
    )


def capacity_used(start, end):
    return Subquery(
        Delivery.objects.filter(
            line__service=OuterRef("pk"), month__gte=month_start(start), month__lte=end
        )
        .values("line__service")
        .annotate(total=Sum("units"))
        .values("total")
    )


def capacity_persons(start, end):
    return Subquery(
        PlanItem.objects.counting()
        .overlapping(start, end)
        .filter(service=OuterRef("pk"))
        .values("service")
        .annotate(persons=Count("version__plan__request__person", distinct=True))
        .values("persons")
    )


def capacity_totals(start, end):
    """Granted, used and persons per service over [start, end]: two grouped queries."""
    rows = {}
    granted = (
        PlanItem.objects.counting()
        .overlapping(start, end)
        .granted_in(start, end)
        .values("service")
        .annotate(
            total=Sum("granted_in_period"),
            persons=Count("version__plan__request__person", distinct=True),
        )
        .order_by()
    )
    for row in granted:
        rows[row["service"]] = {"granted": row["total"], "persons": row["persons"]}
    used = (
        Delivery.objects.filter(month__gte=month_start(start), month__lte=end)
        .values("line__service")
        .annotate(total=Sum("units"))
        .order_by()
    )
    for row in used:
        rows.setdefault(row["line__service"], {})["used"] = row["total"]
    return rows


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
            by_year = {}
            for month, units in rows:
                by_year[month.year] = by_year.get(month.year, 0) + units
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
