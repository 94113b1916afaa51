"""The Django admin speaks Polish for every model it shows, the project's and the libraries'.

Seen: "OTP_STATIC", "OTP_TOTP", "Static devices", "TOTP devices", "Według pola created
at / last used at", "Search by user's nazwa użytkownika", "Dodaj użytkownik", "7
użytkownicy". For every model registered in ``admin.site``: its names, its app's name and
every field's name are Polish (cus/library_names.py names the libraries'), and its change
list counts in Polish ("Użytkownicy: 7") with no English around it.
"""

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from tests.cus.test_demo_polish import page_text
from tests.factories import UserFactory

# English words of the libraries' and Django's defaults (Polish "data" = date is not one).
ENGLISH = re.compile(
    r"\b(devices?|tokens?|static|key|users?|username|name|created|last|used|at|by|of|the|and|"
    r"or|search|access|failures?|attempts?|lock|out|agent|hash|session|step|digits|tolerance|"
    r"drift|confirmed|throttling|count|timestamp|time|info|path|entry|value|historical|"
    r"results?|add|change|view|select)\b",
    re.IGNORECASE,
)
# Field names whose English default is also the Polish word.
SAME_IN_POLISH = {"id", "status", "pesel", "nip", "krs", "logo"}


def admin_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


def _english(text):
    return ENGLISH.findall(text)


@pytest.mark.parametrize("model", admin_models(), ids=lambda model: model._meta.label)
def test_every_admin_model_its_app_and_its_fields_have_polish_names(model):
    opts = model._meta
    with translation.override("pl"):
        app = str(opts.app_config.verbose_name)
        names = [str(opts.verbose_name), str(opts.verbose_name_plural)]
        fields = {
            field.name: str(field.verbose_name)
            for field in opts.get_fields()
            if getattr(field, "concrete", False)  # not reverse relations, not generic keys
        }
    assert app != opts.app_label.title(), f"{opts.label}: the app has no name ({app!r})"
    assert not _english(app), f"{opts.label}: app {app!r}"
    for name in names:
        assert not _english(name), f"{opts.label}: {name!r}"
    for field_name, verbose_name in fields.items():
        default = field_name.replace("_", " ")
        assert verbose_name.lower() != default or field_name in SAME_IN_POLISH, (
            f"{opts.label}.{field_name}: no Polish name ({verbose_name!r})"
        )
        assert not _english(verbose_name), f"{opts.label}.{field_name}: {verbose_name!r}"


@pytest.fixture
def superuser(db):
    return UserFactory(username="t-super", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("model", admin_models(), ids=lambda model: model._meta.label)
def test_every_admin_change_list_counts_in_polish(client, superuser, model):
    opts = model._meta
    client.force_login(superuser)
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    text = page_text(response.content)
    count = response.context["cl"].result_count
    with translation.override("pl"):
        plural, name = capfirst(str(opts.verbose_name_plural)), str(opts.verbose_name)
    assert f"{plural}: {count}" in text
    assert f"Dodaj {name}" not in text
    for english in ("Search by", "Static devices", "TOTP devices", "created at", "last used at"):
        assert english not in text
