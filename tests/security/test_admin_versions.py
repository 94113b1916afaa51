"""The admin refuses to overwrite a newer save, as the pages do (cus.versioning): every
versioned model registered in the admin, opened in two tabs and saved from both."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import reverse

from cus import roles
from cus.models import VersionedModel
from tests.factories import staff_account
from tests.security import permission_matrix as pm
from tests.security.admin_pages import posted_back
from tests.security.test_permission_matrix import admin_records, catalogue_world, staff_people

CONFLICT = "Ktoś zapisał ten rekord, gdy go edytowałeś(-aś)"


def versioned_admin_records():
    """The matrix's records of versioned models, each with an actor who may change it."""
    for name, record in pm.ADMIN_RECORDS.items():
        model = apps.get_model(record["model"])
        if not issubclass(model, VersionedModel):
            continue
        editors = [actor for actor, outcome in record["change"].items() if outcome == pm.EDIT]
        if editors:
            yield name, model, editors[0]


def edit_of(model, page, coordinators):
    """(field, value from the first tab, value from the second): a plain text field of the
    record's form on ``page``, or its coordinator on a frozen record (all the OUS may change)."""
    on_page = posted_back(page)
    for field in model._meta.fields:
        if (
            field.name in on_page
            and isinstance(field, models.CharField | models.TextField)
            and field.editable
            and not field.choices
            and not field.unique
            and not field._validators  # a postal code, a phone number
            and (field.max_length or 100) >= 20
        ):
            return field.attname, "Zapis z pierwszej karty", "Zapis z drugiej karty"
    if "coordinator" in on_page:
        first, second = (str(user.pk) for user in coordinators)
        return "coordinator_id", first, second
    raise AssertionError(f"{model.__name__}: nothing to edit in {sorted(on_page)}")


def test_every_versioned_model_in_the_admin_is_checked():
    registered = {model for model in admin.site._registry if issubclass(model, VersionedModel)}
    checked = {model for _name, model, _actor in versioned_admin_records()}
    assert registered == checked, "give these models an admin record someone may change"
    assert len(checked) >= 4


@pytest.mark.django_db
def test_a_stale_admin_save_is_refused_and_kept_and_saving_again_replaces(client):
    people = staff_people()
    other = staff_account("m-kipus-2", roles.KIPUS)
    actors = {
        pm.OWN: people[roles.KIPUS],
        pm.OTHER: other,
        roles.OUS: people[roles.OUS],
        roles.ADMINISTRATOR: people[roles.ADMINISTRATOR],
    }
    records = admin_records(people, other, catalogue_world(people))
    wrong, checked = [], 0
    for name, model, actor in versioned_admin_records():
        obj = records[name]
        counter = model.version_field
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
        )
        client.force_login(actors[actor])
        first_tab, second_tab = client.get(url), client.get(url)
        field, first, second = edit_of(model, first_tab, (other, people[roles.KIPUS]))
        name_posted = field.removesuffix("_id")
        before = getattr(model._default_manager.get(pk=obj.pk), counter)

        saved = client.post(url, posted_back(first_tab, **{name_posted: first}))
        stored = model._default_manager.get(pk=obj.pk)
        if saved.status_code != 302 or getattr(stored, counter) != before + 1:
            errors = saved.context and saved.context.get("errors")
            wrong.append(
                f"{name}: a save of {field} answered {saved.status_code} {errors}, version "
                f"{before} -> {getattr(stored, counter)}"
            )
            continue
        stale = client.post(url, posted_back(second_tab, **{name_posted: second}))
        stored = model._default_manager.get(pk=obj.pk)
        if stale.status_code != 200 or CONFLICT not in stale.content.decode():
            wrong.append(f"{name}: a stale save answered {stale.status_code} without the conflict")
        if str(getattr(stored, field)) != first:
            wrong.append(f"{name}: a stale save overwrote the newer one")
        html = stale.content.decode()
        kept = f'value="{second}" selected' in html if field == "coordinator_id" else second in html
        if not kept:
            wrong.append(f"{name}: the refused input was not kept in the form")
        again = client.post(url, posted_back(stale))
        stored = model._default_manager.get(pk=obj.pk)
        if again.status_code != 302 or str(getattr(stored, field)) != second:
            wrong.append(f"{name}: saving again after the conflict answered {again.status_code}")
        checked += 1
    assert not wrong, "\n".join(wrong)
    assert checked >= 4
