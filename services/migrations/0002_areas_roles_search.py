"""The 14 statutory areas, the roles' catalogue permissions, and the text-search index."""

from django.db import migrations

# Frozen copies (services.choices.STATUTORY_AREAS and services.roles.PERMISSIONS).
AREAS = (
    ("family_policy", "polityka prorodzinna"),
    ("family_support", "wspieranie rodziny"),
    ("foster_care", "system pieczy zastępczej"),
    ("social_assistance", "pomoc społeczna"),
    ("health", "promocja i ochrona zdrowia"),
    ("disability", "wspieranie osób niepełnosprawnych"),
    ("education", "edukacja publiczna"),
    ("unemployment", "przeciwdziałanie bezrobociu"),
    ("culture", "kultura"),
    ("sport_tourism", "kultura fizyczna i turystyka"),
    ("civic_activity", "pobudzanie aktywności obywatelskiej"),
    ("housing", "mieszkalnictwo"),
    ("environment", "ochrona środowiska"),
    ("reintegration", "reintegracja zawodowa i społeczna"),
)
MODELS = ("programme", "programmegoal", "programmeentry", "provider", "service", "challenge", "targetgroup")
READ = [f"services.view_{m}" for m in MODELS] + ["services.view_statutoryarea"]
EDIT = [f"services.{a}_{m}" for m in MODELS for a in ("add", "change")]
PERMISSIONS = {"OUS": READ + EDIT, "KIPUS": READ, "Dyrektor": READ, "OSL": READ}

# Serves ServiceQuerySet.search: the same expression Django builds for
# SearchVector("name", "description", config="simple").
SEARCH_INDEX = """
CREATE INDEX IF NOT EXISTS service_search_idx ON services_service USING gin (
  to_tsvector('simple'::regconfig,
    ((COALESCE(name, ''::character varying))::text || ' '::text) || COALESCE(description, ''::text))
)
"""


def forwards(apps, schema_editor):
    StatutoryArea = apps.get_model("services", "StatutoryArea")
    for order, (code, name) in enumerate(AREAS, start=1):
        StatutoryArea.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    from cus.roles import grant

    grant(apps, PERMISSIONS)
    schema_editor.execute(SEARCH_INDEX)


def backwards(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS service_search_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("cus", "0005_document_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
