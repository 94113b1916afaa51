from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cus", "0011_role_changes")]

    operations = [
        migrations.AddField(
            model_name="storeddocument",
            name="keep_until",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="przechowywać do"
            ),
        ),
        migrations.AddField(
            model_name="storeddocument",
            name="destroyed_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="zniszczono"),
        ),
    ]
