"""PESEL, the Polish personal identification number: validation and what it encodes.

Eleven digits: YYMMDD (the month carries the century: +80 for 1800–1899, +0 for
1900–1999, +20 for 2000–2099, +40 for 2100–2199, +60 for 2200–2299), a serial
number whose last digit is odd for men and even for women, and a check digit.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
CENTURY_OFFSETS = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}

MALE = "M"
FEMALE = "K"


@dataclass(frozen=True)
class Pesel:
    """What a valid PESEL says: the number, the date of birth and the sex (M/K)."""

    number: str
    birth_date: date
    sex: str


def check_digit(first_ten):
    return (10 - sum(int(d) * w for d, w in zip(first_ten, WEIGHTS, strict=True)) % 10) % 10


def decode(value):
    """Return a Pesel for a valid number; raise ValidationError (Polish message) otherwise."""
    number = (value or "").strip()
    if not re.fullmatch(r"\d{11}", number):
        raise ValidationError(_("PESEL ma 11 cyfr."), code="format")
    if check_digit(number[:10]) != int(number[10]):
        raise ValidationError(
            _("Nieprawidłowy PESEL: cyfra kontrolna się nie zgadza. Sprawdź numer."),
            code="checksum",
        )
    year, month, day = int(number[0:2]), int(number[2:4]), int(number[4:6])
    offset = next((o for o in CENTURY_OFFSETS if o < month <= o + 12), None)
    if offset is None:
        raise ValidationError(_("Nieprawidłowy PESEL: niemożliwy miesiąc urodzenia."), code="date")
    try:
        birth_date = date(CENTURY_OFFSETS[offset] + year, month - offset, day)
    except ValueError:
        raise ValidationError(
            _("Nieprawidłowy PESEL: taka data urodzenia nie istnieje."), code="date"
        ) from None
    sex = MALE if int(number[9]) % 2 else FEMALE
    return Pesel(number, birth_date, sex)


def validate_pesel(value):
    decode(value)


def make(birth_date, serial=123, sex=FEMALE):
    """A valid PESEL for ``birth_date`` (demo and test data only)."""
    century = birth_date.year // 100 * 100
    offset = {v: k for k, v in CENTURY_OFFSETS.items()}[century]
    serial_digit = (serial % 10) - (serial % 10) % 2 + (1 if sex == MALE else 0)
    body = (
        f"{birth_date.year % 100:02d}{birth_date.month + offset:02d}{birth_date.day:02d}"
        f"{serial // 10 % 1000:03d}{serial_digit % 10}"
    )
    return body + str(check_digit(body))
