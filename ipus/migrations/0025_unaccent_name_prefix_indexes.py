"""The persons' name-prefix indexes over the folded names (no diacritics, upper case), as the
"iprefix" lookup compares them (cus.lookups)."""

from django.db import migrations

PREFIX_INDEXES = {
    "person_last_name_prefix_idx": "last_name",
    "person_first_name_prefix_idx": "first_name",
}
FOLDED = "UPPER(cus_unaccent(({column})::text))"
PLAIN = "UPPER({column})"


def replace_indexes(expression):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, column in PREFIX_INDEXES.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            schema_editor.execute(
                f"CREATE INDEX {name} ON ipus_person "
                f"({expression.format(column=column)} text_pattern_ops)"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("ipus", "0024_assessment_polish_names"),
        ("cus", "0015_unaccent_search"),
    ]

    operations = [migrations.RunPython(replace_indexes(FOLDED), replace_indexes(PLAIN))]
