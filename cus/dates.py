"""Date arithmetic: calendar months, quarters and half-years in the centre's time zone.

A quarter covers whole local days: 1 January–31 March, 1 April–30 June… Its
``start_at`` / ``end_at`` are the aware instants of local midnight (Europe/Warsaw),
so a request filed at 23:30 on 31 March in Warsaw (21:30 UTC) belongs to the first
quarter.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.utils import timezone

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def add_months(day, months):
    """``day`` moved by ``months`` calendar months (clamped to the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def month_start(day):
    return day.replace(day=1)


def months_between(start, end):
    """Calendar months touched by [start, end]; at least one."""
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day):
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def current(cls):
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, text, default=None):
        """ "2026-Q1" → Quarter(2026, 1); anything else → ``default``."""
        match = re.fullmatch(r"(\d{4})-Q([1-4])", (text or "").strip())
        if not match:
            return default
        year = int(match.group(1))
        return cls(year, int(match.group(2))) if 2000 <= year <= 2100 else default

    # start and end are computed once per quarter object: the OSL progress dashboard asks
    # every item about every quarter of the plan (~200 times a page; issue 8).
    @cached_property
    def start(self):
        return date(self.year, 3 * self.number - 2, 1)

    @cached_property
    def end(self):
        return self.next().start - timedelta(days=1)

    @property
    def start_at(self):
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_at(self):
        """The first instant after the quarter (exclusive bound)."""
        return timezone.make_aware(datetime.combine(self.next().start, time.min))

    @cached_property
    def slug(self):
        return f"{self.year}-Q{self.number}"

    @property
    def label(self):
        return f"{ROMAN[self.number]} kwartał {self.year}"

    @property
    def short_label(self):
        return f"{ROMAN[self.number]}/{self.year}"

    @property
    def half(self):
        return HalfYear(self.year, 1 if self.number <= 2 else 2)

    def next(self):
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self):
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def months(self):
        return [
            date(self.year, month, 1) for month in range(3 * self.number - 2, 3 * self.number + 1)
        ]

    def last(self, count):
        """This quarter and the ``count - 1`` before it, oldest first."""
        quarters = [self]
        while len(quarters) < count:
            quarters.insert(0, quarters[0].previous())
        return quarters

    def __str__(self):
        return self.label


@dataclass(frozen=True, order=True)
class HalfYear:
    year: int
    number: int

    @classmethod
    def of(cls, day):
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, text, default=None):
        match = re.fullmatch(r"(\d{4})-H([12])", (text or "").strip())
        if not match:
            return default
        year = int(match.group(1))
        return cls(year, int(match.group(2))) if 2000 <= year <= 2100 else default

    @property
    def quarters(self):
        first = 1 if self.number == 1 else 3
        return [Quarter(self.year, first), Quarter(self.year, first + 1)]

    @property
    def start(self):
        return self.quarters[0].start

    @property
    def end(self):
        return self.quarters[1].end

    @property
    def slug(self):
        return f"{self.year}-H{self.number}"

    @property
    def label(self):
        return f"{'I' if self.number == 1 else 'II'} półrocze {self.year}"

    def previous(self):
        return HalfYear(self.year - 1, 2) if self.number == 1 else HalfYear(self.year, 1)

    def __str__(self):
        return self.label
