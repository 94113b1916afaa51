"""Every page that shows a resident's name or PESEL writes an access-log row for them.

Over the demo (``seed_demo``), as the demo KIPUS, OUS and director:

- every URL pattern of the project is requested (tests/urlwalk.py), its parameters
  filled from one "world" per request of the demo and one per plan version (a case in
  every state: registered, refused, assessed, a plan draft, submitted, active, closed,
  annexed), through the permission matrix's URL_ARGS;
- the person search and the request list are also asked by each resident's PESEL and
  name, and with their other options;
- the admin (KIPUS and OUS work there) of every registered model: the change list,
  searched by each PESEL and name, each record's page, its history and its recorded
  versions.

A page whose HTML shows a resident (their PESEL or surname, beyond what the URL itself
asked for) for whom the request wrote no access-log row (AccessLog.person_id) fails; so does a document (PDF,
JSON) of a case that answers without a row naming the case's resident.
"""

import re
from html import escape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from cus import roles
from cus.models import AccessLog, User
from tests.cus.test_demo_documents import DEMO_ACCOUNT, demo  # noqa: F401 (the module's seed)
from tests.security import permission_matrix as pm
from tests.urlwalk import all_views

WALKED_ROLES = (roles.KIPUS, roles.OUS, roles.DIRECTOR)
DOCUMENT_SUFFIXES = (".pdf", ".json", ".xlsx", ".ics")
# Pages asked with more options than their bare address: name → query strings, where
# "{pesel}" and "{name}" are filled in for every resident.
VARIANTS = {
    "ipus:person-search": ["?q={pesel}", "?q={last_name}", "?q={last_name}+{first_name}"],
    "ipus:request-list": ["?scope=all", "?scope=all&mine=1"],
}
ADMIN_RECORDS = 3  # records of a model outside ipus; every record of a model of the cases
ADMIN_VERSIONS = 3  # recorded versions read per record


def _first(model):
    return model.objects.order_by("pk").first()


def _shared_world():
    """The records of the URL_ARGS that are not a resident's case: the demo's first of each."""
    from ipus.models import HalfYearSummary, InboxMessage, MeetingAction, ReviewMeeting
    from osl.models import (
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
    from services.models import Programme, ProgrammeEntry, Provider, Service

    adopted = ScheduleItem.objects.filter(plan__status="adopted").order_by("pk").first()
    evidence = _first(Evidence) or _evidence()
    from cus.models import Authorisation

    world = {
        "authorisation": _first(Authorisation),  # the demo's entry of the register
        "service": _first(Service),
        "provider": _first(Provider),
        "programme": _first(Programme),
        "entry": _first(ProgrammeEntry),
        "osl_plan": _first(OslPlan),
        "community": _first(Community),
        "osl_item": _first(ScheduleItem),
        "adopted_item": adopted,
        "evidence": evidence,
        "activity": evidence.activity if evidence else None,
        "report": _first(AnnualReport),
        "partner": _first(Partner),
        "leader": _first(Leader),
        "volunteer": _first(Volunteer),
        "resource": _first(Resource),
        "meeting": _first(ReviewMeeting),
        "action": _first(MeetingAction),
        "summary": _first(HalfYearSummary),
        "message": _first(InboxMessage),
    }
    return {key: value for key, value in world.items() if value is not None}


def _evidence():
    """An attendance list of the demo's first activity (the demo has none): the evidence
    page is walked too."""
    from cus.choices import DocumentKind
    from cus.models import StoredDocument
    from osl.models import Activity, Evidence

    activity = _first(Activity)
    if activity is None:
        return None
    document = StoredDocument.store(b"%PDF-1.4 lista", kind=DocumentKind.SIGNED_SCAN, title="Lista")
    return Evidence.objects.create(activity=activity, title="lista", document=document)


def _case_worlds():
    """One world per request of the demo, and one per version of each plan."""
    from ipus.models import NeedsAssessment, Plan, PlanVersion, Request

    worlds = []
    for request_obj in Request.objects.select_related("person").order_by("pk"):
        world = {"person": request_obj.person, "request": request_obj}
        assessment = NeedsAssessment.objects.filter(request=request_obj).first()
        if assessment:
            world["assessment"] = assessment
        plan = Plan.objects.filter(request=request_obj).first()
        if plan:
            world["plan"] = plan
            for version in PlanVersion.objects.filter(plan=plan).order_by("-pk"):
                worlds.append({**world, "version": version, "item": version.items.first()})
        worlds.append(world)
    return [{key: value for key, value in world.items() if value is not None} for world in worlds]


def _of_a_case(name, shared):
    """Whether the URL's parameters name a resident's case (person, request, plan …)."""
    try:
        pm.URL_ARGS[name](shared)
    except KeyError:
        return True
    return False


def _urls(worlds):
    """(URL name, URL, the case's person or None) for every pattern in every world, once."""
    shared = _shared_world()
    seen = set()
    for name, _pattern in all_views():
        if name.startswith("admin:"):
            continue
        case = name in pm.URL_ARGS and _of_a_case(name, shared)
        for world in worlds:
            try:
                args = pm.URL_ARGS[name]({**shared, **world}) if name in pm.URL_ARGS else []
            except (KeyError, AttributeError):
                continue  # this world has no such record (a request without a plan …)
            url = reverse(name, args=args)
            if url not in seen:
                seen.add(url)
                yield name, url, world["person"] if case else None


def _needles(persons):
    """A resident is shown when the page holds their PESEL or their surname (a word)."""
    return {
        person.pk: re.compile(
            "|".join(
                [re.escape(person.pesel)] * bool(person.pesel)
                + [rf"\b{re.escape(person.last_name)}\b"] * bool(person.last_name)
            )
        )
        for person in persons
        if person.pesel or person.last_name
    }


def _without_echo(html, url):
    """The page without the attributes that only echo what the URL asked (a search box's
    value, links that keep the query): typing a PESEL into a search shows no one."""
    for values in parse_qs(urlsplit(url).query).values():
        for value in values:
            echoed = re.escape(escape(value))
            html = re.sub(rf'\b(?:value|href)="[^"]*{echoed}[^"]*"', "", html)
    return html


class Reader:
    """Reads pages as one user and collects those showing residents it did not log."""

    def __init__(self, user, persons):
        self.client = Client()
        self.client.force_login(user)
        self.role = user.username
        self.needles = _needles(persons)
        self.names = {person.pk: str(person) for person in persons}
        self.unlogged = []
        self.read = set()  # URL names answered with a page or a document
        self.pages = self.showing = 0  # pages read; of them, pages that showed residents

    def get(self, url, name=None, case_person=None):
        last = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = self.client.get(url)
        if response.status_code != 200:
            return response
        logged = set(
            AccessLog.objects.filter(pk__gt=last, person_id__isnull=False).values_list(
                "person_id", flat=True
            )
        )
        if name:
            self.read.add(name)
        if "text/html" in response.get("Content-Type", ""):
            html = _without_echo(response.content.decode(), url)
            shown = {pk for pk, needle in self.needles.items() if needle.search(html)}
        elif case_person is not None and url.endswith(DOCUMENT_SUFFIXES):
            shown = {case_person.pk}  # a case's document shows its resident
        else:
            shown = set()
        self.pages += 1
        self.showing += bool(shown)
        for pk in sorted(shown - logged):
            self.unlogged.append(f"{self.role} {url}: {self.names[pk]} (no access-log row)")
        return response


def _search_queries(persons, variants):
    for person in persons:
        for query in variants:
            yield query.format(
                pesel=person.pesel, last_name=person.last_name, first_name=person.first_name
            )


def _walk_pages(reader, persons):
    documents_read = set()
    for name, url, person in _urls(_case_worlds()):
        if url.endswith(DOCUMENT_SUFFIXES):
            # PDFs are slow to draw: each kind of document once, in the first case it opens for.
            if name in documents_read:
                continue
            if reader.get(url, name, case_person=person).status_code == 200:
                documents_read.add(name)
            continue
        reader.get(url, name, case_person=person)
    for name, variants in VARIANTS.items():
        for query in sorted(set(_search_queries(persons, variants))):
            reader.get(reverse(name) + query)


def _walk_admin(reader, persons):
    """The admin's pages of every model the user may open there: the change list (searched
    by each PESEL and surname), each record's page, its history and recorded versions."""
    queries = sorted({f"?q={p.pesel}" for p in persons} | {f"?q={p.last_name}" for p in persons})
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        if reader.get(reverse(f"{prefix}_changelist")).status_code != 200:
            continue
        if model_admin.search_fields:
            for query in queries:
                reader.get(reverse(f"{prefix}_changelist") + query)
        pks = model.objects.order_by("pk").values_list("pk", flat=True)
        for pk in pks if opts.app_label == "ipus" else pks[:ADMIN_RECORDS]:
            reader.get(reverse(f"{prefix}_change", args=[pk]))
            if isinstance(model_admin, SimpleHistoryAdmin):
                reader.get(reverse(f"{prefix}_history", args=[pk]))
                versions = model.history.filter(**{opts.pk.attname: pk}).values_list(
                    "history_id", flat=True
                )
                for version in versions[:ADMIN_VERSIONS]:
                    reader.get(reverse(f"{prefix}_simple_history", args=[pk, version]))


@pytest.fixture
def persons(demo, db):  # noqa: F811 (demo: the imported module fixture)
    from ipus.models import Person

    found = list(Person.objects.order_by("pk"))
    assert len(found) >= 5, "the demo has residents"
    return found


@pytest.mark.parametrize("role", WALKED_ROLES)
def test_every_page_showing_a_resident_writes_an_access_log_row_for_them(persons, role):
    reader = Reader(User.objects.get(username=DEMO_ACCOUNT[role]), persons)
    _walk_pages(reader, persons)
    if role in roles.ADMIN_SITE_ROLES:
        _walk_admin(reader, persons)
    assert not reader.unlogged, "\n".join(reader.unlogged)
    assert reader.showing >= 50, "the walk met residents on many pages"
    # The walk reached the case pages: a resident's record, a plan, the lists, the start page.
    expected = {"cus:home", "ipus:person-detail", "ipus:request-list", "ipus:plan-list"}
    assert expected <= reader.read, expected - reader.read


def test_the_walk_fills_every_url_pattern_from_the_demo(demo, db):  # noqa: F811
    """Every URL pattern gets a URL in some world (the demo holds a record of each kind)."""
    named = {name for name, _pattern in all_views() if not name.startswith("admin:")}
    assert named - {name for name, _url, _person in _urls(_case_worlds())} == set()
