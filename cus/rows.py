"""Helpers for table rows built in Python.

The template engine spends ~40 µs on every ``{{ variable }}`` (lookups tried as dict key,
attribute and index, filters, localisation, escaping): 25 rows of seven cells cost about
10 ms of every list request (issue 8). The busiest lists build their rows with
``format_html`` instead — same markup, tested against the template they replaced — and
these helpers keep that short.
"""

import functools
from decimal import Decimal

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import get_script_prefix, reverse

_SENTINEL = 987654321


@functools.cache
def _url_parts(url_name, script_prefix):
    prefix, suffix = reverse(url_name, args=[_SENTINEL]).split(str(_SENTINEL))
    return prefix, suffix


def object_url(url_name, pk):
    """``reverse(url_name, args=[pk])`` for an integer pk, reversed once per process."""
    prefix, suffix = _url_parts(url_name, get_script_prefix())
    return f"{prefix}{int(pk)}{suffix}"


def day(value):
    """A date as the templates' ``|date:"d.m.Y"`` shows it ("" for none)."""
    return f"{value:%d.%m.%Y}" if value else ""


def number(value, arg="-1"):
    """``value|floatformat:arg`` for ``arg`` "0" or "-N" (whole numbers without decimals).

    Whole numbers — most counts and targets — are written at once; floatformat's rounding
    and localisation would give the same digits (~15 µs a number; issue 8).
    """
    kind, text = type(value), str(arg)
    if (
        (kind is int or (kind is Decimal and value.is_finite() and value == value.to_integral()))
        and (text == "0" or (text[:1] == "-" and text[1:].isdigit()))  # not "g"/"u" suffixes
        and not settings.USE_THOUSAND_SEPARATOR
    ):
        return str(int(value))
    return floatformat(value, arg)
