"""Where the catalogue's capacity numbers come from.

``Service.objects.capacity_table(start, end)`` shows, per service over a period, its limit,
the units granted and used, what remains and the persons using it. The numbers come from a
source that another app registers here (the IPUS app: ``ipus.capacity.capacity_totals``, the
same function as the plan-item form's check), so the catalogue never imports it. With no
source registered, nothing is granted or used and the limit scales to the period.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CapacitySource:
    """``totals`` (start, end, limits) → {service id: {"limit", "granted", "used",
    "remaining", "persons"}} for the services of ``limits`` ((id, capacity_units,
    capacity_period), …) at once (plain values: the page caches them)."""

    totals: object = None


_sources: list[CapacitySource] = []


def register(source):
    if source not in _sources:
        _sources.append(source)


def totals(start, end, limits):
    """{service id: numbers} over [start, end] from the registered source (the first one)."""
    for source in _sources:
        if source.totals:
            return source.totals(start, end, limits)
    return {}
