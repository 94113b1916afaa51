"""Search that ignores diacritics (cus.lookups): the ``unaccent`` extension, its IMMUTABLE
wrapper for expression indexes, and a text-search configuration that unaccents words.

``unaccent`` is a trusted extension (PostgreSQL 13+): the database's owner may create it
without being a superuser; on Debian it ships with the server package (postgresql-15).
"""

from django.db import migrations

# Schema-qualified: an index expression must not depend on the search_path. Not inlined
# (an IMMUTABLE SQL function calling a STABLE one never is), so the query and the index
# hold the same call.
FUNCTION = """
CREATE OR REPLACE FUNCTION cus_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""
CONFIGURATION = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'cus_search') THEN
    CREATE TEXT SEARCH CONFIGURATION cus_search (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION cus_search
      ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, simple;
  END IF;
END $$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    schema_editor.execute(FUNCTION)
    schema_editor.execute(CONFIGURATION)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS cus_search")
    schema_editor.execute("DROP FUNCTION IF EXISTS cus_unaccent(text)")


class Migration(migrations.Migration):
    dependencies = [("cus", "0014_authorisations")]

    operations = [migrations.RunPython(forwards, backwards)]
