"""Where the catalogue's capacity numbers come from.

``Service.objects.with_capacity(start, end)`` annotates units granted and used
and persons using each service in a period. The numbers come from sources that
other apps register here (the IPUS app registers plan items and deliveries), as
subquery expressions, so the catalogue never imports them and the page stays one
query. With no source registered, the numbers are zero.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, IntegerField, Value
from django.db.models.functions import Coalesce


@dataclass(frozen=True)
class CapacitySource:
    """Callables (start, end) → expression correlated to the service row (OuterRef("pk")),
    for one service or a few; and ``totals`` (start, end) → {service id: {"granted",
    "used", "persons"}} from grouped queries, for the whole catalogue at once."""

    granted: object = None
    used: object = None
    persons: object = None
    totals: object = None


_sources: list[CapacitySource] = []


def register(source):
    if source not in _sources:
        _sources.append(source)


def _sum(kind, start, end, output_field):
    expressions = [getattr(s, kind)(start, end) for s in _sources if getattr(s, kind)]
    total = Value(0, output_field=output_field)
    for expression in expressions:
        total = total + Coalesce(expression, Value(0, output_field=output_field))
    return total


def annotations(start, end):
    decimal = DecimalField(max_digits=14, decimal_places=2)
    return {
        "units_granted": _sum("granted", start, end, decimal),
        "units_used": _sum("used", start, end, decimal),
        "persons_using": _sum("persons", start, end, IntegerField()),
    }


def totals(start, end):
    """{service id: {"granted", "used", "persons"}} over [start, end], summed over the sources."""
    result = {}
    for source in _sources:
        if not source.totals:
            continue
        for pk, row in source.totals(start, end).items():
            entry = result.setdefault(pk, {"granted": Decimal(0), "used": Decimal(0), "persons": 0})
            for key in entry:
                entry[key] += row.get(key) or 0
    return result
