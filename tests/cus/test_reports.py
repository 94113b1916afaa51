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


def test_a_count_is_keyed_by_what_it_counts_not_by_the_columns_or_the_order(db):
    """count_entry digests the query without its columns and order: the same rows under
    other columns share the total; another filter, a DISTINCT or a grouping does not."""
    from django.db.models import Count

    from cus.models import User

    named = User.objects.filter(username__startswith="t-key")
    same = {
        reports.count_entry(named),
        reports.count_entry(named.order_by("-pk").only("username")),
        reports.count_entry(named.select_related(None).defer("email")),
    }
    assert len(same) == 1
    others = {
        reports.count_entry(User.objects.filter(username__startswith="t-kez")),
        reports.count_entry(named.filter(is_active=True)),
        reports.count_entry(named.distinct()),
        reports.count_entry(named.values("last_name").annotate(n=Count("pk"))),
        reports.count_entry(named[:5]),
    }
    assert len(others | same) == 6
    assert reports.count_entry(User.objects.none()) is None
    from cus.models import AccessLog

    assert reports.count_entry(AccessLog.objects.all()) is None  # no stamp: never cached

    # The grouped and DISTINCT counts still count right through the cache.
    UserFactory(username="t-key-1", last_name="Ząb")
    UserFactory(username="t-key-2", last_name="Ząb")
    assert reports.cached_count(named.values("last_name").annotate(n=Count("pk"))) == 1
    assert reports.cached_count(named.distinct()) == 2
    assert reports.cached_count(named.filter(is_active=False)) == 0


def test_read_ahead_serves_several_cached_values_from_one_query(db):
    from cus.models import User

    users = User.objects.filter(username__startswith="t-ahead")
    UserFactory(username="t-ahead-1")
    reports.cached("test-ahead", lambda day: f"breaches {day}", "2026-12-02")
    reports.cached_count(users)
    entries = (("test-ahead", "2026-12-02"), reports.count_entry(users), None)
    with CaptureQueriesContext(connection) as served, reports.read_ahead(*entries):
        assert reports.cached("test-ahead", lambda day: "computed", "2026-12-02") == (
            "breaches 2026-12-02"
        )
        assert reports.cached_count(users) == 1
    assert len(served) == 1
    # After a change the entries read ahead are outdated, and computed again.
    UserFactory(username="t-ahead-2")
    with reports.read_ahead(reports.count_entry(users)):
        assert reports.cached_count(users) == 2
    # Outside the block each value costs its own query again.
    with CaptureQueriesContext(connection) as served:
        reports.cached_count(users)
    assert len(served) == 1
