import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ipus", "0017_assessment_transitions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="planitem",
            name="line",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="+",
                to="ipus.planitem",
            ),
        ),
    ]
