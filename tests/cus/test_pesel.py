from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cus import pesel


@pytest.mark.parametrize(
    ("number", "birth_date", "sex"),
    [
        ("44051401359", date(1944, 5, 14), pesel.MALE),
        ("02270803624", date(2002, 7, 8), pesel.FEMALE),
        ("85910112342", date(1885, 11, 1), pesel.FEMALE),
    ],
)
def test_valid_numbers_give_the_birth_date_and_sex(number, birth_date, sex):
    assert pesel.decode(number) == pesel.Pesel(number, birth_date, sex)


@pytest.mark.parametrize(
    "birth_date",
    [
        date(1800, 1, 1),
        date(1899, 12, 31),
        date(1999, 2, 28),
        date(2000, 2, 29),
        date(2150, 6, 30),
        date(2299, 12, 31),
    ],
)
@pytest.mark.parametrize("sex", [pesel.MALE, pesel.FEMALE])
def test_numbers_of_every_century_round_trip(birth_date, sex):
    decoded = pesel.decode(pesel.make(birth_date, serial=4567, sex=sex))
    assert (decoded.birth_date, decoded.sex) == (birth_date, sex)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("44051401358", "cyfra kontrolna"),
        ("4405140135", "11 cyfr"),
        ("4405140135a", "11 cyfr"),
        ("", "11 cyfr"),
        (pesel.make(date(2001, 1, 1)).replace("0101", "0230", 1), "cyfra kontrolna"),
    ],
)
def test_invalid_numbers_are_refused_in_polish(number, message):
    with pytest.raises(ValidationError, match=message):
        pesel.decode(number)


def _with_check_digit(body):
    return body + str(pesel.check_digit(body))


@pytest.mark.parametrize(
    "body",
    [
        "0102300000",  # 30 February 1901
        "0113010000",  # month 13 is no century's month
        "9902290000",  # 29 February 1999
        "0000010000",  # month 0
    ],
)
def test_impossible_dates_are_refused(body):
    with pytest.raises(ValidationError, match=r"niemożliwy miesiąc|nie istnieje"):
        pesel.decode(_with_check_digit(body))
