"""The record of every role and individual permission given or taken away; the administrator reads it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PERMISSIONS = {"Administrator": ["cus.view_rolechange"]}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="cus", codename="view_rolechange")
    for group in Group.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [("cus", "0010_report_cache")]

    operations = [
        migrations.CreateModel(
            name="RoleChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="kiedy")),
                (
                    "kind",
                    models.CharField(
                        choices=[("role", "rola"), ("permission", "uprawnienie indywidualne")],
                        max_length=10,
                        verbose_name="rodzaj",
                    ),
                ),
                ("name", models.CharField(max_length=255, verbose_name="rola lub uprawnienie")),
                ("granted", models.BooleanField(help_text="nie: odebrano", verbose_name="nadano")),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="kto zmienił",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="role_changes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="konto",
                    ),
                ),
            ],
            options={
                "verbose_name": "zmiana ról i uprawnień",
                "verbose_name_plural": "zmiany ról i uprawnień",
                "ordering": ["-at", "-pk"],
                "indexes": [models.Index(fields=["user", "-at"], name="rolechange_user_idx")],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
