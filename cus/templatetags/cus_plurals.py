"""Polish counts and numbers in templates (cus/plurals.py): ``{{ n|counted:"plan" }}`` →
"2 plany", ``{{ quantity|counted:service.unit_forms }}`` → "1,5 godziny",
``{{ value|number }}`` → "3,97".

A builtin library (``TEMPLATES`` ``builtins``), as cus_law: PDFs, cached report tables
and the admin's templates have it without ``{% load %}``. The Jinja2 rows get the same
filters (cus/jinja2.py).
"""

from django import template

from cus import plurals

register = template.Library()


@register.filter
def counted(n, noun):
    """The number and the noun in the form it takes: ``{{ 5|counted:"plan" }}`` → "5 planów"."""
    return plurals.counted(n, noun)


@register.filter
def plural(n, noun):
    """Only the noun's form after ``n``: ``{{ 2|plural:"plan" }}`` → "plany"."""
    return plurals.plural(n, noun)


@register.filter
def number(value):
    """A number with the Polish decimal comma, no trailing zeros: "3.50" → "3,5"."""
    return plurals.number(value)
