"""Create the staff roles (groups) with their permissions on the core models."""

from django.db import migrations

# Frozen copy of the core slice of cus.roles.PERMISSIONS at this migration;
# later migrations grant what later models add.
CORE_PERMISSIONS = {
    "KIPUS": ["cus.view_centreprofile"],
    "OUS": ["cus.view_centreprofile"],
    "OSL": ["cus.view_centreprofile"],
    "Dyrektor": ["cus.view_centreprofile", "cus.approve_ipus"],
    "Animator": [],
    "IOD": ["cus.view_accesslog", "cus.view_centreprofile"],
    "Administrator": [
        "cus.view_centreprofile",
        "cus.change_centreprofile",
        "cus.add_user",
        "cus.change_user",
        "cus.view_user",
        "auth.view_group",
    ],
}


def create_roles(apps, schema_editor):
    from cus.roles import grant

    grant(apps, CORE_PERMISSIONS)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=CORE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cus", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
