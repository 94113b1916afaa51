"""Changes to services and providers invalidate the cached reports (cus.reports)."""

from django.db import migrations

from cus.reports import stamp_tables


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0002_areas_roles_search"),
        ("cus", "0009_data_stamp"),
    ]

    operations = [stamp_tables("services_service", "services_provider")]
