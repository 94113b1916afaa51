"""KIPUS, OUS and the director may look up stored documents (the verify page)."""

from django.db import migrations

PERMISSIONS = {
    "KIPUS": ["cus.view_storeddocument"],
    "OUS": ["cus.view_storeddocument"],
    "Dyrektor": ["cus.view_storeddocument"],
}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="cus", codename="view_storeddocument")
    for group in Group.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [("cus", "0004_stored_documents")]

    operations = [migrations.RunPython(grant, revoke)]
