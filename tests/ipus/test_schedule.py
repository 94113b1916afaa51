from decimal import Decimal

import pytest

from ipus.schedule import describe, unit_form


@pytest.mark.parametrize(
    ("args", "prose"),
    [
        ((6, "hour", "week"), "6 godzin tygodniowo"),
        ((2, "ride", "month", 6, "year"), "2 przejazdy w miesiącu, max. 6 w roku"),
        ((4, "service", "year", None, None, 2), "4 usługi w roku po max 2 godziny"),
        ((1, "visit", "week"), "1 wizyta tygodniowo"),
        ((Decimal("1.5"), "hour", "week"), "1,5 godziny tygodniowo"),
        ((22, "session", "month"), "22 zajęcia w miesiącu"),
        ((12, "ride", "year"), "12 przejazdów w roku"),
    ],
)
def test_schedules_read_like_the_ipus_template(args, prose):
    assert describe(*args) == prose


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "godzina"),
        (2, "godziny"),
        (5, "godzin"),
        (12, "godzin"),
        (22, "godziny"),
        (25, "godzin"),
    ],
)
def test_polish_plural_forms(n, form):
    assert unit_form("hour", n) == form
