"""Annexes: refused without a reason or a change, a diff over every compared field, the
effective date (status, counting of granted units, plans_daily) and the history once."""

import copy
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cus.dates import add_months, month_start
from cus.documents import Upload
from ipus import workflows
from ipus.annexes import (
    ITEM_FIELDS,
    ITEM_NOT_COMPARED,
    VERSION_FIELDS,
    VERSION_NOT_COMPARED,
    version_changes,
)
from ipus.capacity import capacity
from ipus.models import PlanItem, PlanTransition, PlanVersion
from ipus.models.plans import merged_history
from services.models import Service
from tests.ipus.conftest import PDF_SCAN, signed_plan
from tests.services.factories import ProviderFactory, ServiceFactory


def _annex(plan, kipus, **fields):
    annex = workflows.start_annex(plan, kipus)
    PlanVersion.objects.filter(pk=annex.pk).update(**fields)
    annex.refresh_from_db()
    return annex


def _sign(annex, kipus, director):
    workflows.submit_version(annex, kipus)
    workflows.approve_version(annex, director)
    workflows.attach_signed_copy(
        annex, "scan", Upload(PDF_SCAN, "application/pdf", "skan.pdf"), kipus
    )
    annex.refresh_from_db()


# --- refused without a reason or without a change --------------------------------------


def test_an_annex_without_a_reason_or_a_change_is_refused(client, kipus, director, assessment):
    plan = signed_plan(assessment, kipus, director)
    annex = workflows.start_annex(plan, kipus)
    client.force_login(kipus)
    response = client.post(reverse("ipus:version-submit", args=[annex.pk]), follow=True)
    text = response.content.decode()
    assert "Uzupełnij powód aktualizacji i uzasadnienie aktualizacji" in text
    assert "Przekazano do zatwierdzenia" not in text
    PlanVersion.objects.filter(pk=annex.pk).update(reason="needs", reason_text="Bez zmian")
    text = client.post(
        reverse("ipus:version-submit", args=[annex.pk]), follow=True
    ).content.decode()
    assert "Aktualizacja niczego nie zmienia" in text
    annex.refresh_from_db()
    assert annex.status == "draft"
    # One change is enough.
    item = annex.items.first()
    item.scope = item.scope + " Także zakupy."
    item.save()
    workflows.submit_version(annex, kipus)
    annex.refresh_from_db()
    assert annex.status == "submitted"


# --- the diff covers every field -------------------------------------------------------


def test_the_not_compared_lists_name_real_fields():
    assert {f.name for f in PlanVersion._meta.concrete_fields} >= VERSION_NOT_COMPARED
    assert {f.name for f in PlanItem._meta.concrete_fields} >= ITEM_NOT_COMPARED


def _other_value(field, value, db_objects):
    """A different valid value for ``field``."""
    if field.is_relation:
        return db_objects[field.name]
    if field.choices:
        return next(key for key, _label in field.choices if key and key != value)
    if isinstance(field, models.DateField):
        return value + timedelta(days=1)
    if isinstance(field, models.DecimalField):
        return (value or Decimal(0)) + Decimal(1)
    if isinstance(field, models.IntegerField):
        return (value or 0) + 1
    if isinstance(field, models.BooleanField):
        return not value
    return (value or "") + " (zmiana)"


@pytest.fixture
def signed(db, kipus, director, assessment):
    return signed_plan(assessment, kipus, director)


@pytest.mark.parametrize("field", VERSION_FIELDS, ids=lambda f: f.name)
def test_a_change_of_any_version_field_is_in_the_diff(signed, kipus, field):
    previous = signed.current_version
    annex = workflows.start_annex(signed, kipus)
    setattr(annex, field.attname, _other_value(field, getattr(annex, field.attname), {}))
    changes = version_changes(previous, annex)
    assert [change["label"] for change in changes["fields"]] == [field.verbose_name]
    assert not changes["added"] and not changes["removed"] and not changes["changed"]


@pytest.mark.parametrize("field", ITEM_FIELDS, ids=lambda f: f.name)
def test_a_change_of_any_item_field_is_in_the_diff(signed, kipus, field):
    previous = signed.current_version
    annex = workflows.start_annex(signed, kipus)
    items = list(annex.items.select_related("service", "provider").order_by("pk"))
    targets = {"service": ServiceFactory(name="Inna usługa"), "provider": ProviderFactory()}
    changed = copy.copy(items[1])
    if field.is_relation:
        setattr(changed, field.name, targets[field.name])
    else:
        setattr(changed, field.attname, _other_value(field, getattr(changed, field.attname), {}))
    changes = version_changes(previous, annex, [items[0], changed, *items[2:]])
    [change] = changes["changed"]
    assert [row["label"] for row in change["fields"]] == [field.verbose_name]
    assert change["fields"][0]["before"] != change["fields"][0]["after"]
    assert not changes["fields"] and not changes["added"] and not changes["removed"]


def test_the_annex_page_and_pdf_name_a_changed_scope(client, kipus, director, signed):
    annex = _annex(signed, kipus, reason="needs", reason_text="Nowy zakres")
    item = annex.items.get(service__name="Mobilny konserwator")
    item.scope = "Naprawy i wymiana żarówek"
    item.save()
    client.force_login(kipus)
    page = client.get(annex.get_absolute_url()).content.decode()
    assert (
        "zakres: Drobne naprawy, konserwacje – bez zakupu materiałów → Naprawy i wymiana żarówek"
        in (" ".join(page.split()))
    )


# --- the effective date ----------------------------------------------------------------


@pytest.fixture
def future_annex(db, kipus, director, assessment):
    """A plan from the 1st of this month; its signed annex doubles home care from next month."""
    start = month_start(timezone.localdate())
    plan = signed_plan(assessment, kipus, director, start=start)
    effective = add_months(start, 1)
    annex = _annex(
        plan, kipus, reason="needs", reason_text="Więcej opieki", in_force_from=effective
    )
    care = annex.items.get(service__name="Usługa opiekuńcza")
    care.quantity = 12
    care.save()
    _sign(annex, kipus, director)
    plan.refresh_from_db()
    return plan, annex


def test_a_signed_annex_before_its_date_is_not_in_force(future_annex):
    plan, annex = future_annex
    assert plan.current_version.number == 0
    assert annex.status == "signed"
    assert annex.status_text() == (
        f"podpisana, obowiązuje od {annex.in_force_from.strftime('%d.%m.%Y')}"
    )
    assert annex.status_text(today=annex.in_force_from) == "podpisana"


@pytest.mark.parametrize(("offset", "in_force"), [(-1, 0), (0, 1), (1, 1)])
def test_plans_daily_switches_to_the_annex_on_its_date(future_annex, offset, in_force):
    plan, annex = future_annex
    day = annex.in_force_from + timedelta(days=offset)
    workflows.switch_due_versions(today=day)
    workflows.switch_due_versions(today=day)  # idempotent
    plan.refresh_from_db()
    assert plan.current_version.number == in_force


def test_the_daily_command_leaves_a_future_annex_alone(future_annex):
    from io import StringIO

    from django.core.management import call_command

    plan = future_annex[0]
    out = StringIO()
    call_command("plans_daily", stdout=out)
    plan.refresh_from_db()
    assert plan.current_version.number == 0
    assert "Aktualizacje obowiązujące od dziś: 0" in out.getvalue()


def test_granted_units_follow_the_version_in_force_month_by_month(future_annex):
    plan, annex = future_annex
    care = Service.objects.get(name="Usługa opiekuńcza")
    start = plan.current_version.valid_from
    before = plan.current_version.items.get(service=care)
    after = annex.items.get(service=care)
    expected = {}
    for month, units in before.monthly_units():
        expected[month] = units
    for month, units in after.monthly_units():
        if month >= annex.in_force_from:
            expected[month] = units
    for month in (start, annex.in_force_from, add_months(start, 2)):
        end = add_months(month, 1) - timedelta(days=1)
        numbers = capacity([care], month, end)[care.pk]
        assert numbers["granted"] == expected[month], month
    # Once in force the numbers are the same: the date, not the switch, decides.
    workflows.switch_due_versions(today=annex.in_force_from)
    end = add_months(start, 1) - timedelta(days=1)
    assert capacity([care], start, end)[care.pk]["granted"] == expected[start]


def test_an_annex_cannot_come_into_force_before_the_version_it_changes(future_annex, kipus):
    from django.core.exceptions import ValidationError

    plan, annex = future_annex
    second = workflows.start_annex(plan, kipus)
    assert second.items.get(service__name="Usługa opiekuńcza").quantity == 12  # built on it
    second.in_force_from = annex.in_force_from - timedelta(days=1)
    second.reason = "needs"
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "in_force_from" in error.value.message_dict


# --- history once ----------------------------------------------------------------------


def test_the_history_shows_each_event_once(client, kipus, director, signed):
    annex = _annex(signed, kipus, reason="needs", reason_text="Zmiana")
    item = annex.items.first()
    item.place = "Dom dziennego pobytu"
    item.save()
    workflows.submit_version(annex, kipus)
    workflows.return_version(annex, director, "Popraw miejsce")
    workflows.submit_version(annex, kipus)
    rows = list(PlanTransition.objects.filter(plan=signed))
    shown = merged_history(rows)
    plan_rows = [row for row in rows if row.plan_version_id is None]
    annex_rows = [row for row in rows if row.plan_version_id == annex.pk]
    # Every plan event once (the first version's twins merged into them); the annex's kept.
    assert [row.pk for row in shown] == [row.pk for row in rows if row in plan_rows + annex_rows]
    assert len(annex_rows) == 3 and len(rows) > len(shown)
    client.force_login(kipus)
    page = client.get(signed.get_absolute_url()).content.decode()
    history = page.split('id="history"')[-1].split("</ol>")[0] if 'id="history"' in page else ""
    history = history or page.split(">Historia<")[1].split("</ol>")[0]
    assert history.count("<li") == len(plan_rows) + len(annex_rows)


def test_the_rule_keeps_a_repeated_move_apart_from_its_twin(db, kipus, director, assessment):
    from tests.ipus.conftest import draft_plan

    plan = draft_plan(assessment, kipus)
    version = plan.current_version
    PlanItem.objects.create(
        version=version,
        service=Service.objects.get(name="Mobilny konserwator"),
        starts_on=version.valid_from,
        ends_on=version.valid_to,
        quantity=1,
        per="year",
    )
    workflows.submit_version(version, kipus)
    workflows.return_version(version, director, "Popraw")
    workflows.submit_version(version, kipus)
    rows = list(PlanTransition.objects.filter(plan=plan))
    assert len(rows) == 6
    shown = merged_history(rows)
    assert [(row.from_status, row.to_status) for row in shown] == [
        ("draft", "submitted"),
        ("submitted", "draft"),
        ("draft", "submitted"),
    ]
    assert all(row.plan_version_id is None for row in shown)
    assert shown[1].note == "Popraw"
