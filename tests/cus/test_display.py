"""Every model's get_<field>_display() says what Django's own would, in any language."""

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from cus.modules import PROJECT_APPS
from ipus.choices import RequestStatus
from ipus.models import Request


def choice_fields():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                if field.choices is not None:
                    yield model, field


def test_choice_displays_match_django_for_every_value_and_language():
    checked = 0
    for model, field in choice_fields():
        method = getattr(model, f"get_{field.name}_display")
        if method.__module__ != "cus.display":
            continue  # the model's own method (Service.get_unit_display)
        values = [value for value, _label in field.flatchoices] + ["nieznana", None]
        for language in ("pl", "en"):
            with translation.override(language):
                for value in values:
                    instance = model()
                    setattr(instance, field.attname, value)
                    assert method(instance) == Model._get_FIELD_display(instance, field)
                    checked += 1
    assert checked > 100


def test_display_follows_the_active_language():
    request = Request(status=RequestStatus.WITHDRAWN)
    with translation.override("pl"):
        polish = request.get_status_display()
    assert polish == str(RequestStatus.WITHDRAWN.label)
    assert isinstance(polish, str)


@pytest.mark.parametrize("value", [RequestStatus.WITHDRAWN, "withdrawn"])
def test_enum_and_plain_values_give_the_same_label(value):
    assert (
        Request(status=value).get_status_display()
        == Request(status="withdrawn").get_status_display()
    )
