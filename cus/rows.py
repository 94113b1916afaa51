"""Helpers of the list rows: a detail link and a date, without a ``reverse()`` or a format
lookup per row. The Jinja2 rows (cus/jinja2.py) and the models' texts use them.
"""

import functools

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
