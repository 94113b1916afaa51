"""Every URL × every role gives the outcome the permission matrix states."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from cus import roles
from tests.factories import pdf_bytes, staff_account
from tests.ipus.conftest import plan_on, whole_period_item
from tests.security import permission_matrix as pm
from tests.security.admin_pages import has_save_button, posted_back
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


def staff_people():
    """One account per role, staff flag as seed_demo sets it."""
    return {role: staff_account(f"m-{role.lower()}", role) for role in pm.STAFF}


@pytest.fixture
def people(db):
    return staff_people()


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
    from datetime import date

    from cus.models import Authorisation, StoredDocument
    from tests.factories import pdf_bytes

    return {
        **_oversight_world(people),
        **_osl_world(people),
        # The register of authorisations: an entry whose page the keepers edit.
        "authorisation": Authorisation.objects.create(
            user=people[roles.OUS],
            scope="ipus_refusals",
            valid_from=date(2026, 1, 1),
            reference="UP/1/2026",
            document=StoredDocument.store(pdf_bytes(), kind="signed_scan", title="Upoważnienie"),
        ),
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
            status=status,
        )

    draft, adopted = plan("draft"), plan("adopted")
    community = Community.objects.create(plan=draft, name="Wzgórze", kind="territorial")
    # Monthly, as the form saves it (the frequency is a ticked timing form).
    item = ScheduleItem.objects.create(
        plan=draft, area="animation", task="Gry", timing_kinds=["frequency"], frequency="monthly"
    )
    adopted_item = ScheduleItem.objects.create(
        plan=adopted, area="animation", task="Gry", timing_kinds=["frequency"], frequency="monthly"
    )
    # Logged by the animator, who reads and corrects their own activities.
    activity = Activity.objects.create(
        item=adopted_item,
        held_on=date(2026, 2, 1),
        place="Świetlica",
        description="x",
        created_by=people[roles.ANIMATOR],
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
        "activity": activity,
        "report": AnnualReport.objects.create(
            plan=adopted,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            narrative="x",
        ),
        "partner": Partner.objects.create(name="Szkoła", kind="school"),
        "leader": Leader.objects.create(
            community=community, name="Lider", consent_on=date(2026, 1, 1)
        ),
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


def test_every_admin_page_is_in_the_record_matrix():
    registered = {
        model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()
    }
    assert set(pm.ADMIN_ADD) == set(registered), "add these admin add pages to the matrix"
    covered = {record["model"] for record in pm.ADMIN_RECORDS.values()}
    assert covered == set(registered), "give every registered model a record in ADMIN_RECORDS"
    for name, record in pm.ADMIN_RECORDS.items():
        for page in ("change", "delete", "history"):
            assert set(record[page]) == set(pm.ADMIN_ACTORS), f"{name} {page}: an actor is missing"
    for row in pm.ADMIN_ADD.values():
        assert set(row) == set(pm.ADMIN_ACTORS)


def admin_records(people, other, world):
    """The world's record of every model registered in the admin (ADMIN_RECORDS' names)."""
    from datetime import date

    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as LoginLog
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cus.models import AccessLog, Authorisation, CentreProfile, RoleChange, StoredDocument
    from ipus.choices import AssessmentStatus, PlanStatus, RequestStatus
    from ipus.models import NeedsAssessment, Request
    from services.models import Challenge, StatutoryArea, TargetGroup

    own, person = people[roles.KIPUS], world["person"]

    def case(text):
        return Request.objects.create(
            person=person, channel="phone", coordinator=own, requested_text=text
        )

    closed = case("zamknięty")
    closed.set_status(RequestStatus.INFORMATION, own)
    active_plan = plan_on(case("plan w realizacji"), status=PlanStatus.ACTIVE)
    NeedsAssessment.objects.filter(pk=active_plan.assessment_id).update(
        status=AssessmentStatus.SIGNED
    )
    CentreProfile(
        name="Centrum Usług Społecznych w Starachowicach",
        street="ul. Radomska 30",
        postal_code="27-200",
        town="Starachowice",
        phone="41 275 40 00",
        email="cus@example.pl",
        director_name="Anna Dyrektor",
    ).save()
    login = {"user_agent": "test", "ip_address": "10.0.0.1", "username": own.username}
    return {
        "request": world["request"],
        "closed_request": closed,
        "assessment": world["assessment"],
        "signed_assessment": NeedsAssessment.objects.get(pk=active_plan.assessment_id),
        "plan": world["plan"],
        "active_plan": active_plan,
        "person": person,
        "centre_profile": CentreProfile.load(),
        "access_log_entry": AccessLog.objects.create(
            user=own,
            action="view",
            content_type=ContentType.objects.get_for_model(person),
            object_id=str(person.pk),
        ),
        "role_change": RoleChange.objects.filter(user=own).first(),
        # With its signed document, as the register and the admin both require.
        "authorisation": Authorisation.objects.create(
            user=people[roles.OUS],
            scope="ipus_refusals",
            valid_from=date(2026, 1, 1),
            document=StoredDocument.store(pdf_bytes(), kind="signed_scan", title="Upoważnienie"),
        ),
        "account": other,
        "group": Group.objects.get(name=roles.KIPUS),
        # Someone else's: with a device of their own the actors would be asked for a code.
        "totp_device": TOTPDevice.objects.create(user=people[roles.OSL], name="telefon"),
        "static_device": StaticDevice.objects.create(user=people[roles.OSL], name="kody"),
        "programme": world["programme"],
        "provider": world["provider"],
        "service": world["service"],
        "challenge": Challenge.objects.order_by("pk").first(),
        "target_group": TargetGroup.objects.order_by("pk").first(),
        "statutory_area": StatutoryArea.objects.order_by("pk").first(),
        "access_attempt": AccessAttempt.objects.create(
            **login,
            http_accept="*/*",
            path_info="/",
            get_data="",
            post_data="",
            failures_since_start=1,
        ),
        "access_failure": AccessFailureLog.objects.create(
            **login, http_accept="*/*", path_info="/"
        ),
        "axes_log": LoginLog.objects.create(**login, http_accept="*/*", path_info="/"),
    }


AUDIT = {"updated_at", "updated_by_id", "version"}


def row_of(model, pk, without=()):
    row = model._default_manager.filter(pk=pk).values().first()
    return row and {key: value for key, value in row.items() if key not in without}


def tampered(model, other):
    """Values a hostile POST puts into a record: texts, the coordinator, the status."""
    from django.db import models

    values = {}
    for field in model._meta.fields:
        if not field.editable or field.primary_key:
            continue
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            values[field.name] = "ZMIENIONE"
    if any(field.name == "coordinator" for field in model._meta.fields):
        values["coordinator"] = str(other.pk)
    if any(field.name == "status" for field in model._meta.fields):
        values["status"] = "closed"
    return values


def check_form_page(client, url, expected, model, pk, other):
    """The outcome ``expected`` (EDIT, READ, FORBIDDEN) of a change or recorded-version page."""
    before = row_of(model, pk)
    page = client.get(url)
    if expected == pm.EDIT:
        if page.status_code != 200 or not has_save_button(page):
            return [f"{url}: expected a form to save, got {page.status_code}"]
        saved = client.post(url, posted_back(page))
        if saved.status_code != 302:
            errors = saved.context and saved.context.get("errors")
            return [f"{url}: saving unchanged answered {saved.status_code} {errors}"]
        if row_of(model, pk, AUDIT) != {k: v for k, v in before.items() if k not in AUDIT}:
            return [f"{url}: saving unchanged changed the record"]
        return []
    wrong = []
    if expected == pm.READ and (page.status_code != 200 or has_save_button(page)):
        wrong.append(f"{url}: expected a read-only page, got {page.status_code}")
    if expected == pm.FORBIDDEN and page.status_code != 403:
        wrong.append(f"{url}: expected 403, got {page.status_code}")
    data = (
        posted_back(page, **tampered(model, other))
        if page.status_code == 200
        else tampered(model, other)
    )
    posted = client.post(url, data)
    if posted.status_code != 403:
        wrong.append(f"{url}: a POST answered {posted.status_code}, not 403")
    if row_of(model, pk) != before:
        wrong.append(f"{url}: a POST changed the record")
    return wrong


@pytest.mark.parametrize("actor", pm.ADMIN_ACTORS)
def test_the_admin_record_pages_give_each_actor_what_the_matrix_states(client, people, actor):
    """Every add, change, delete and history page of every admin model, GET and POST."""
    other = staff_account("m-kipus-2", roles.KIPUS)
    actors = {
        pm.OWN: people[roles.KIPUS],
        pm.OTHER: other,
        roles.OUS: people[roles.OUS],
        roles.ADMINISTRATOR: people[roles.ADMINISTRATOR],
    }
    records = admin_records(people, other, catalogue_world(people))
    client.force_login(actors[actor])
    wrong = []
    for label, row in pm.ADMIN_ADD.items():
        model = apps.get_model(label)
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        count = model._default_manager.count()
        page = client.get(url)
        if row[actor] == pm.EDIT and (page.status_code != 200 or not has_save_button(page)):
            wrong.append(f"{url}: expected a form, got {page.status_code}")
        if row[actor] == pm.FORBIDDEN:
            posted = client.post(url, tampered(model, other))
            if page.status_code != 403 or posted.status_code != 403:
                wrong.append(
                    f"{url}: expected 403, got {page.status_code}, POST {posted.status_code}"
                )
            if model._default_manager.count() != count:
                wrong.append(f"{url}: a POST added a record")
    for name, record in pm.ADMIN_RECORDS.items():
        model = apps.get_model(record["model"])
        obj = records[name]
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        change = reverse(f"{prefix}_change", args=[obj.pk])
        wrong += check_form_page(client, change, record["change"][actor], model, obj.pk, other)

        delete = reverse(f"{prefix}_delete", args=[obj.pk])
        expected = record["delete"][actor]
        page = client.get(delete)
        if expected == pm.DELETE and page.status_code != 200:
            wrong.append(f"{delete}: expected the confirmation, got {page.status_code}")
        if expected == pm.FORBIDDEN:
            posted = client.post(delete, {"post": "yes"})
            if page.status_code != 403 or posted.status_code != 403:
                wrong.append(
                    f"{delete}: expected 403, got {page.status_code}, POST {posted.status_code}"
                )
            if not model._default_manager.filter(pk=obj.pk).exists():
                wrong.append(f"{delete}: the record was deleted")

        expected = record["history"][actor]
        history = client.get(reverse(f"{prefix}_history", args=[obj.pk]))
        if history.status_code != (200 if expected == pm.READ else 403):
            wrong.append(f"{prefix}_history {name}: expected {expected}, got {history.status_code}")
        if isinstance(admin.site._registry[model], SimpleHistoryAdmin):
            version = model.history.filter(**{model._meta.pk.attname: obj.pk}).first()
            assert version is not None, f"{name} has no recorded version"
            url = reverse(f"{prefix}_simple_history", args=[obj.pk, version.history_id])
            wrong += check_form_page(client, url, expected, model, obj.pk, other)
    assert not wrong, f"{actor}:\n" + "\n".join(wrong)
