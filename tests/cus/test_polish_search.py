"""Every search a person types into ignores case and Polish letters and matches word
prefixes (cus.lookups: ``unaccent`` in SQL, indexed): the public catalogue, the staff
catalogue and the person search, each with every spelling below (17 cases), and the
indexes still serve the folded searches.
"""

import pytest
from django.db import connection
from django.urls import reverse

from ipus.models import Person
from services.models import Service
from tests.cus.test_lookups import _generic_plan
from tests.services.factories import ServiceFactory

TAXI, NURSERY = "Taksówka dla seniora", "Żłobek interwencyjny"
LUCJA, SCIBOR = "Łucja Żółkiewska", "Ścibor Kowalski"

# What a resident or a worker types → what it must find.
SERVICE_QUERIES = {
    "taksowka": {TAXI},
    "TAKSÓWKA": {TAXI},
    "przejazd": {TAXI},  # the description says "Przejazdy"
    "lekarz": {TAXI},
    "zlob": {NURSERY},
    "ZŁOBEK INTERW": {NURSERY},
}
PERSON_QUERIES = {
    "zolkiewska": {LUCJA},
    "lucja": {LUCJA},
    "ŻÓŁK": {LUCJA},
    "scib": {SCIBOR},
    "kowal ścib": {SCIBOR},
}
# Each search: URL name, whether staff log in, the queries, how a result is named.
SEARCHES = {
    "catalogue:list": (False, SERVICE_QUERIES, lambda service: service.name),
    "services:service-list": (True, SERVICE_QUERIES, lambda service: service.name),
    "ipus:person-search": (True, PERSON_QUERIES, str),
}
CASES = [(url, query) for url, (_login, queries, _name) in SEARCHES.items() for query in queries]


@pytest.fixture
def stored(db):
    ServiceFactory(name=TAXI, description="Przejazdy do lekarza i urzędu")
    ServiceFactory(name=NURSERY, description="Opieka nad dzieckiem w nagłej sytuacji")
    ServiceFactory(name="Usługa opiekuńcza", description="Pomoc w domu")
    for full_name in (LUCJA, SCIBOR, "Jan Nowak"):
        first, last = full_name.split()
        Person.objects.create(first_name=first, last_name=last, birth_date="1950-01-01")


@pytest.mark.parametrize(("url_name", "query"), CASES)
def test_a_search_ignores_case_and_polish_letters_and_matches_word_prefixes(
    client, kipus, stored, url_name, query
):
    login, queries, name = SEARCHES[url_name]
    if login:
        client.force_login(kipus)
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    assert {name(row) for row in response.context["object_list"]} == queries[query]


def test_the_folded_name_search_still_uses_the_prefix_indexes(stored):
    plan = _generic_plan(Person.objects.search("zolk lucja"))
    assert "person_last_name_prefix_idx" in plan or "person_first_name_prefix_idx" in plan


def test_the_catalogue_search_uses_its_text_search_index(stored):
    searched = Service.objects.search("taksowka przejazd")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = searched.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "service_search_idx" in plan
    assert [service.name for service in searched] == [TAXI]
