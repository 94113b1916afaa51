"""Widgets every form of the project shares.

``DecimalInput`` is the default widget of Django's DecimalField and FloatField in this
project (cus.apps sets it): a browser drops the value of ``<input type="number">`` that
it cannot parse ("6,00"), so a decimal is a text input with the decimal keypad that shows
the Polish comma and takes a comma or a dot.
"""

import re

from django import forms
from django.utils import formats

PLAIN_DECIMAL = re.compile(r"-?\d+\.\d+")


class DecimalInput(forms.TextInput):
    """A decimal as the office writes it: "6,50" shown, "6,50" or "6.50" taken."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):  # as typed (read back with a dot): shown with the comma
            return value.replace(".", ",") if PLAIN_DECIMAL.fullmatch(value) else value
        return formats.localize_input(value)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return formats.sanitize_separators(value.strip()) if isinstance(value, str) else value


def use_decimal_inputs():
    """Make DecimalInput the widget of every decimal and float form field, admin included."""
    for field_class in (forms.DecimalField, forms.FloatField):
        field_class.widget = DecimalInput
