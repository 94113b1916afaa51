"""Widgets every form of the project shares.

``DecimalInput`` is the default widget of Django's DecimalField and FloatField in this
project (cus.apps sets it): a browser drops the value of ``<input type="number">`` that
it cannot parse ("6,00"), so a decimal is a text input with the decimal keypad that shows
the Polish comma and takes a comma or a dot.

A browser also sends every line break of a textarea as CRLF: ``use_project_widgets`` makes
every textarea read them back as the LF they are stored and shown with, so saving a form
unchanged changes nothing.
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


def _lf_line_breaks(value_from_datadict):
    def read(self, data, files, name):
        value = value_from_datadict(self, data, files, name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    return read


def use_project_widgets():
    """Every decimal and float form field of the project (admin included) gets DecimalInput;
    every textarea reads its line breaks as LF."""
    for field_class in (forms.DecimalField, forms.FloatField):
        field_class.widget = DecimalInput
    if not getattr(forms.Textarea, "reads_lf", False):
        forms.Textarea.value_from_datadict = _lf_line_breaks(forms.Textarea.value_from_datadict)
        forms.Textarea.reads_lf = True
