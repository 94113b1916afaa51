"""The report cache (cus.reports): served while the data is unchanged, recomputed after
any write to a stamped table, in the same transaction as the write."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cus import reports
from cus.models import DataStamp
from tests.factories import UserFactory


def test_every_write_to_a_stamped_table_moves_the_stamp(db):
    before = reports.current_stamp()
    user = UserFactory(username="t-stamp")  # INSERT into cus_user
    after_insert = reports.current_stamp()
    assert after_insert > before
    user.last_login = user.date_joined
    user.save(update_fields=["last_login"])  # not a column any report reads
    assert reports.current_stamp() == after_insert
    user.last_name = "Zmieniona"
    user.save(update_fields=["last_name"])
    assert reports.current_stamp() > after_insert
    assert DataStamp.objects.filter(table="cus_user").exists()


def test_a_report_is_computed_once_per_change_of_its_data(db):
    calls = []

    def compute(period):
        calls.append(period)
        return {"period": period, "n": len(calls)}

    first = reports.cached("test", compute, "2026-Q1")
    assert reports.cached("test", compute, "2026-Q1") == first
    assert reports.cached("test", compute, "2026-Q2")["period"] == "2026-Q2"
    assert calls == ["2026-Q1", "2026-Q2"]

    UserFactory(username="t-change")  # any write to a stamped table
    assert reports.cached("test", compute, "2026-Q1")["n"] == 3


def test_list_counts_are_cached_per_data_change_and_never_stale(db):
    from cus.models import AccessLog, ReportCache, User

    users = User.objects.filter(username__startswith="t-count").order_by("pk")
    assert reports.cached_count(users.none()) == 0
    assert reports.cached_count(User.objects.filter(pk__in=[])) == 0
    assert reports.cached_count(users) == 0
    UserFactory(username="t-count-1")
    assert reports.cached_count(users) == 1  # the insert moved the stamp
    with CaptureQueriesContext(connection) as served:
        assert reports.cached_count(users) == 1
    assert len(served) == 1  # stamp and cached count in one query
    assert ReportCache.objects.filter(key__startswith="list-count:").count() == 1
    # A count over a table without a stamp (the access log) is always counted afresh.
    assert "cus_accesslog" not in reports.STAMPED_TABLES
    reader = User.objects.get(username="t-count-1")
    for expected in (1, 2):
        AccessLog.objects.create(
            user=reader,
            action="view",
            path="/",
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(reader.pk),
        )
        assert reports.cached_count(AccessLog.objects.all()) == expected


def test_outdated_counts_of_searches_are_pruned(db):
    from cus.models import ReportCache, User

    for word in ("a", "b", "c"):
        reports.cached_count(User.objects.filter(username__startswith=word))
    assert ReportCache.objects.filter(key__startswith="list-count:").count() == 3
    UserFactory(username="t-prune")
    reports.cached_count(User.objects.filter(username__startswith="d"))
    assert ReportCache.objects.filter(key__startswith="list-count:").count() == 1


def test_open_requests_are_filtered_by_statuses_written_into_the_sql(db):
    from ipus.choices import RequestStatus
    from ipus.models import Request

    sql, params = Request.objects.open().query.sql_with_params()
    assert f"'{RequestStatus.REGISTERED.value}'" in sql
    assert RequestStatus.REGISTERED.value not in [str(p) for p in params]


def test_the_list_of_stamped_tables_is_what_the_migrations_made(db):
    assert reports.stamped_tables_in_database() == reports.STAMPED_TABLES


def test_the_open_requests_index_is_usable_by_the_open_list(db):
    from ipus.models import Request

    index = next(i for i in Request._meta.indexes if i.name == "request_open_received_idx")
    assert set(index.condition.children[0][1]) == {str(s) for s in Request.OPEN_STATUSES}
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plan = Request.objects.open().by_urgency()[:25].explain()
    assert "request_open_received_idx" in plan


# --- What the cache keeps (issue 22) ------------------------------------------------


def test_a_report_of_model_instances_or_lazy_texts_is_refused(db):
    import pytest
    from django.utils.translation import gettext_lazy

    user = UserFactory()
    for value in (user, [user], {"plans": {"x": user}}, gettext_lazy("Zatwierdzone")):
        with pytest.raises(TypeError, match="plain values only"):
            reports.cached("test-refused", lambda value=value: value)
    from cus.models import ReportCache

    assert not ReportCache.objects.exists()


def test_a_cached_value_is_read_back_by_an_unpickler_that_builds_plain_values_only():
    import pickle
    from datetime import date
    from decimal import Decimal

    import pytest
    from django.utils.safestring import mark_safe

    plain = {1: [Decimal("2.50"), date(2026, 1, 1), None, mark_safe("<b>x</b>")], "s": {1, 2}}
    assert reports.loads(pickle.dumps(plain)) == plain
    with pytest.raises(pickle.UnpicklingError):
        reports.loads(pickle.dumps(UserFactory.build()))
    with pytest.raises(pickle.UnpicklingError):
        reports.loads(pickle.dumps(ContentType))


def test_keys_carry_the_code_version_so_a_release_never_reads_the_previous_ones(db):
    from cus.models import ReportCache

    version = reports.code_version()
    assert len(version) == 12
    reports.cached("test-versioned", lambda: 1)
    assert ReportCache.objects.get().key == f"test-versioned:{version}"
    reports.clear()
    assert not ReportCache.objects.exists()
