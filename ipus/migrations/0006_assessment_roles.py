"""Case roles on needs assessments."""

from django.db import migrations

PERMISSIONS = {
    "KIPUS": ["ipus.view_needsassessment", "ipus.add_needsassessment", "ipus.change_needsassessment"],
    "OUS": ["ipus.view_needsassessment"],
    "Dyrektor": ["ipus.view_needsassessment"],
}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ipus", "0005_needs_assessment")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
