"""Date arithmetic: calendar months, quarters and half-years in the centre's time zone.

A quarter covers whole local days: 1 January–31 March, 1 April–30 June… Its
``start_at`` / ``end_at`` are the aware instants of local midnight (Europe/Warsaw),
so a request filed at 23:30 on 31 March in Warsaw (21:30 UTC) belongs to the first
quarter.

Working days follow the Act of 18 January 1951 on days free from work (Dz.U. 2025 poz. 296:
Christmas Eve free from 2025): ``public_holidays(year)``; ``kpa_deadline`` counts a period
in days as KPA art. 57 does.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, cached_property

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


def easter_sunday(year):
    """Easter Sunday of ``year`` (Gregorian; the anonymous Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year):
    """The days free from work in Poland in ``year`` besides Sundays."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26)]
    if year >= 2025:
        fixed.append((12, 24))  # Wigilia, free from work since 2025
    days = {date(year, month, day) for month, day in fixed}
    days |= {
        easter,
        easter + timedelta(days=1),  # Easter Monday
        easter + timedelta(days=49),  # Pentecost (Zielone Świątki)
        easter + timedelta(days=60),  # Corpus Christi (Boże Ciało)
    }
    return frozenset(days)


def is_working_day(day):
    """Neither a Saturday, a Sunday nor a public holiday (KPA art. 57 § 5)."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def kpa_deadline(event_day, days):
    """The last day of a period of ``days`` days that starts with ``event_day`` (KPA art. 57).

    The day of the event is not counted (§ 1): the period ends ``days`` days after it; a
    period ending on a Saturday or a day free from work ends on the next working day (§ 5).
    """
    last = event_day + timedelta(days=days)
    while not is_working_day(last):
        last += timedelta(days=1)
    return last
