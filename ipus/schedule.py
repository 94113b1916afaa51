"""Schedules of plan items as data, rendered as the Polish prose of the IPUS template.

"6 godzin tygodniowo", "2 przejazdy w miesiącu, max. 6 w roku",
"4 usługi w roku po max 2 godziny": a quantity per week/month/year, an optional
cap per month/year, and an optional maximum length of one unit in hours.
"""

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
