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

The cache is a database table (``ReportCache``) shared by all workers, so a report is
computed once per change, not once per worker, and nothing leaves the database. A report
stores only the values it shows: numbers, dates, names and its rendered HTML — never model
instances (a Person row would carry a PESEL and health notes into the cache). ``cached``
refuses anything else, and values are read back by an unpickler that knows no other
class. Keys carry the code's version (``code_version``): a deploy never serves HTML
rendered by the previous templates. Retention and restore empty the cache (``clear``).
"""

import contextlib
import contextvars
import datetime
import decimal
import functools
import hashlib
import io
import pickle
from pathlib import Path

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, migrations
from django.db.models import Sum
from django.utils import timezone
from django.utils.functional import Promise

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
        schema_editor.execute(FUNCTION)
        for table in tables:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_datastamp" ON "{table}"')
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_datastamp" AFTER {events} ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION cus_bump_datastamp()"
            )

    def backwards(apps, schema_editor):
        for table in tables:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_datastamp" ON "{table}"')

    return migrations.RunPython(forwards, backwards, elidable=False)


def current_stamp():
    """The sum of all change counters (one query)."""
    from cus.models import DataStamp

    return DataStamp.objects.aggregate(total=Sum("counter"))["total"] or 0


def _lookup(key):
    """(current stamp, cached row's stamp, day, value) in ONE query, or from the entries
    read ahead by ``read_ahead``."""
    ahead = _read_ahead.get()
    if ahead is not None and key in ahead:
        return ahead[key]
    return _lookup_many([key])[key]


def _lookup_many(keys):
    """{key: (current stamp, cached row's stamp, day, value)} of several keys in ONE query."""
    from cus.models import DataStamp, ReportCache

    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT k.key, (SELECT COALESCE(SUM(counter), 0) FROM {DataStamp._meta.db_table}),
                   r.stamp, r.day, r.value
              FROM UNNEST(%s::varchar[]) AS k(key)
              LEFT JOIN {ReportCache._meta.db_table} r ON r.key = k.key
            """,
            [list(keys)],
        )
        return {key: tuple(row) for key, *row in cursor.fetchall()}


_read_ahead = contextvars.ContextVar("read_ahead", default=None)


@contextlib.contextmanager
def read_ahead(*entries):
    """Read the cache rows of ``entries`` — (name, *args) as ``cached`` takes them, or the
    ``count_entry`` of a list — in one query; ``cached`` and ``cached_count`` inside the
    block use them instead of one query each. A page that shows a list's total and a
    cached number (the plan list: the total and the approval breaches) reads both at once.
    None entries (a count that is not cached) are skipped."""
    keys = [_key(name, args) for name, *args in filter(None, entries)]
    token = _read_ahead.set(_lookup_many(keys) if keys else {})
    try:
        yield
    finally:
        _read_ahead.reset(token)


PLAIN_SCALARS = (
    type(None),
    bool,
    int,
    float,
    str,
    decimal.Decimal,
    datetime.date,
    datetime.datetime,
    datetime.time,
    datetime.timedelta,
)
PLAIN_CONTAINERS = (list, tuple, dict, set, frozenset)
# Value objects of the project made of plain fields (cus.dates).
PLAIN_VALUES = {("cus.dates", "Quarter"), ("cus.dates", "HalfYear")}


def check_plain(value, where="value"):
    """Raise TypeError unless ``value`` is plain data: the scalars above in lists, tuples,
    sets and dicts (a lazy translation is refused too: it would be pickled untranslated)."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_plain(key, f"{where} key")
            check_plain(item, f"{where}[{key!r}]")
    elif isinstance(value, PLAIN_CONTAINERS):
        for index, item in enumerate(value):
            check_plain(item, f"{where}[{index}]")
    elif (type(value).__module__, type(value).__name__) in PLAIN_VALUES:
        return
    elif not isinstance(value, PLAIN_SCALARS) or isinstance(value, Promise):
        raise TypeError(
            f"A cached report stores plain values only; {where} is {type(value).__name__}."
        )


# What the unpickler may build: the plain scalars and SafeString (rendered HTML).
_ALLOWED_CLASSES = {
    ("decimal", "Decimal"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("zoneinfo", "ZoneInfo"),
    ("django.utils.safestring", "SafeString"),
    *PLAIN_VALUES,
    ("builtins", "set"),
    ("builtins", "frozenset"),
}


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) in _ALLOWED_CLASSES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a plain value of a report")


def loads(value):
    """A cached value, read by an unpickler that builds plain values only."""
    return _PlainUnpickler(io.BytesIO(value)).load()


@functools.cache
def code_version():
    """A digest of the project's Python modules and templates, computed once per process:
    part of every key, so a new release never reads the cache of the previous one."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    sources = [base / "templates", *(base / app for app in ("cus", "ipus", "osl", "services"))]
    for root in sources:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".html", ".txt") and "migrations" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def clear():
    """Empty the cache: retention anonymised someone, or a backup was restored."""
    from cus.models import ReportCache

    ReportCache.objects.all().delete()


def _key(name, args):
    return ":".join([name, code_version(), *(str(arg) for arg in args)])[:255]


def cached(name, compute, *args, prune=False):
    """``compute(*args)``, from the cache while no source table has changed since.

    One query when the report is cached (the stamp and the row together); on a change,
    the computation plus one upsert. Concurrent first views may compute it twice; the
    result is the same. ``prune`` also deletes the outdated rows of ``name`` on a change
    (for keys made of user input, such as the counts of searches).
    """
    from cus.models import ReportCache

    key = _key(name, args)
    today = timezone.localdate()
    stamp, cached_stamp, day, value = _lookup(key)
    if cached_stamp == stamp and day == today:
        return loads(value)
    result = compute(*args)
    check_plain(result, name)
    value = pickle.dumps(result)
    if prune:
        _store_pruning(name, key, stamp, today, value)
        return result
    ReportCache.objects.bulk_create(
        [ReportCache(key=key, stamp=stamp, day=today, value=value)],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["stamp", "day", "value"],
    )
    return result


def _store_pruning(name, key, stamp, day, value):
    """Store ``key``'s value and drop the outdated rows of ``name``, in one statement."""
    from cus.models import ReportCache

    table = ReportCache._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH outdated AS (
                DELETE FROM {table}
                 WHERE key LIKE %s AND key <> %s AND (stamp <> %s OR day <> %s)
            )
            INSERT INTO {table} (key, stamp, day, value) VALUES (%s, %s, %s, %s)
            ON CONFLICT (key) DO UPDATE
               SET stamp = EXCLUDED.stamp, day = EXCLUDED.day, value = EXCLUDED.value
            """,
            [f"{name}:%", key, stamp, day, key, stamp, day, value],
        )


# The tables the migrations give a data-stamp trigger (stamp_tables); a test compares this
# with the triggers in the database, so a count is cached only over stamped tables.
STAMPED_TABLES = frozenset(
    {
        "cus_user",
        "services_service",
        "services_provider",
        "ipus_person",
        "ipus_request",
        "ipus_plan",
        "ipus_planversion",
        "ipus_planitem",
        "ipus_delivery",
        "ipus_monitoringcontact",
        "ipus_reviewmeeting",
        "ipus_meetingaction",
        "osl_volunteerhours",
        "osl_activity",
        "osl_scheduleitem",
        "osl_oslplan",
    }
)


def stamped_tables_in_database():
    """The tables that have a data-stamp trigger (for the test of STAMPED_TABLES)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = c.relname || '_datastamp' AND NOT t.tgisinternal"
        )
        return frozenset(row[0] for row in cursor.fetchall())


def count_entry(queryset):
    """("list-count", digest) under which ``cached_count`` keeps this queryset's total, or
    None when the total is not cached (a table without a stamp; no query at all).

    The digest is of the query's SQL without its columns and order: they do not change a
    count, and compiling the columns of a list's rows (the plan list joins four tables)
    cost ~0.6 ms a view, the bare query ~0.05 ms. Grouped, combined and DISTINCT queries,
    whose columns may matter, are digested whole."""
    query = queryset.query
    tables = {join.table_name for join in query.alias_map.values()} or {
        queryset.model._meta.db_table
    }
    if not tables <= STAMPED_TABLES:
        return None
    if not (query.group_by or query.combinator or query.distinct):
        query = query.clone()
        query.clear_ordering(force=True)
        query.clear_select_clause()
    try:
        sql, params = query.sql_with_params()
    except EmptyResultSet:  # .none() or an impossible filter: no query at all
        return None
    return ("list-count", hashlib.sha256(repr((sql, params)).encode()).hexdigest())


def cached_count(queryset):
    """``queryset.count()``, counted once per data change when every table it reads is stamped.

    A list's total (120 000 requests, 60 000 plans) costs 5–12 ms of PostgreSQL on every
    page of it; the rows themselves 1 ms. The count of a query over any unstamped table
    is not cached.
    """
    entry = count_entry(queryset)
    if entry is None:
        return queryset.count()
    name, digest = entry
    return cached(name, lambda _digest: queryset.count(), digest, prune=True)
