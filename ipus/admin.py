from django.contrib import admin

from cus.admin import CusHistoryAdmin
from ipus.models import Person


@admin.register(Person)
class PersonAdmin(CusHistoryAdmin):
    """Residents; every opened record is written to the access log."""

    access_logged = True
    list_display = ("last_name", "first_name", "birth_date", "town")
    search_fields = ("last_name", "first_name", "=pesel")
    list_filter = ("previous_social_assistance",)
    readonly_fields = ("sex", "version")
