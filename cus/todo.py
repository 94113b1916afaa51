"""What is due for whom: one list per user, from every app, for the home page and iCal.

Apps register ``function(user) -> iterable of Due`` from ``AppConfig.ready``
(IPUS deadlines, monitoring, meetings and summaries; OSL reports once it exists).
``items_for(user)`` merges them by date; ``urgency`` says how to show each.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

_providers = []


@dataclass(frozen=True)
class Due:
    """One due item. ``uid`` is stable (kind and object id) so calendars update, not duplicate.

    ``record``: the resident's record it is about (a plan), for the access log of the
    pages that show the item."""

    uid: str
    title: str
    due: date
    url: str
    kind: str
    record: object = field(default=None, compare=False, repr=False)

    def urgency(self, today):
        days = (self.due - today).days
        if days < 0:
            return "overdue"
        return "soon" if days <= 7 else "later"


def register(function):
    if function not in _providers:
        _providers.append(function)


def items_for(user, today=None):
    items = []
    for function in _providers:
        items.extend(function(user))
    return sorted(items, key=lambda item: (item.due, item.title))


def marked(items, today=None):
    """(item, urgency) pairs for templates."""
    today = today or timezone.localdate()
    return [(item, item.urgency(today)) for item in items]
