"""Widgets rendered in Python where Django's per-option templates are measurably slow."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A ``<select>`` with the same HTML as Django's, built without a template per option.

    Django renders every ``<option>`` through two template includes; a list filter with
    fifty coordinators spent ~7 ms on that per request (issue 8). The markup, escaping
    and the ``selected`` marking are unchanged (tests/cus/test_widgets.py compares them).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.append(
                format_html_join(
                    "",
                    '<option value="{}"{}>{}</option>',
                    ((str(o["value"]), flatatt(o["attrs"]), o["label"]) for o in options),
                )
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # every part was escaped by format_html above


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """The multiple-choice variant of ``FastSelect``."""


def speed_up_selects(form):
    """Give the form's plain selects the fast renderer (the form's own field copies)."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            field.widget.__class__ = FastSelect
        elif type(field.widget) is forms.SelectMultiple:
            field.widget.__class__ = FastSelectMultiple
    return form
