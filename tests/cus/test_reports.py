"""The report cache (cus.reports): served while the data is unchanged, recomputed after
any write to a stamped table, in the same transaction as the write."""

from django.db import connection

from cus import reports
from cus.models import DataStamp
from tests.factories import UserFactory


def test_every_write_to_a_stamped_table_moves_the_stamp(db):
    assert connection.vendor == "postgresql"
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
