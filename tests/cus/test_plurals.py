"""Polish counts (cus/plurals.py): every registered word and every unit of measure takes the
right form after 0, 1, 2, 5, 12, 22, 25 and 1,5, in Python, in Django templates and in the
Jinja2 rows; and no template or message counts a noun any other way.

Seen before: "2 planów", "2 wierszy", "1 programów w mocy", "60 wizyta miesięcznie",
"Zrealizowano 1 działań" (``ngettext`` and ``{% blocktranslate count %}`` with Polish
source text have two forms only; a unit was printed in its dictionary form).
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, engines
from django.utils.translation import trans_real

from cus import plurals
from services.choices import UNIT_FORMS, Unit

# The number → the form it takes (Forms' fields: one, few, many, fraction).
EXPECTED = {
    0: "many",
    1: "one",
    2: "few",
    5: "many",
    12: "many",
    22: "few",
    25: "many",
    Decimal("1.5"): "fraction",
}
SHOWN = {n: str(n) for n in EXPECTED} | {Decimal("1.5"): "1,5"}

WORDS = [pytest.param(forms, id=name) for name, forms in plurals.WORDS.items()]
UNITS = [pytest.param(unit.forms, id=f"unit-{unit.value}") for unit in Unit]
EVERY_NOUN = WORDS + UNITS


def test_every_unit_of_measure_has_its_forms():
    assert set(UNIT_FORMS) == set(Unit)


@pytest.mark.parametrize("forms", EVERY_NOUN)
@pytest.mark.parametrize("n", list(EXPECTED), ids=str)
def test_each_noun_takes_the_polish_form_after_each_number(forms, n):
    assert all(form.strip() for form in forms)
    expected = f"{SHOWN[n]} {getattr(forms, EXPECTED[n])}"
    assert plurals.counted(n, forms) == expected
    assert plurals.counted(float(n), forms) == expected
    assert plurals.plural(n, forms) == getattr(forms, EXPECTED[n])


@pytest.mark.parametrize("name", list(plurals.WORDS))
@pytest.mark.parametrize("n", list(EXPECTED), ids=str)
def test_templates_and_jinja2_rows_count_the_same(name, n):
    expected = plurals.counted(n, name)
    django = Template("{{ n|counted:name }}").render(Context({"n": n, "name": name}))
    jinja = engines["jinja2"].from_string("{{ n|counted(name) }}").render({"n": n, "name": name})
    assert django == jinja == expected


def test_units_count_in_templates_through_the_service():
    class Service:
        unit_forms = Unit.VISIT.forms

    html = Template("{{ 60|counted:service.unit_forms }}").render(Context({"service": Service()}))
    assert html == "60 wizyt"


def test_the_rule_is_the_polish_catalogues():
    rule = trans_real.translation("pl").plural
    for n in range(0, 250):
        assert plurals.form_index(n) == rule(n)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2, "2"),
        (Decimal("2.00"), "2"),
        ("3.50", "3,5"),
        ("3.97", "3,97"),
        (66.7, "66,7"),
        (None, "—"),
    ],
)
def test_numbers_keep_the_polish_decimal_comma(value, shown):
    assert plurals.number(value) == shown
    assert Template("{{ value|number }}").render(Context({"value": value})) == shown


def test_no_number_is_a_dash():
    assert plurals.counted(None, "plan") == "—"


def test_an_unregistered_word_fails_loudly():
    with pytest.raises(KeyError):
        plurals.counted(2, "słowo spoza rejestru")


# --- Nothing counts a noun past the helper -----------------------------------------------

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CODE = [
    path
    for app in ("cus", "ipus", "osl", "services")
    for path in (Path(settings.BASE_DIR) / app).rglob("*.py")
    if "migrations" not in path.parts
]
# Every form of every registered word and unit (the words a count is followed by).
NOUN_FORMS = sorted(
    {form for forms in [*plurals.WORDS.values(), *UNIT_FORMS.values()] for form in forms},
    key=len,
    reverse=True,
)
NOUN = "|".join(re.escape(form) for form in NOUN_FORMS)
# "{{ n }} planów" in a template; "%(n)d wierszy", "{count} planów" in a message.
TEMPLATE_COUNT = re.compile(rf"\{{\{{[^}}]*\}}\}}(?:</\w+>)?\s+(?:{NOUN})\b")
MESSAGE_COUNT = re.compile(rf"(?:%\(\w+\)[sd]|\{{[^}}]+\}})\s+(?:{NOUN})\b")
TWO_FORMS = re.compile(r"blocktranslate[^%]*\scount\s+\w+=|\bn(?:p)?gettext(?:_lazy)?\(")


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_prints_a_count_before_a_noun_itself(path):
    text = path.read_text()
    assert not TWO_FORMS.search(text), "a count with two forms: use |counted (cus/plurals.py)"
    found = TEMPLATE_COUNT.findall(text)
    assert not found, f"use |counted (cus/plurals.py): {found}"
    assert "jedn." not in text, "name the unit (service.unit_forms), not „jedn.”"


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_no_message_prints_a_count_before_a_noun_itself(path):
    text = path.read_text()
    assert not TWO_FORMS.search(text), "a count with two forms: use cus.plurals.counted"
    found = MESSAGE_COUNT.findall(text)
    assert not found, f"use cus.plurals.counted: {found}"
