"""The demo holds every document the app produces, and each role reaches them by links.

After ``seed_demo``, each role's demo account and a newly created user of the same role
(who coordinates no case and was sent nothing) start at "/" and follow the same-origin
links they are shown, GET only (never logout, never the admin), up to a cap. Document
links (PDF, XLSX, JSON) are collected, not followed; the first of each kind is opened.
Every document kind a role works with must be among those reached.
"""

import io
from collections import Counter, deque
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from cus import roles
from cus.demo import DEMO_ACCOUNTS, DEMO_DATABASE_COMMENT
from cus.models import User
from ipus.models import PlanVersion
from tests.conftest import mark_demo_database
from tests.factories import UserFactory
from tests.newcomer.walk import parse

MAX_PAGES = 400
# Lists link many rows of one kind (plans, persons); a few of each are enough to meet
# their documents, except plans, whose documents (annex, closure) sit on one plan each.
MAX_PER_VIEW = 25
# Filters, pages and period switches of one page (each quarter links the one before it).
MAX_VARIANTS = 4
DOCUMENT_SUFFIXES = (".pdf", ".xlsx", ".csv", ".json", ".ics")
NOT_FOLLOWED = ("/admin/", "/static/", "/media/", "/logout/")

ANNEX = "ipus:version-pdf (aneks)"
CASE_DOCUMENTS = {
    "ipus:assessment-pdf",  # Indywidualna Diagnoza Potrzeb
    "ipus:version-pdf",  # the IPUS contract
    ANNEX,
    "ipus:version-document:signed-copy",  # the signed copy
    "ipus:item-card",  # Karta Usług for the provider
    "ipus:plan-closure-pdf",  # opis przebiegu realizacji planu
    "ipus:refusal-pdf",  # the refusal decision
    "ipus:person-export",  # subject access request
}
OSL_DOCUMENTS = {"osl:plan-pdf", "osl:schedule-xlsx", "osl:report-pdf"}
OVERSIGHT_DOCUMENTS = {
    "ipus:summary-pdf",
    "ipus:quarter-review?format=xlsx",
    "ipus:indicators?format=xlsx",
}
# Role → the documents it works with (tests/security/permission_matrix.py says who may open
# each; the OSL organizer gets the half-year summary and the indicators, never a case).
EXPECTED = {
    roles.KIPUS: CASE_DOCUMENTS | OSL_DOCUMENTS,
    roles.OUS: CASE_DOCUMENTS | OVERSIGHT_DOCUMENTS | OSL_DOCUMENTS,
    roles.DIRECTOR: CASE_DOCUMENTS | OVERSIGHT_DOCUMENTS | OSL_DOCUMENTS,
    roles.OSL: OSL_DOCUMENTS | {"ipus:summary-pdf", "ipus:indicators?format=xlsx"},
    roles.ADMINISTRATOR: {"cus:centre-letterhead"},
}
# Rows that reading pages or running the seed again may add (logs, caches, counters).
VOLATILE_TABLES = {"cus_accesslog", "cus_reportcache", "cus_datastamp", "django_session"}
DEMO_ACCOUNT = {role: username for username, _first, _last, role, *_rest in DEMO_ACCOUNTS}
# Documents of a person's case: no role outside these may ever be shown one.
CASE_ROLES = {roles.KIPUS, roles.OUS, roles.DIRECTOR}


def _document(path, query):
    """The document kind behind a link (URL name, qualified where one view serves two), or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if query.get("format") == ["xlsx"]:
        return f"{name}?format=xlsx"
    if not path.endswith(DOCUMENT_SUFFIXES):
        return None
    if name == "ipus:version-pdf":
        annex = PlanVersion.objects.filter(pk=match.kwargs["pk"], number__gt=0).exists()
        return ANNEX if annex else name
    if name == "ipus:version-document":
        return f"{name}:{match.kwargs['which']}"
    return name


class Walk:
    """What one user reached: documents (kind → first URL and its status) and broken links."""

    def __init__(self):
        self.documents = {}
        self.broken = []  # (link, status, page that showed it)
        self.pages = 0


def walk(user, on_response=None):
    """Follow every link ``user`` is shown from "/"; ``on_response(url, response)`` sees
    every page and document fetched."""
    client = Client()
    client.force_login(user)
    result, seen, per_view, variants = Walk(), {"/"}, Counter(), Counter()
    queue = deque([("/", None)])
    while queue and result.pages < MAX_PAGES:
        url, shown_on = queue.popleft()
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        document = _document(parts.path, query)
        if document is not None:
            if document not in result.documents:
                response = client.get(url)
                status = response.status_code
                if on_response:
                    on_response(url, response)
                result.documents[document] = (url, status)
                if status != 200:
                    result.broken.append((url, status, shown_on))
            continue
        try:
            view = resolve(parts.path).view_name
        except Resolver404:
            result.broken.append((url, 404, shown_on))
            continue
        if per_view[view] >= MAX_PER_VIEW or (parts.query and variants[parts.path] >= MAX_VARIANTS):
            continue
        per_view[view] += 1
        variants[parts.path] += bool(parts.query)
        response = client.get(url)
        result.pages += 1
        if on_response:
            on_response(url, response)
        if response.status_code in (403, 404):
            result.broken.append((url, response.status_code, shown_on))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in parse(response.content.decode()).links:
            target = urlsplit(urljoin(url, href))
            if target.scheme not in ("", "http") or target.netloc not in ("", "testserver"):
                continue
            if target.path.startswith(NOT_FOLLOWED):
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if link not in seen:
                seen.add(link)
                queue.append((link, url))
    return result


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """``seed_demo`` once for the module (as ``make demo`` runs it: CUS_DEMO on, the database
    marked as the demo's), in a transaction rolled back at the module's end.

    Yields a store for the walks: the seeded data they read does not change between tests.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        mark_demo_database(DEMO_DATABASE_COMMENT)
        _seed()
        yield {}
        transaction.set_rollback(True)


def _seed():
    with override_settings(DEBUG=True, CUS_DEMO=True):
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def walk_as(demo, db):
    """``walk_as(role, new)``: the walk of the role's demo account, or of a new user who holds
    only that role's group."""

    def walk_as(role, new):
        if (role, new) not in demo:
            user = (
                UserFactory(username=f"nowy-{role.lower()}", role=role)
                if new
                else User.objects.get(username=DEMO_ACCOUNT[role])
            )
            demo[role, new] = walk(user)
        return demo[role, new]

    return walk_as


def _users(roles_):
    return [
        pytest.param(role, new, id=f"{role}-{'nowy' if new else 'demo'}")
        for role in roles_
        for new in (False, True)
    ]


@pytest.mark.parametrize(("role", "new"), _users(EXPECTED))
def test_each_role_reaches_every_document_it_uses_by_links(walk_as, role, new):
    result = walk_as(role, new)
    missing = EXPECTED[role] - set(result.documents)
    assert not missing, f"{role} ({'nowy' if new else 'demo'}) nie dochodzi do: {sorted(missing)}"
    failed = {kind: url for kind, (url, status) in result.documents.items() if status != 200}
    assert not failed


@pytest.mark.parametrize(("role", "new"), _users(sorted(set(roles.ROLES) - CASE_ROLES)))
def test_roles_outside_the_cases_are_never_shown_a_case_document(walk_as, role, new):
    shown = set(walk_as(role, new).documents) & CASE_DOCUMENTS
    assert not shown


@pytest.mark.parametrize(("role", "new"), _users(roles.ROLES))
def test_no_role_is_shown_a_link_it_cannot_open(walk_as, role, new):
    """Above all the OSL organizer: the registries once linked edit pages to readers and a
    cancel link to an entry page that does not exist (403/404)."""
    result = walk_as(role, new)
    assert result.pages > 1
    assert not result.broken


def _row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table not in VOLATILE_TABLES:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
    return counts


def test_a_second_seed_adds_no_document_and_no_row(demo, db):
    before = _row_counts()
    _seed()
    assert _row_counts() == before
