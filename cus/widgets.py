"""Widgets rendered in Python where Django's per-option templates are measurably slow."""

import functools
from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.safestring import mark_safe

# Models whose select options FastSelect reads as plain values: model -> (columns, label
# from those columns), the label being exactly what the model's __str__ returns. Building
# a model instance per option was most of a select's cost (54 staff and 59 data kinds on
# the access log's filter: ~6 ms a request). Registered by the apps (cus.apps, services.apps).
VALUE_LABELS = {}


def register_value_label(model, columns, label):
    VALUE_LABELS[model] = (tuple(columns), label)


def _text(value):
    """``value`` as HTML text: escaped unless it is already safe (as the template does)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


class FastSelect(forms.Select):
    """A ``<select>`` with the same HTML as Django's, built without a template per option.

    Django renders every ``<option>`` through two template includes and a dict of
    attributes; a list filter with sixty staff spent ~7 ms on that per request
    (issue 8). This walks the choices once with the same selection rules
    (``ChoiceWidget.optgroups``: one selected option unless multiple) and the same
    escaping; tests/cus/test_widgets.py compares the HTML with Django's.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        wanted = set(self.format_value(value))
        parts = [f"<select name={_quoted(name)}{flatatt(final_attrs)}>"]
        has_selected = False
        for choice_value, option_label in _choices(self.choices):
            option_value = "" if choice_value is None else choice_value
            grouped = isinstance(option_label, (list, tuple))
            # Django's template opens an <optgroup> only for a group with a name.
            labelled = grouped and bool(option_value)
            if labelled:
                parts.append(f"<optgroup label={_quoted(option_value)}>")
            choices = option_label if grouped else ((option_value, option_label),)
            for choice_subvalue, sublabel in choices:
                subvalue = str(choice_subvalue)
                selected = (not has_selected or self.allow_multiple_selected) and (
                    subvalue in wanted
                )
                has_selected |= selected
                parts.append(
                    f"<option value={_quoted(subvalue)}{' selected' if selected else ''}>"
                    f"{_text(sublabel)}</option>"
                )
            if labelled:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value and label is escaped above


def _choices(choices):
    """``choices``, with a registered model's options read as values (VALUE_LABELS)."""
    if not isinstance(choices, ModelChoiceIterator):
        return choices
    field = choices.field
    registered = VALUE_LABELS.get(choices.queryset.model)
    if (
        registered is None
        or field.to_field_name
        or type(field).label_from_instance is not forms.ModelChoiceField.label_from_instance
    ):
        return choices
    columns, label = registered
    head = []
    if field.empty_label is not None:
        head.append(("", field.empty_label))
    if getattr(field, "null_label", None) is not None:  # django-filters' null choice
        head.append((field.null_value, field.null_label))
    rows = choices.queryset.values_list("pk", *columns)
    return [*head, *((row[0], label(*row[1:])) for row in rows)]


def user_label(first_name, last_name, username):
    """``str(user)``: the full name (AbstractUser.get_full_name) or the username."""
    return f"{first_name} {last_name}".strip() or username


def content_type_label(app_label, model):
    """``str(content_type)`` (its app_labeled_name), once per type and language."""
    return _content_type_label(app_label, model, translation.get_language())


@functools.cache
def _content_type_label(app_label, model, language):
    from django.contrib.contenttypes.models import ContentType

    return str(ContentType(app_label=app_label, model=model))


def _quoted(value):
    return f'"{_text(value)}"'


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
