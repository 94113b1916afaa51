"""Hostile text in every text field of every project model, for the tests that look for it.

``fill_text_fields(payload_for)`` writes a payload into every CharField and TextField
of every model of the project's apps (the model registry, historical models
included), in every row, with one UPDATE per field. A field gets the payload only
where a user could have typed it: fields with choices hold one of our values, and a
field whose validators refuse the payload (a PESEL, a postal code, an e-mail) could
never store it. Each row's value ends with its primary key, so unique fields stay
unique.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast, Concat

from cus.modules import PROJECT_APPS

# Text no user types or reads, which the code itself writes and parses: filling it would
# test nothing but break the test world (a password hash, a document's hash and type, the
# keys of the log, the calendar feed and the sequences).
NOT_TYPED = {
    "cus.user": {"password"},
    "cus.storeddocument": {"sha256", "content_type"},
    "cus.accesslog": {"object_id"},
    "cus.calendarfeed": {"token"},
    "cus.yearsequence": {"kind"},
}
# Room left for the row's primary key after the payload (the test worlds stay under a million rows).
PK_DIGITS = 6


@dataclass
class Filled:
    """What ``fill_text_fields`` did: (model label, field) filled, and those left out with why."""

    filled: list = field(default_factory=list)
    skipped: dict = field(default_factory=dict)  # "label.field" -> reason

    def __len__(self):
        return len(self.filled)


def project_models():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.managed and not model._meta.proxy:
                yield model


def text_fields():
    """(model, field) for every CharField and TextField of every project model."""
    for model in project_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.CharField | models.TextField):
                yield model, model_field


def fill_text_fields(payload_for):
    """Write ``payload_for(index, max_length)`` (a str, or None to leave the field) into
    every typed text field of every project model; returns what was filled."""
    done = Filled()
    for index, (model, model_field) in enumerate(text_fields()):
        name = f"{model._meta.label_lower}.{model_field.name}"
        if model_field.name in NOT_TYPED.get(model._meta.label_lower, ()):
            done.skipped[name] = "written by the code"
            continue
        if model_field.choices:
            done.skipped[name] = "choices"
            continue
        if model_field.primary_key:
            done.skipped[name] = "a primary key"
            continue
        room = model_field.max_length
        payload = payload_for(index, None if room is None else room - PK_DIGITS)
        if payload is None:
            done.skipped[name] = f"too short ({room})"
            continue
        try:
            model_field.run_validators(payload)
        except ValidationError:
            done.skipped[name] = "its validators refuse the payload"
            continue
        with_pk = Concat(models.Value(payload), Cast("pk", models.CharField()))
        model._base_manager.update(**{model_field.attname: with_pk})
        done.filled.append((model._meta.label_lower, model_field.name))
    return done
