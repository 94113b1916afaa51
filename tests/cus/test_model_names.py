"""Every model of the project, change-history models included, has a Polish name.

The names reach users: the admin, and the access log's "Rodzaj danych" select, where the
IOD picks the kind of data (it showed "historical osoba", "evidence", "swot entry").
"""

import re

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.text import camel_case_to_spaces

from cus.modules import PROJECT_APPS

# Class names whose English default is also the Polish word.
SAME_IN_POLISH = {"partner"}
# Words of Django's and simple_history's English defaults.
ENGLISH = re.compile(r"\b(historical|entry|value|evidence|transition|stage|hours|section)\b")


def project_models():
    return [model for label in PROJECT_APPS for model in apps.get_app_config(label).get_models()]


def test_the_project_has_history_models():
    assert any(model.__name__.startswith("Historical") for model in project_models())


@pytest.mark.parametrize("model", project_models(), ids=lambda model: model._meta.label)
def test_every_model_has_a_polish_name(model):
    opts = model._meta
    english = camel_case_to_spaces(opts.object_name)
    with translation.override("pl"):
        name, plural = str(opts.verbose_name), str(opts.verbose_name_plural)
    assert name != english or name in SAME_IN_POLISH, (
        f"{opts.label}: verbose_name is the English default {name!r}"
    )
    assert plural != f"{name}s", f"{opts.label}: verbose_name_plural is the default {plural!r}"
    assert not ENGLISH.search(name), f"{opts.label}: {name!r} is not Polish"
    assert not ENGLISH.search(plural), f"{opts.label}: {plural!r} is not Polish"
