"""The Django admin obeys the staff pages' rules, for every admin registered (issue 22, 1).

Every admin of a project app is a ``cus.admin.CusModelAdmin`` (every inline a
``CusInlineMixin``) and adjusts its rules only through the mixin's hooks; no admin form
of any app holds a status that moves along a transition table; no KIPUS changes another
coordinator's case; only the OUS reassigns a coordinator; a recorded version is shown
read-only. The page-by-page outcomes per actor are in the permission matrix
(permission_matrix.ADMIN_RECORDS, test_permission_matrix.py).
"""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.test import RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from cus import roles
from cus.admin import CusInlineMixin, CusModelAdmin
from cus.modules import PROJECT_APPS
from cus.status import STATUS_FIELD, StatusMachine
from tests.factories import UserFactory, staff_account
from tests.security.admin_pages import posted_back
from tests.security.test_permission_matrix import admin_records, catalogue_world, staff_people

RULE_METHODS = {
    "has_add_permission",
    "has_view_permission",
    "has_change_permission",
    "has_delete_permission",
}


def project_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS
    ]


def _overrides(cls, base):
    """The permission methods a class between ``cls`` and ``base`` defines itself."""
    found = set()
    for klass in cls.__mro__:
        if klass is base:
            break
        found |= RULE_METHODS & set(vars(klass))
    return found


def test_every_project_admin_and_inline_uses_the_pages_rules():
    wrong = []
    for model, model_admin in project_admins():
        name = type(model_admin).__name__
        if not isinstance(model_admin, CusModelAdmin):
            wrong.append(f"{name} ({model._meta.label}) is not a CusModelAdmin")
        elif overridden := _overrides(type(model_admin), CusModelAdmin):
            wrong.append(f"{name} overrides {sorted(overridden)}: use may_add/may_change/…")
        for inline in model_admin.inlines:
            if not issubclass(inline, CusInlineMixin):
                wrong.append(f"{inline.__name__} (in {name}) is not a CusInlineMixin")
            elif overridden := _overrides(inline, CusInlineMixin):
                wrong.append(f"{inline.__name__} overrides {sorted(overridden)}")
    assert not wrong, "\n".join(wrong)
    assert len(project_admins()) >= 14  # the registry was read


def _request(user, method="get"):
    request = getattr(RequestFactory(), method)("/admin/")
    request.user = user
    return request


@pytest.fixture
def people(db):
    return staff_people()


@pytest.fixture
def records(people):
    other = staff_account("m-kipus-2", roles.KIPUS)
    return other, admin_records(people, other, catalogue_world(people))


def _samples(model, records):
    """An add page (None) and every world record of ``model``."""
    return [None, *(obj for obj in records.values() if type(obj) is model)]


def test_no_admin_form_of_any_app_holds_a_status_and_each_shows_it_read_only(db, records):
    _other, world = records
    superuser = UserFactory(username="t-root", is_superuser=True, is_staff=True)
    request = _request(superuser)
    checked, wrong = 0, []
    for model, model_admin in admin.site._registry.items():
        forms = []
        for obj in _samples(model, world):
            form = model_admin.get_form(request, obj, change=obj is not None)
            if issubclass(model, StatusMachine):
                forms.append((model, obj, form))
                shown = flatten_fieldsets(model_admin.get_fieldsets(request, obj))
                if STATUS_FIELD not in shown:
                    wrong.append(f"{model._meta.label}: the status is not shown")
            for inline in model_admin.get_inline_instances(request, obj):
                if issubclass(inline.model, StatusMachine):
                    forms.append((inline.model, obj, inline.get_formset(request, obj).form))
        for form_model, obj, form in forms:
            checked += 1
            if STATUS_FIELD in form.base_fields:
                wrong.append(f"{form_model._meta.label} ({obj or 'add'}): the status is editable")
    assert not wrong, "\n".join(wrong)
    assert checked >= 8  # request, assessment, plan (add and records), programme


def test_no_coordinator_changes_or_deletes_another_coordinators_case(db, records):
    other, _world = records
    request = _request(other)
    checked = 0
    for model, model_admin in project_admins():
        if not hasattr(model._default_manager, "editable_by"):
            continue
        theirs = model._default_manager.exclude(
            pk__in=model._default_manager.editable_by(other).values("pk")
        )
        assert theirs.exists(), f"give the world a {model._meta.label} of another coordinator"
        for obj in theirs:
            checked += 1
            assert model_admin.has_view_permission(request, obj)  # the pages show it too
            assert not model_admin.has_change_permission(request, obj), obj
            assert not model_admin.has_delete_permission(request, obj), obj
    assert checked >= 6


def test_only_the_ous_reassigns_a_coordinator(client, people, records):
    other, world = records
    own, ous = people[roles.KIPUS], people[roles.OUS]
    checked = 0
    for model, model_admin in project_admins():
        for field in model_admin.own_reassignment_fields():
            for obj in (o for o in world.values() if type(o) is model):
                url = reverse(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                    args=[obj.pk],
                )
                client.force_login(own)
                page = client.get(url)
                client.post(url, posted_back(page, **{field: str(other.pk)}))
                assert getattr(model.objects.get(pk=obj.pk), f"{field}_id") == own.pk, url
                client.force_login(ous)
                page = client.get(url)
                response = client.post(url, posted_back(page, **{field: str(other.pk)}))
                may = model_admin.has_change_permission(_request(ous), obj)
                reassigned = getattr(model.objects.get(pk=obj.pk), f"{field}_id") == other.pk
                assert reassigned == may, (url, response.status_code)
                if reassigned:
                    model.objects.filter(pk=obj.pk).update(**{field: own})
                checked += 1
    assert checked >= 6  # open and closed requests, two assessments, two plans


def test_the_ous_reassigns_only_to_an_active_coordinator(client, people, records):
    _other, world = records
    url = reverse("admin:ipus_request_change", args=[world["request"].pk])
    client.force_login(people[roles.OUS])
    page = client.get(url)
    response = client.post(url, posted_back(page, coordinator=str(people[roles.OSL].pk)))
    assert response.status_code == 200
    assert "Wybierz poprawną wartość" in response.content.decode()
    world["request"].refresh_from_db()
    assert world["request"].coordinator == people[roles.KIPUS]


def test_the_reported_attack_changes_nothing(client, people, records):
    """Issue 22, finding 1: a second KIPUS made themselves the coordinator of another's request
    and plan, and edited the assessment of another coordinator's active, signed plan."""
    other, world = records
    client.force_login(other)
    request_url = reverse("admin:ipus_request_change", args=[world["request"].pk])
    plan_url = reverse("admin:ipus_plan_change", args=[world["active_plan"].pk])
    assessment_url = reverse(
        "admin:ipus_needsassessment_change", args=[world["signed_assessment"].pk]
    )
    for url, data in (
        (request_url, {"coordinator": other.pk}),
        (plan_url, {"coordinator": other.pk}),
        (assessment_url, {"problems": "zmienione", "coordinator_assessment": "zmienione"}),
    ):
        assert client.get(url).status_code == 200  # read-only, as the pages show it
        assert client.post(url, data).status_code == 403
    for name in ("request", "active_plan"):
        world[name].refresh_from_db()
        assert world[name].coordinator == people[roles.KIPUS]
    signed = type(world["signed_assessment"]).objects.get(pk=world["signed_assessment"].pk)
    assert signed.problems == world["signed_assessment"].problems
    assert client.get(reverse("ipus:plan-close", args=[world["active_plan"].pk])).status_code == 404


def test_a_recorded_version_is_shown_whole_and_read_only(client, records):
    _other, world = records
    superuser = UserFactory(username="t-root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, SimpleHistoryAdmin):
            continue
        for obj in (o for o in world.values() if type(o) is model):
            version = model.history.filter(**{model._meta.pk.attname: obj.pk}).first()
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
                args=[obj.pk, version.history_id],
            )
            page = client.get(url)
            assert page.status_code == 200, url
            assert set(posted_back(page)) <= {"csrfmiddlewaretoken"}, url  # no input to edit
            assert client.post(url, posted_back(page)).status_code == 403
            checked += 1
    assert checked >= 10
