"""Every plan item's whole units granted per month (``granted_by_month``), and its granted units
recomputed with the whole-unit rule (ipus.schedule.monthly_units): "6 godzin tygodniowo" over
7 months was stored as 521.43, now 521 (issue 23)."""

from decimal import Decimal

from django.db import migrations, models

BATCH = 5000


def recompute(apps, schema_editor):
    # The rule is a pure function of the row's schedule; the migration uses it as it is now.
    from cus.dates import months_between
    from ipus.schedule import monthly_units

    PlanItem = apps.get_model("ipus", "PlanItem")
    changed = []
    fields = ["granted_by_month", "units_granted", "units_per_month"]
    rows = PlanItem.objects.only("quantity", "per", "cap", "cap_per", "starts_on", "ends_on")
    for item in rows.iterator(chunk_size=BATCH):
        item.granted_by_month = [
            units
            for _month, units in monthly_units(
                item.quantity,
                item.per,
                item.cap or None,
                item.cap_per or "",
                item.starts_on,
                item.ends_on,
            )
        ]
        granted = Decimal(sum(item.granted_by_month))
        item.units_granted = granted
        item.units_per_month = (granted / months_between(item.starts_on, item.ends_on)).quantize(
            Decimal("0.0001")
        )
        changed.append(item)
        if len(changed) >= BATCH:
            PlanItem.objects.bulk_update(changed, fields)
            changed = []
    PlanItem.objects.bulk_update(changed, fields)


class Migration(migrations.Migration):
    dependencies = [("ipus", "0025_unaccent_name_prefix_indexes")]

    operations = [
        migrations.AddField(
            model_name="planitem",
            name="granted_by_month",
            field=models.JSONField(
                default=list, editable=False, verbose_name="jednostki przyznane w miesiącach"
            ),
        ),
        migrations.RunPython(recompute, migrations.RunPython.noop),
    ]
