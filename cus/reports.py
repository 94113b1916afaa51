"""A cache for aggregate reports that is never stale.

The OUS's quarterly review, the programme indicators and the catalogue's capacity
page aggregate millions of rows; computing them on every view would make every view
wait. They are cached under a key that includes a *data stamp*: the sum of per-table
change counters that PostgreSQL statement triggers bump on every INSERT, UPDATE,
DELETE or TRUNCATE of the tables the reports read (``stamp_tables()`` in each app's
migrations). The counter changes in the same transaction as the data, so a report is
served from the cache only while none of its source tables has changed since it was
computed; the first view after a change computes it again. Today's date is part of
the key too (deadlines move with it).

Only PostgreSQL has the triggers: on SQLite (the demo) reports are always computed.
The cache is the process's memory (``CACHES["reports"]``), so nothing is written to
disk; after ``manage.py restore`` restart the application (as the README says).
"""

from django.core.cache import caches
from django.db import connection, migrations
from django.db.models import Sum
from django.utils import timezone

FUNCTION = """
CREATE OR REPLACE FUNCTION cus_bump_datastamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO cus_datastamp ("table", counter) VALUES (TG_TABLE_NAME, 1)
    ON CONFLICT ("table") DO UPDATE SET counter = cus_datastamp.counter + 1;
    RETURN NULL;
END
$$;
"""


def stamp_tables(*tables, columns=None):
    """Migration operation: bump the data stamp on every change of ``tables``.

    ``columns`` limits UPDATE triggers to changes of those columns (e.g. a user's name,
    not their last login).
    """
    events = "INSERT OR UPDATE OR DELETE OR TRUNCATE"
    if columns:
        events = f"INSERT OR UPDATE OF {', '.join(columns)} OR DELETE OR TRUNCATE"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(FUNCTION)
        for table in tables:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_datastamp" ON "{table}"')
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_datastamp" AFTER {events} ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION cus_bump_datastamp()"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_datastamp" ON "{table}"')

    return migrations.RunPython(forwards, backwards, elidable=False)


def current_stamp():
    """The sum of all change counters (one query); None where there are no triggers."""
    if connection.vendor != "postgresql":
        return None
    from cus.models import DataStamp

    return DataStamp.objects.aggregate(total=Sum("counter"))["total"] or 0


def cached(name, compute, *args):
    """``compute(*args)``, from the cache while no source table has changed since."""
    stamp = current_stamp()
    if stamp is None:
        return compute(*args)
    key = ":".join(["report", name, *(str(arg) for arg in args), str(stamp)])
    key = f"{key}:{timezone.localdate().isoformat()}"
    cache = caches["reports"]
    value = cache.get(key)
    if value is None:
        value = compute(*args)
        cache.set(key, value)
    return value
