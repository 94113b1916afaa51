"""The catalogue's text-search index over words without diacritics (cus.lookups.SEARCH_CONFIG)."""

from django.db import migrations

# Serves ServiceQuerySet.search: the expression Django builds for
# SearchVector("name", "description", config=SEARCH_CONFIG).
INDEX = """
CREATE INDEX IF NOT EXISTS service_search_idx ON services_service USING gin (
  to_tsvector('{config}'::regconfig,
    ((COALESCE(name, ''::character varying))::text || ' '::text) || COALESCE(description, ''::text))
)
"""


def replace_index(config):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS service_search_idx")
        schema_editor.execute(INDEX.format(config=config))

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0006_polish_history_names"),
        ("cus", "0015_unaccent_search"),
    ]

    operations = [migrations.RunPython(replace_index("cus_search"), replace_index("simple"))]
