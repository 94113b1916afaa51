"""The first plan tables (0007) held no data; plans are rebuilt with versions in 0010."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ipus", "0008_plan_roles")]

    operations = [
        migrations.DeleteModel("PlanItem"),
        migrations.DeleteModel("HistoricalPlan"),
        migrations.DeleteModel("Plan"),
    ]
