"""Case roles on plans (IPUS) and their items."""

from django.db import migrations

PERMISSIONS = {
    "KIPUS": [
        "ipus.view_plan", "ipus.add_plan", "ipus.change_plan",
        "ipus.view_planitem", "ipus.add_planitem", "ipus.change_planitem", "ipus.delete_planitem",
    ],
    "OUS": ["ipus.view_plan", "ipus.view_planitem"],
    "Dyrektor": ["ipus.view_plan", "ipus.view_planitem"],
}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ipus", "0007_plans")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
