"""The person form's hint "Przy numerze PESEL wypełnia się sama" holds in the browser: a
valid PESEL fills the birth date (static/js/cus.js, no inline script: the page fixture
fails on a CSP violation), a date typed by hand is kept, an invalid number fills nothing."""

from datetime import date

from cus import pesel
from tests.factories import UserFactory


def test_a_valid_pesel_fills_the_birth_date(page, login_as):
    UserFactory(username="kipus-p", role="KIPUS", is_staff=True)
    login_as(page, "kipus-p")
    page.goto("/ipus/persons/create/")
    birth_date = page.get_by_label("Data urodzenia")
    assert "Przy numerze PESEL wypełnia się sama" in page.content()

    page.get_by_label("PESEL").fill(pesel.make(date(1946, 8, 15), serial=3141, sex=pesel.FEMALE))
    assert birth_date.input_value() == "1946-08-15"
    # Another number replaces the date it filled; 2000s births carry +20 in the month.
    page.get_by_label("PESEL").fill(pesel.make(date(2003, 2, 1), serial=1234, sex=pesel.MALE))
    assert birth_date.input_value() == "2003-02-01"

    # A check digit that does not match fills nothing.
    bad = pesel.make(date(1950, 1, 1), serial=1111, sex=pesel.MALE)
    birth_date.fill("")
    page.get_by_label("PESEL").fill(bad[:10] + str((int(bad[10]) + 1) % 10))
    assert birth_date.input_value() == ""

    # A date typed by hand stays.
    birth_date.fill("1950-01-02")
    page.get_by_label("PESEL").fill(bad)
    assert birth_date.input_value() == "1950-01-02"


def test_a_pesel_carried_over_from_the_search_fills_it_on_arrival(page, login_as):
    UserFactory(username="kipus-q", role="KIPUS", is_staff=True)
    number = pesel.make(date(1938, 12, 24), serial=5555, sex=pesel.FEMALE)
    login_as(page, "kipus-q")
    page.goto("/ipus/persons/?q=" + number)
    page.get_by_role("link", name="Zarejestruj nową osobę").click()
    assert page.get_by_label("PESEL").input_value() == number
    assert page.get_by_label("Data urodzenia").input_value() == "1938-12-24"
