"""The "iprefix" lookup (cus.lookups): istartswith's rows over the names without diacritics,
with bounds a generic plan can use."""

import re
import unicodedata

import pytest
from django.db import connection

from ipus.models import Person

NAMES = ["Kowalski", "kowalczyk", "KOWAL", "Żak", "żółw", "Łukasz", "Ćma", "a%b", "a_b", "axb", ""]
WORDS = ["kowal", "KOWALS", "ż", "Żó", "ł", "ćm", "a%", "a_", "a", "x", "kowalskiego"]


@pytest.fixture
def persons(db):
    return Person.objects.bulk_create(
        Person(first_name="Jan", last_name=name, birth_date="1950-01-01") for name in NAMES
    )


def _folded(text):
    """What unaccent does to Polish letters (ł has no decomposition), then upper case."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


@pytest.mark.parametrize("word", [*WORDS, "zak", "ZOLW", "lukasz", "cma"])
def test_iprefix_finds_what_istartswith_finds_without_diacritics(persons, word):
    expected = {
        person.pk for person in persons if _folded(person.last_name).startswith(_folded(word))
    }
    found = set(Person.objects.filter(last_name__iprefix=word).values_list("pk", flat=True))
    assert found == expected


def _generic_plan(queryset):
    """EXPLAIN of the statement prepared as psycopg prepares it, with PostgreSQL's generic plan."""
    sql, params = queryset.query.sql_with_params()
    numbered = iter(range(1, len(params) + 1))
    statement = re.sub("%s", lambda _match: f"${next(numbered)}", sql)
    values = ", ".join(connection.ops.compose_sql("%s", [value]) for value in params)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"PREPARE iprefix_test AS {statement}")
        try:
            cursor.execute(f"EXPLAIN EXECUTE iprefix_test({values})")
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE iprefix_test")


def test_a_prepared_name_search_can_use_the_prefix_indexes(persons):
    searched = Person.objects.search("Kowal Jan")
    assert "person_last_name_prefix_idx" in _generic_plan(searched)
    assert sorted(searched.values_list("last_name", flat=True)) == [
        "KOWAL",
        "Kowalski",
        "kowalczyk",
    ]
    # What the lookup is for: istartswith alone cannot use the index once prepared.
    plain = Person.objects.filter(last_name__istartswith="Kowal")
    assert "person_last_name_prefix_idx" not in _generic_plan(plain)
    assert "~~" not in _generic_plan(searched)  # no LIKE beside the range (double estimate)
