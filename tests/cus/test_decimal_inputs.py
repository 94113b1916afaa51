"""Every decimal a form shows survives the browser: a value the browser cannot parse is dropped
(``<input type="number" value="6,00">`` arrives empty), so a decimal field is a text input with
the decimal keypad whose value reads back as it was, or a number input with a plain value.

The forms come from the form registry (every form class of the project and of its admin) and
from every page of the permission matrix (the forms as the pages build them, with the fields
they add or change when they are made).
"""

import re
from decimal import Decimal
from html.parser import HTMLParser

from django import forms

from cus import roles
from tests.factories import staff_account
from tests.formwalk import matrix_pages, page_forms
from tests.security.registry import admin_form_classes, project_form_classes
from tests.security.test_lost_updates import edit_world
from tests.security.test_permission_matrix import people  # noqa: F401 (fixture)

# https://html.spec.whatwg.org/#valid-floating-point-number
HTML_FLOAT = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")


class _Input(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attrs = None

    def handle_starttag(self, tag, attrs):
        if tag == "input" and self.attrs is None:
            self.attrs = dict(attrs)


def input_attrs(html):
    parser = _Input()
    parser.feed(html)
    return parser.attrs or {}


def is_decimal(field):
    return isinstance(field, (forms.DecimalField, forms.FloatField))


def problem(field, name, html):
    """Why the browser would not send back what ``html`` (the field's widget) shows, or None."""
    attrs = input_attrs(html)
    kind, value = (attrs.get("type") or "text").lower(), attrs.get("value") or ""
    if kind == "hidden":
        return None
    if kind == "number":
        return None if not value or HTML_FLOAT.fullmatch(value) else f"number input {value!r}"
    if kind != "text" or attrs.get("inputmode") != "decimal":
        return f"a {kind} input without inputmode=decimal"
    if value:
        read = field.widget.value_from_datadict({name: value}, {}, name)
        try:
            field.clean(read)
        except forms.ValidationError:
            return f"{value!r} shown but refused when sent back"
    return None


def sample(field):
    places = getattr(field, "decimal_places", None) or 1
    return Decimal("12.5").quantize(Decimal(1).scaleb(-places))


def test_every_decimal_field_class_renders_a_value_the_browser_sends_back(db):
    administrator = staff_account("d-admin", roles.ADMINISTRATOR)
    classes = {**project_form_classes(), **admin_form_classes(administrator)}
    wrong, checked = [], 0
    for form_name, form_class in classes.items():
        for name, field in form_class.base_fields.items():
            if is_decimal(field):
                checked += 1
                html = field.widget.render(name, field.prepare_value(sample(field)))
                if why := problem(field, name, html):
                    wrong.append(f"{form_name}.{name}: {why}")
    assert not wrong, "\n".join(wrong)
    assert checked >= 10


def test_every_decimal_field_on_every_page_renders_a_value_the_browser_sends_back(
    client,
    people,  # noqa: F811 (fixture)
):
    world = edit_world(people)
    wrong, checked, pages = [], 0, 0
    for url_name, _role, _url, response in matrix_pages(client, people, world):
        pages += 1
        for form in page_forms(response):
            for name, field in form.fields.items():
                if is_decimal(field):
                    checked += 1
                    if why := problem(field, form.add_prefix(name), str(form[name])):
                        wrong.append(f"{url_name} {type(form).__name__}.{name}: {why}")
    assert not wrong, "\n".join(wrong)
    assert pages >= 60 and checked >= 10
