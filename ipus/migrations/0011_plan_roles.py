"""Who works on plans: KIPUS and OUS (the OUS also overrides capacity); the director reads."""

from django.db import migrations

PLAN_READ = [
    "ipus.view_plan", "ipus.view_planversion", "ipus.view_planitem",
    "ipus.view_plantransition", "ipus.view_monitoringcontact", "ipus.view_delivery",
]
PLAN_WORK = PLAN_READ + [
    "ipus.add_plan", "ipus.change_plan",
    "ipus.add_planversion", "ipus.change_planversion", "ipus.delete_planversion",
    "ipus.add_planitem", "ipus.change_planitem", "ipus.delete_planitem",
    "ipus.add_monitoringcontact", "ipus.change_monitoringcontact",
    "ipus.add_delivery", "ipus.change_delivery",
]
PERMISSIONS = {
    "KIPUS": PLAN_WORK,
    "OUS": PLAN_WORK + ["ipus.override_capacity"],
    "Dyrektor": PLAN_READ,
}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ipus", "0010_plans_with_versions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
