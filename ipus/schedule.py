"""Schedules of plan items as data, rendered as the Polish prose of the IPUS template.

"6 godzin tygodniowo", "2 przejazdy w miesiącu, max. 6 w roku",
"4 usługi w roku po max 2 godziny": a quantity per week/month/year, an optional
cap per month/year, and an optional maximum length of one unit in hours.
"""

import calendar
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _

from cus.plurals import number
from services.choices import Unit


class Per(models.TextChoices):
    WEEK = "week", _("tygodniowo")
    MONTH = "month", _("w miesiącu")
    YEAR = "year", _("w roku")


def unit_form(unit, quantity):
    """The Polish form of ``unit`` (a services.choices.Unit code) after ``quantity``:
    1 godzina, 3 godziny, 6 godzin, 1,5 godziny (cus/plurals.py)."""
    return Unit(unit).forms.after(quantity)


def describe(quantity, unit, per, cap=None, cap_per=None, max_hours=None):
    """The schedule as prose: describe(2, "ride", "month", 6, "year") → "2 przejazdy w miesiącu, max. 6 w roku"."""
    text = f"{number(quantity)} {unit_form(unit, quantity)} {Per(per).label}"
    if max_hours:
        text += f" po max {number(max_hours)} {unit_form(Unit.HOUR, max_hours)}"
    if cap and cap_per:
        text += f", max. {number(cap)} {Per(cap_per).label}"
    return text


# --- Units granted month by month -------------------------------------------------------


def _whole(value):
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@lru_cache(maxsize=8192)
def monthly_units(quantity, per, cap, cap_per, starts_on, ends_on):
    """Whole units the schedule grants in each calendar month of [starts_on, ends_on]:
    ((month's first day, units), …). The rule (every count of granted units uses it):

    - The schedule's running total from the item's start is rounded half up to a whole unit
      at the end of each month, and a month grants the growth of that total: "6 godzin
      tygodniowo" grants round(6 × days so far / 7) by the month's end; "2 przejazdy w
      miesiącu" 2 a month; "4 usługi w roku" spreads 4 over the item's months of each
      item-year. So the months add up to the whole period's rounded total.
    - An item-year is 12 months from the item's first day (one for every IPUS item: a plan
      lasts at most a year); a month belongs to the item-year of its first day in the item.
    - A cap is a maximum in whole units (its integer part): "max. 6 w roku" stops the
      item-year's running total at 6; a cap per month or week limits each month to the cap
      (per week: times the month's days in the item / 7, rounded half up).

    "2 przejazdy w miesiącu, max. 6 w roku" over a quarter: 2 + 2 + 2 = 6; over a year: 6.
    """
    quantity = Decimal(quantity)
    cap_whole = int(Decimal(cap)) if cap and cap_per else None
    months, month = [], starts_on.replace(day=1)
    while month <= ends_on:
        months.append(month)
        month = _month_end(month) + timedelta(days=1)
    first_days = [max(month, starts_on) for month in months]
    year_of = [item_year(starts_on, day) for day in first_days]
    months_in_year = {year: year_of.count(year) for year in set(year_of)}
    result, total, year_total, year_rounded = [], 0, 0, 0
    seen_in_year = 0
    for index, month in enumerate(months):
        last = min(_month_end(month), ends_on)
        year = year_of[index]
        if index and year != year_of[index - 1]:
            year_total, year_rounded, seen_in_year = 0, 0, 0
        seen_in_year += 1
        if per == Per.WEEK:
            running = quantity * ((last - starts_on).days + 1) / 7
            units = _whole(running) - total
        elif per == Per.MONTH:
            units = _whole(quantity * (index + 1)) - total
        else:
            share = quantity * seen_in_year / months_in_year[year]
            units = _whole(share) - year_rounded
        raw = units
        if cap_whole is not None and cap_per == Per.MONTH:
            units = min(units, cap_whole)
        elif cap_whole is not None and cap_per == Per.WEEK:
            units = min(
                units, _whole(Decimal(cap_whole) * ((last - first_days[index]).days + 1) / 7)
            )
        elif cap_whole is not None and cap_per == Per.YEAR:
            units = max(0, min(units, cap_whole - year_total))
        total += raw
        year_rounded += raw
        year_total += units
        result.append((month, units))
    return tuple(result)


def item_year(starts_on, day):
    """0 for the first 12 months from ``starts_on``, 1 for the next 12…"""
    years = day.year - starts_on.year
    if (day.month, day.day) < (starts_on.month, starts_on.day):
        years -= 1
    return years


def granted_units(quantity, per, cap, cap_per, starts_on, ends_on):
    """The schedule's whole units over [starts_on, ends_on] (the sum of ``monthly_units``)."""
    return sum(
        units for _month, units in monthly_units(quantity, per, cap, cap_per, starts_on, ends_on)
    )
