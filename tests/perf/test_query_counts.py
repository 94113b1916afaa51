"""Regression guard of the performance issue: every key page (the pages bench/run drives)
costs the same number of SQL queries on the tiny and on the small synthetic dataset, and
that number is pinned here. Counts, not timings: machines are noisy, query counts are not.
After a change that means to move them, ``UPDATE_QUERY_COUNTS=1`` rewrites PINNED in place
(tests/querycounts.py).
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cus import roles
from cus.bench import STAFF_PAGE_BUDGET_MS
from cus.models import ReportCache
from cus.modules import project_modules
from ipus.models import Delivery, Person, Plan, PlanItem, PlanVersion
from osl.models import Activity, OslPlan
from services.models import Service
from tests import querycounts
from tests.factories import UserFactory

MAX_QUERIES = 15
# Page name (cus/ipus/services/osl bench.py) -> the distinct query counts of its URLs:
# (a report computed, the same page again with the report served from cus.reports' cache).
# A list's total is such a report too (cus.reports.cached_count): counted, then stored.
PINNED = {
    # The ceiling (cus/bench.py): a logged-in tab's session and user, then SELECT 1 or the
    # permissions the menu reads.
    "Sufit: GET /healthz": {(3, 3)},
    "Sufit: sam base.html (hasło zmienione)": {(3, 3)},
    # +1 (issue 23): the refusal decisions to sign and their appeal deadlines, one query.
    "Pulpit koordynatora": {(7, 7)},
    "Dziennik dostępu (IOD)": {(7, 7)},
    "Obłożenie usług (kwartał, rok, miesiąc)": {(10, 4)},
    # The names of a page's services: one query (services.models.attach_table_names).
    "Katalog usług (pracownicy)": {(12, 10)},
    # Pages that show residents: one INSERT of the records shown into the access log
    # (cus.access.log_reads), none for an empty page.
    "Szukaj osoby po PESEL": {(8, 6)},
    "Szukaj osoby po nazwisku": {(8, 6)},
    "Lista wniosków (otwarte, wszystkie, moje)": {(6, 4), (8, 6)},
    "Lista planów (filtry)": {(9, 5), (11, 7)},
    "Karta planu IPUS": {(10, 10)},
    "Przegląd kwartalny (OUS)": {(15, 5)},
    "Wskaźniki programu (OUS)": {(12, 4)},
    "Umowa IPUS — PDF (dyrektor)": {(5, 5)},
    "Postęp planu OSL": {(12, 9)},
    "Dziennik działań OSL": {(7, 5)},
}


def _load(scale, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("generate_load_data", scale=scale, stdout=io.StringIO())
    settings.DEBUG = False


def _page_counts():
    users = {role: UserFactory(username=f"perf-{role.lower()}", role=role) for role in roles.ROLES}
    counts = {}
    for module in project_modules("bench"):
        for page in module.pages():
            client = Client()
            client.force_login(users[page["role"]])
            seen = set()
            for url in page["urls"]:
                client.get(url)  # warm the session
                ReportCache.objects.all().delete()  # a report computed, not served from the cache
                with CaptureQueriesContext(connection) as computed:
                    response = client.get(url)
                assert response.status_code == 200, (page["name"], url, response.status_code)
                with CaptureQueriesContext(connection) as cached:
                    client.get(url)
                seen.add((len(computed), len(cached)))
            counts[page["name"]] = seen
    return counts


def test_generate_load_data_is_refused_without_debug(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_load_data", scale="tiny", stdout=io.StringIO())
    assert not Person.objects.exists()


def test_the_tiny_dataset_has_the_metro_shape(db, settings, tmp_path):
    _load("tiny", settings, tmp_path)
    assert Person.objects.count() == 200
    assert Plan.objects.count() == 120
    assert Service.objects.count() >= 5
    assert PlanItem.objects.filter(version__number=0).count() >= 3 * 120
    assert PlanVersion.objects.filter(number=1).count() > 0  # annexes
    assert Delivery.objects.exists() and Activity.objects.exists() and OslPlan.objects.exists()
    assert PlanVersion.objects.filter(document__isnull=False).count() == 2  # frozen contracts
    assert len(set(Person.objects.values_list("pesel", flat=True))) == 200


@pytest.mark.parametrize("scale", ["tiny", "small"])
def test_every_key_page_costs_its_pinned_queries_whatever_the_data_size(
    scale, db, settings, tmp_path
):
    _load(scale, settings, tmp_path)
    counts = _page_counts()
    querycounts.check(PINNED, counts, __file__, complete=True)
    assert max(computed for seen in counts.values() for computed, _cached in seen) <= MAX_QUERIES
    assert STAFF_PAGE_BUDGET_MS == 150
