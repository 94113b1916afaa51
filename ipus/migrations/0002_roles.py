"""Case roles on persons: KIPUS register and edit, OUS edit, the director reads."""

from django.db import migrations

PERMISSIONS = {
    "KIPUS": ["ipus.view_person", "ipus.add_person", "ipus.change_person"],
    "OUS": ["ipus.view_person", "ipus.change_person"],
    "Dyrektor": ["ipus.view_person"],
}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ipus", "0001_initial"), ("cus", "0005_document_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
