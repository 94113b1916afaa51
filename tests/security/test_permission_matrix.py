"""Every URL × every role gives the outcome the permission matrix states."""

import pytest
from django.contrib import admin
from django.urls import reverse

from cus import roles
from tests.factories import staff_account
from tests.ipus.conftest import plan_on, whole_period_item
from tests.security import permission_matrix as pm
from tests.urlwalk import all_views

ADMIN_VIEW_SUFFIXES = ("_changelist", "_add", "_change", "_delete", "_history", "_simple_history")


def is_admin_model_url(name):
    return name.startswith("admin:") and name.endswith(ADMIN_VIEW_SUFFIXES)


def test_every_url_is_in_the_matrix():
    names = {name for name, _pattern in all_views() if not name.startswith("admin:")}
    assert names - set(pm.MATRIX) == set(), "add these URLs to tests/security/permission_matrix.py"
    assert set(pm.MATRIX) - names == set(), "the matrix names URLs that no longer exist"
    for name, row in pm.MATRIX.items():
        assert set(row) == set(pm.ROLES), f"{name}: a role is missing from its row"


def test_every_admin_model_is_in_the_matrix():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(pm.ADMIN_MODEL_VIEWERS)


@pytest.fixture
def people(db):
    """One account per role, staff flag as seed_demo sets it."""
    return {role: staff_account(f"m-{role.lower()}", role) for role in pm.STAFF}


def catalogue_world(people):
    from ipus import demo as ipus_demo
    from ipus.models import NeedsAssessment, Person, Request
    from services import demo
    from services.models import Programme, ProgrammeEntry, Provider, Service

    demo.seed()
    ipus_demo.seed()
    person = Person.objects.order_by("pk").first()
    coordinator = people[roles.KIPUS]  # the matrix's KIPUS coordinates the world's case
    request_obj = Request.objects.create(
        person=person, channel="phone", coordinator=coordinator, requested_text="x"
    )
    plan, version, item = _plan_world(person, coordinator)
    return {
        **_oversight_world(people),
        **_osl_world(people),
        "person": person,
        "request": request_obj,
        "plan": plan,
        "version": version,
        "item": item,
        "assessment": NeedsAssessment.objects.create(request=request_obj, coordinator=coordinator),
        "service": Service.objects.order_by("pk").first(),
        "provider": Provider.objects.order_by("pk").first(),
        "programme": Programme.objects.order_by("pk").first(),
        "entry": ProgrammeEntry.objects.order_by("pk").first(),
    }


def _plan_world(person, coordinator):
    """A draft plan of ``coordinator`` with one item (its own request and completed assessment)."""
    from django.utils import timezone

    from cus.dates import add_months
    from ipus.models import Plan, PlanVersion, Request
    from services.models import Service

    request_obj = Request.objects.create(
        person=person, channel="phone", coordinator=coordinator, requested_text="plan"
    )
    plan = plan_on(request_obj)
    today = timezone.localdate()
    version = PlanVersion.objects.create(
        plan=plan, valid_from=today, valid_to=add_months(today, 6), expected_improvement="x"
    )
    Plan.objects.filter(pk=plan.pk).update(current_version=version)
    item = whole_period_item(version, Service.objects.order_by("pk").first(), 1, "month")
    return plan, version, item


def _oversight_world(people):
    from datetime import date

    from ipus.models import HalfYearSummary, InboxMessage, MeetingAction, ReviewMeeting

    meeting = ReviewMeeting.objects.create(year=2026, quarter=2, agenda="Omówienie")
    action = MeetingAction.objects.create(
        meeting=meeting, description="Zadanie", owner=people[roles.KIPUS], due_on=date(2026, 7, 1)
    )
    summary = HalfYearSummary.objects.create(year=2026, half=1, effectiveness="x", directions="y")
    message = InboxMessage.objects.create(recipient=people[roles.DIRECTOR], summary=summary)
    return {"meeting": meeting, "action": action, "summary": summary, "message": message}


def _osl_world(people):
    from datetime import date

    from cus.choices import DocumentKind
    from cus.models import StoredDocument
    from osl.models import (
        Activity,
        AnnualReport,
        Community,
        Evidence,
        Leader,
        OslPlan,
        Partner,
        Resource,
        ScheduleItem,
        Volunteer,
    )

    def plan(status):
        return OslPlan.objects.create(
            title="Plan OSL",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            main_goals="Cel",
            status=status,
        )

    draft, adopted = plan("draft"), plan("adopted")
    community = Community.objects.create(plan=draft, name="Wzgórze", kind="territorial")
    item = ScheduleItem.objects.create(
        plan=draft, area="animation", task="Gry", frequency="monthly"
    )
    adopted_item = ScheduleItem.objects.create(
        plan=adopted, area="animation", task="Gry", frequency="monthly"
    )
    activity = Activity.objects.create(
        item=adopted_item, held_on=date(2026, 2, 1), place="Świetlica", description="x"
    )
    evidence = Evidence.objects.create(
        activity=activity,
        title="lista",
        document=StoredDocument.store(
            b"%PDF-1.4 lista", kind=DocumentKind.SIGNED_SCAN, title="Lista obecności"
        ),
    )
    return {
        "osl_plan": draft,
        "community": community,
        "osl_item": item,
        "adopted_item": adopted_item,
        "evidence": evidence,
        "report": AnnualReport.objects.create(plan=adopted, year=2026, narrative="x"),
        "partner": Partner.objects.create(name="Szkoła", kind="school"),
        "leader": Leader.objects.create(community=community, name="Lider"),
        "volunteer": Volunteer.objects.create(name="Wolontariusz", consent_on=date(2026, 1, 1)),
        "resource": Resource.objects.create(name="Park", capital="natural"),
    }


def outcome_of(response):
    if response.status_code == 302:
        to_login = response["Location"].startswith((reverse("login"), reverse("admin:login")))
        return pm.LOGIN if to_login else pm.REDIRECT
    return response.status_code


@pytest.mark.parametrize("role", pm.ROLES)
def test_each_role_gets_exactly_what_the_matrix_states(client, people, role):
    if role != pm.ANONYMOUS:
        client.force_login(people[role])
    world = catalogue_world(people)
    wrong = []
    for name, row in pm.MATRIX.items():
        args = pm.URL_ARGS[name](world) if name in pm.URL_ARGS else []
        got = outcome_of(client.get(reverse(name, args=args)))
        if got != row[role]:
            wrong.append(f"{name}: expected {row[role]}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", pm.ROLES)
def test_the_admin_shows_each_role_only_its_models(client, people, role):
    if role != pm.ANONYMOUS:
        client.force_login(people[role])
    is_staff = role in roles.ADMIN_SITE_ROLES
    wrong = []
    index = outcome_of(client.get(reverse("admin:index")))
    if index != (pm.OK if is_staff else pm.LOGIN):
        wrong.append(f"admin:index: got {index}")
    for model, viewers in pm.ADMIN_MODEL_VIEWERS.items():
        app_label, model_name = model.split(".")
        url = reverse(f"admin:{app_label}_{model_name}_changelist")
        got = outcome_of(client.get(url))
        expected = pm.OK if role in viewers else pm.FORBIDDEN
        if not is_staff:
            expected = pm.LOGIN
        if got != expected:
            wrong.append(f"{model}: expected {expected}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
