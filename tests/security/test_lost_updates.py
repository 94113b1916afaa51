"""No lost updates: every form that edits a saved record carries its version, and a stale save
shows both versions, keeps the input and overwrites nothing.

The forms come from the form registry (tests/security/registry.py) and the edit pages from
the URL registry (every pattern named …-update or …-edit or served by an UpdateView) and
from every page of the permission matrix (the forms of saved records each page holds).
"""

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, TextField
from django.forms.models import BaseInlineFormSet, BaseModelForm
from django.urls import reverse
from django.utils import timezone
from django.views.generic import UpdateView

from cus.models import VersionedModel
from cus.modules import project_modules
from cus.versioning import VersionedFormMixin
from ipus.models import NeedsAssessment, PlanVersion
from tests.formdata import form_data, post_forms
from tests.ipus.conftest import draft_plan
from tests.security import permission_matrix as pm
from tests.security.registry import project_form_classes
from tests.security.test_permission_matrix import catalogue_world
from tests.urlwalk import all_views


def plan_version_post(version, **changes):
    data = {
        "drawn_up_on": version.drawn_up_on.isoformat(),
        "valid_from": version.valid_from.isoformat(),
        "valid_to": version.valid_to.isoformat(),
        "expected_improvement": version.expected_improvement,
        "monitoring_every_months": 3,
        "quality_check_every_months": 3,
        "attachments": version.attachments,
        "version": version.version,
    }
    data.update(changes)
    return data


def test_a_stale_plan_save_shows_both_versions_and_keeps_the_input(client, kipus, ous, assessment):
    plan = draft_plan(assessment, kipus)
    version = plan.current_version
    opened = plan_version_post(version)  # both open the form at the same version
    url = reverse("ipus:version-update", args=[version.pk])
    client.force_login(ous)
    assert client.post(url, {**opened, "expected_improvement": "Wersja OUS"}).status_code == 302
    client.force_login(kipus)
    response = client.post(url, {**opened, "expected_improvement": "Wersja koordynatorki"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wersja OUS" in page and "Wersja koordynatorki" in page  # both, side by side
    version.refresh_from_db()
    assert version.expected_improvement == "Wersja OUS"  # nothing overwritten
    # Saving again after reading the conflict stores the coordinator's text deliberately.
    again = response.context["form"].data
    assert client.post(url, again).status_code == 302
    assert PlanVersion.objects.get(pk=version.pk).expected_improvement == "Wersja koordynatorki"


def test_a_stale_assessment_save_shows_both_versions(client, kipus, ous, assessment):
    assessment.status = "draft"
    assessment.save()
    url = reverse("ipus:assessment-update", args=[assessment.pk])
    client.force_login(kipus)
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "assessed_on": assessment.assessed_on.isoformat(),
            "place": "office",
            "version": assessment.version,
            "rows-TOTAL_FORMS": "0",
            "rows-INITIAL_FORMS": "0",
        }
    )
    NeedsAssessment.objects.filter(pk=assessment.pk).update(
        version=assessment.version + 1, problems="Zmiana innej osoby"
    )
    response = client.post(url, {**data, "problems": "Moja wersja problemów"})
    page = response.content.decode()
    assert "Zmiana innej osoby" in page and "Moja wersja problemów" in page
    assessment.refresh_from_db()
    assert assessment.problems == "Zmiana innej osoby"


# --- Every form that edits a saved record ----------------------------------------------

# Model forms that never save over a saved record, with why; every other model form of the
# project must be versioned (VersionedFormMixin on a VersionedModel).
CREATES = "creates a record"
# A move along a status table: set_status locks the row and refuses a second move from the
# same status (cus.status), so two people closing one plan cannot both pass.
TRANSITION = "a status move"
NOT_EDITS = {
    "ipus.forms.RequestForm": CREATES,
    "ipus.forms.RefusalForm": CREATES,
    "ipus.forms.MonitoringContactForm": CREATES,
    "ipus.forms.ReviewMeetingForm": CREATES,
    "ipus.forms.HalfYearSummaryForm": CREATES,
    "osl.forms.ActivityForm": CREATES,
    "services.forms.ProgrammeEntryForm": CREATES,
    "ipus.forms.HandOffForm": TRANSITION,
    "ipus.forms.InformationForm": TRANSITION,
    "ipus.forms.WithdrawForm": TRANSITION,
    "ipus.forms.ClosureForm": TRANSITION,
    # The user admin's account form: an account (cus.User, Django's user model) has no edit
    # counter, and accounts are edited by the Administrator alone. The admin forms of the
    # versioned models are checked (cus.admin.versioned_form; tests/security/test_admin_versions.py).
    "cus.admin.StaffAccountForm": "an account has no edit counter",
    # The admin gives it the edit counter (cus.admin.versioned_form, as every versioned
    # model's admin form; tests/security/test_admin_versions.py saves it from two tabs).
    "cus.admin.AuthorisationAdminForm": "versioned by the admin (cus.admin.versioned_form)",
}
# Inline rows saved with a parent that is only ever created (a meeting with its actions).
ROWS_OF_NEW_PARENTS = {"ipus.forms.MeetingActionFormSet"}
EDIT_SUFFIXES = ("-update", "-edit")
CONFLICT = "Ktoś zapisał ten formularz, gdy go edytowałeś(-aś)"


def project_formsets():
    """Every inline formset class the project's forms modules define, by qualified name."""
    return {
        f"{module.__name__}.{name}": value
        for module in project_modules("forms")
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, BaseInlineFormSet) and hasattr(value, "fk")
    }


def test_every_model_form_that_edits_a_saved_record_is_versioned():
    formsets = project_formsets()
    versioned, unversioned = [], []
    for name, form_class in project_form_classes().items():
        model = getattr(getattr(form_class, "_meta", None), "model", None)
        rows = any(issubclass(formset.form, form_class) for formset in formsets.values())
        if model is None or rows or name in NOT_EDITS:
            continue
        if issubclass(form_class, VersionedFormMixin) and issubclass(model, VersionedModel):
            versioned.append(name)
        else:
            unversioned.append(name)
    assert not unversioned, "version these forms (cus.versioning) or say why in NOT_EDITS"
    assert set(NOT_EDITS) <= set(project_form_classes())
    # Inline rows are saved in the parent's transaction, after its checked save.
    for name, formset in formsets.items():
        parent = formset.fk.remote_field.model
        assert issubclass(parent, VersionedModel) or name in ROWS_OF_NEW_PARENTS, name
    assert len(versioned) >= 15


def edit_url_names():
    """Every URL pattern that edits a saved record: named …-update or …-edit, or an UpdateView."""
    names = set()
    for name, pattern in all_views():
        view_class = getattr(pattern.callback, "view_class", None)
        if name.startswith("admin:"):
            continue
        if name.endswith(EDIT_SUFFIXES) or (view_class and issubclass(view_class, UpdateView)):
            names.add(name)
    return names


def _first_allowed(name):
    return next(role for role in pm.STAFF if pm.MATRIX[name][role] == pm.OK)


def _model_forms(response):
    """The model forms a page's context holds (also inside dicts of forms)."""
    found = []
    for context in response.context or []:
        layers = context.flatten() if hasattr(context, "flatten") else context
        for value in layers.values():
            values = value.values() if isinstance(value, dict) else [value]
            found += [v for v in values if isinstance(v, BaseModelForm) and v not in found]
    return found


def _text_field(form):
    """The name of a plain text field of the form's model that takes any words."""
    model = form._meta.model
    for name, field in form.fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        plain = isinstance(model_field, TextField) or (
            isinstance(model_field, CharField)
            and (model_field.max_length or 0) >= 40
            and not model_field.validators[:-1]  # nothing but the length
        )
        if plain and not model_field.choices and isinstance(field, forms.CharField):
            return name
    raise AssertionError(f"{type(form).__name__}: no plain text field to change")


def stale_save(client, page_url, form, action):
    """Two saves from one opened form: the first is kept, the second sees the conflict."""
    page = client.get(page_url).text
    data = form_data(page, action)
    name = _text_field(form)
    key = form.add_prefix(name)
    instance = type(form.instance)._base_manager.get(pk=form.instance.pk)
    first = client.post(action, {**data, key: "Pierwsza wersja tekstu"})
    if first.status_code != 302:
        errors = first.context and [f.errors for f in _model_forms(first)]
        return f"the page's own data did not save ({first.status_code}): {errors}"
    second = client.post(action, {**data, key: "Druga wersja tekstu"})
    stored = getattr(type(instance)._base_manager.get(pk=instance.pk), name)
    if second.status_code != 200 or CONFLICT not in second.text:
        return f"a stale save gave {second.status_code} without the conflict message"
    if stored != "Pierwsza wersja tekstu":
        return f"the stale save overwrote the first: {stored!r}"
    if "Druga wersja tekstu" not in second.text:
        return "the user's input was not kept"
    return None


@pytest.fixture
def world(people):
    return edit_world(people)


def edit_world(people):
    """The permission matrix's world, with the centre's letterhead and a refusal decision."""
    from cus import demo as cus_demo
    from ipus.models import RefusalDecision

    cus_demo.seed()  # the centre's details (the letterhead form) and the demo accounts
    world = catalogue_world(people)
    from cus.choices import DocumentKind
    from cus.models import StoredDocument
    from tests.factories import pdf_bytes

    # Issued and delivered by post, with its return slip: the follow-up form on the request's
    # page holds every kind of value (a choice, a date, a stored file) when saved unchanged.
    world["refusal"] = RefusalDecision.objects.create(
        request=world["request"],
        number="ODM/2026/98",
        decision="Odmowa",
        justification="x",
        status="issued",
        decided_on=timezone.localdate(),
        delivery_channel="post",
        delivered_on=timezone.localdate(),
        receipt=StoredDocument.store(
            pdf_bytes(), kind=DocumentKind.SIGNED_SCAN, title="Zwrotne potwierdzenie odbioru"
        ),
    )
    # The annual report on the draft plan: the activity is then corrected without the reason
    # a correction after its own plan's report asks for (tests/osl/test_activities.py).
    world["report"].plan = world["osl_plan"]
    world["report"].save()
    return world


def test_every_edit_page_detects_a_stale_save_and_overwrites_nothing(client, people, world):
    names = edit_url_names()
    assert len(names) >= 15
    missing = names - set(pm.MATRIX)
    assert not missing
    # Every page of the matrix as its first allowed role: the forms it holds.
    edits, wrong = {}, []
    for name, row in pm.MATRIX.items():
        allowed = [role for role in pm.STAFF if row[role] == pm.OK]
        if not allowed:
            continue
        client.force_login(people[allowed[0]])
        url = reverse(name, args=pm.URL_ARGS[name](world) if name in pm.URL_ARGS else [])
        response = client.get(url)
        saved = [f for f in _model_forms(response) if f.instance.pk is not None]
        for form in saved:
            form_name = f"{type(form).__module__}.{type(form).__qualname__}"
            if isinstance(form, VersionedFormMixin):
                actions = [
                    f.action or url
                    for f in post_forms(response.text)
                    if form.add_prefix(form.version_field) in f.data
                ]
                edits[(name, actions[0] if actions else url)] = (allowed[0], url, form)
            elif NOT_EDITS.get(form_name) != TRANSITION:
                wrong.append(f"{name}: {form_name} edits a saved record without a version")
        if name in names and not any(isinstance(f, VersionedFormMixin) for f in saved):
            wrong.append(f"{name}: no versioned form of a saved record on the page")
    assert not wrong, "\n".join(wrong)
    # The POST-only forms on detail pages count too (a decision's delivery and appeal).
    assert any(action.endswith("/refusal/") for _name, action in edits)
    for (name, action), (role, url, form) in edits.items():
        client.force_login(people[role])
        problem = stale_save(client, url, form, action)
        if problem:
            wrong.append(f"{name} ({action}) as {role}: {problem}")
    assert not wrong, "\n".join(wrong)
    assert len(edits) >= 16
