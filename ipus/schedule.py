"""Schedules of plan items as data, rendered as the Polish prose of the IPUS template.

"6 godzin tygodniowo", "2 przejazdy w miesiącu, max. 6 w roku",
"4 usługi w roku po max 2 godziny": a quantity per week/month/year, an optional
cap per month/year, and an optional maximum length of one unit in hours.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Per(models.TextChoices):
    WEEK = "week", _("tygodniowo")
    MONTH = "month", _("w miesiącu")
    YEAR = "year", _("w roku")


# Unit code (services.choices.Unit) → Polish forms for 1, 2–4 and 5+ (and fractions).
UNIT_FORMS = {
    "hour": ("godzina", "godziny", "godzin"),
    "ride": ("przejazd", "przejazdy", "przejazdów"),
    "service": ("usługa", "usługi", "usług"),
    "visit": ("wizyta", "wizyty", "wizyt"),
    "day": ("dzień", "dni", "dni"),
    "month": ("miesiąc", "miesiące", "miesięcy"),
    "session": ("zajęcia", "zajęcia", "zajęć"),
    "place": ("miejsce", "miejsca", "miejsc"),
}
FRACTION = {
    "hour": "godziny",
    "ride": "przejazdu",
    "service": "usługi",
    "visit": "wizyty",
    "day": "dnia",
    "month": "miesiąca",
    "session": "zajęć",
    "place": "miejsca",
}


def number(value):
    """2 → "2", Decimal("1.50") → "1,5" (Polish decimal comma)."""
    value = Decimal(value).normalize()
    text = f"{value:f}"
    return text.replace(".", ",")


def unit_form(unit, quantity):
    """The Polish form of ``unit`` after ``quantity``: 1 godzina, 3 godziny, 6 godzin, 1,5 godziny."""
    forms = UNIT_FORMS.get(unit, (unit, unit, unit))
    quantity = Decimal(quantity)
    if quantity != quantity.to_integral_value():
        return FRACTION.get(unit, forms[1])
    n = int(quantity)
    if n == 1:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def describe(quantity, unit, per, cap=None, cap_per=None, max_hours=None):
    """The schedule as prose: describe(2, "ride", "month", 6, "year") → "2 przejazdy w miesiącu, max. 6 w roku"."""
    text = f"{number(quantity)} {unit_form(unit, quantity)} {Per(per).label}"
    if max_hours:
        text += f" po max {number(max_hours)} {unit_form('hour', max_hours)}"
    if cap and cap_per:
        text += f", max. {number(cap)} {Per(cap_per).label}"
    return text
