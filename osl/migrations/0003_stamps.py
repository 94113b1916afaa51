"""Tables behind cached reports (cus.reports): volunteer hours and activities feed the OUS's
indicators; schedule items, activities and plans the progress dashboard's totals."""

from django.db import migrations

from cus.reports import stamp_tables


class Migration(migrations.Migration):
    dependencies = [
        ("osl", "0002_roles"),
        ("cus", "0009_data_stamp"),
    ]

    operations = [stamp_tables("osl_volunteerhours", "osl_activity", "osl_scheduleitem", "osl_oslplan")]
