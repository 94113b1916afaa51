"""Case roles on requests and refusal decisions."""

from django.db import migrations

PERMISSIONS = {
    "KIPUS": [
        "ipus.view_request", "ipus.add_request", "ipus.change_request",
        "ipus.view_refusaldecision", "ipus.add_refusaldecision", "ipus.change_refusaldecision",
    ],
    "OUS": ["ipus.view_request", "ipus.change_request", "ipus.view_refusaldecision"],
    "Dyrektor": ["ipus.view_request", "ipus.view_refusaldecision"],
}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ipus", "0003_requests")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
