"""Earlier access-log rows name their resident too (AccessLog.person_id, cus 0011), so the
IOD's filter by resident also finds the reads made before the column existed."""

from django.db import migrations, models
from django.db.models.functions import Cast

# Each kind of record the pages logged → the path from it to its person's id.
PERSON_PATHS = {
    "person": None,
    "request": "person_id",
    "refusaldecision": "request__person_id",
    "needsassessment": "request__person_id",
    "plan": "request__person_id",
    "planversion": "plan__request__person_id",
    "planitem": "version__plan__request__person_id",
    "monitoringcontact": "plan__request__person_id",
}


def name_the_residents(apps, schema_editor):
    AccessLog = apps.get_model("cus", "AccessLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model_name, path in PERSON_PATHS.items():
        content_type = ContentType.objects.filter(app_label="ipus", model=model_name).first()
        if content_type is None:
            continue
        rows = AccessLog.objects.filter(
            content_type=content_type, person_id__isnull=True, object_id__regex=r"^[0-9]{1,18}$"
        )
        object_pk = Cast("object_id", models.BigIntegerField())
        if path is None:
            rows.update(person_id=object_pk)
            continue
        Model = apps.get_model("ipus", model_name)
        rows.update(
            person_id=models.Subquery(
                Model.objects.filter(
                    pk=Cast(models.OuterRef("object_id"), models.BigIntegerField())
                ).values(path)[:1]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("cus", "0013_accesslog_person_and_polish_history_names"),
        ("ipus", "0021_polish_history_names"),
    ]

    operations = [migrations.RunPython(name_the_residents, migrations.RunPython.noop)]
