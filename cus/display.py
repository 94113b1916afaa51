"""``get_<field>_display()`` without re-translating every label on each call.

Django's ``Model._get_FIELD_display`` builds ``dict(make_hashable(field.flatchoices))``
on every call; hashing the lazily translated labels translates each of them, so a
25-row list showing two choice fields ran ~200 gettext lookups (≈ 4 ms a request,
issue 8). The mapping is built once per field here, keeping the labels lazy, so a
call translates the one label it returns — in the language active at that moment.
Fields whose choices are callables (evaluated anew each time) keep Django's method.
"""

from functools import partialmethod

from django.apps import apps
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _display_method(field):
    labels = {}

    def get_display(self):
        if not labels:
            labels.update(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)

    get_display.__name__ = f"get_{field.name}_display"
    get_display.__doc__ = f"The label of ``{field.name}``'s value (see cus.display)."
    return get_display


def speed_up_choice_displays(app_labels):
    """Replace Django's generated ``get_<field>_display`` on the models of ``app_labels``."""
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                name = f"get_{field.name}_display"
                if (
                    field.choices is not None
                    and not isinstance(field.choices, CallableChoiceIterator)
                    and isinstance(model.__dict__.get(name), partialmethod)
                ):
                    setattr(model, name, _display_method(field))
