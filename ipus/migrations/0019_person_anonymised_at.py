from django.db import migrations, models

ANONYMISED = "(zanonimizowano)"


def mark_anonymised(apps, schema_editor):
    # Persons anonymised before the field existed: marked by their name; the day is unknown,
    # their last change is the closest record of it.
    Person = apps.get_model("ipus", "Person")
    for person in Person.objects.filter(first_name=ANONYMISED).only("pk", "updated_at"):
        Person.objects.filter(pk=person.pk).update(anonymised_at=person.updated_at)


class Migration(migrations.Migration):
    dependencies = [("ipus", "0018_plan_item_line_restrict")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="anonymised_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="zanonimizowano"
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="anonymised_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="zanonimizowano"
            ),
        ),
        migrations.RunPython(mark_anonymised, migrations.RunPython.noop),
    ]
