"""Oversight: the OUS records meetings and summaries; the director reads all of it;
coordinators read meetings; the OSL organizer reads indicators and the summaries."""

from django.db import migrations

READ = [
    "ipus.view_oversight", "ipus.view_indicators", "ipus.view_reviewmeeting",
    "ipus.view_meetingaction", "ipus.view_halfyearsummary",
]
PERMISSIONS = {
    "OUS": READ + [
        "ipus.add_reviewmeeting", "ipus.change_reviewmeeting", "ipus.add_meetingaction",
        "ipus.change_meetingaction", "ipus.add_halfyearsummary",
    ],
    "Dyrektor": READ,
    "KIPUS": ["ipus.view_reviewmeeting", "ipus.view_meetingaction"],
    "OSL": ["ipus.view_indicators", "ipus.view_halfyearsummary"],
}


def grant(apps, schema_editor):
    from cus.roles import grant as grant_permissions

    grant_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("ipus", "0012_oversight")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
