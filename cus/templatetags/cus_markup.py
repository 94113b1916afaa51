"""``{{ text|markup }}``: narrative text in the lightweight markup (cus/markup.py) as safe HTML.
A builtin library (``TEMPLATES`` ``builtins``): pages and PDFs have it without ``{% load %}``."""

from django import template

from cus.markup import render_markup

register = template.Library()


@register.filter(is_safe=True)
def markup(text):
    return render_markup(text)
