from django.contrib import admin

from cus.admin import CusHistoryAdmin, CusModelAdmin, CusTabularInline
from services.models import (
    Challenge,
    Programme,
    ProgrammeEntry,
    ProgrammeGoal,
    Provider,
    Service,
    StatutoryArea,
    TargetGroup,
)


class ProgrammeGoalInline(CusTabularInline):
    model = ProgrammeGoal
    extra = 0


class ProgrammeEntryInline(CusTabularInline):
    model = ProgrammeEntry
    extra = 0
    autocomplete_fields = ["service"]


@admin.register(Programme)
class ProgrammeAdmin(CusHistoryAdmin):
    list_display = ("name", "resolution_number", "period_start", "period_end", "status")
    list_filter = ("status",)
    search_fields = ("name", "resolution_number")
    inlines = [ProgrammeGoalInline, ProgrammeEntryInline]


@admin.register(Provider)
class ProviderAdmin(CusHistoryAdmin):
    list_display = ("name", "kind", "contracting_mode", "town", "active")
    list_filter = ("kind", "contracting_mode", "active")
    search_fields = ("name", "nip", "krs", "town")


@admin.register(Service)
class ServiceAdmin(CusHistoryAdmin):
    list_display = ("name", "unit", "is_free", "price_per_unit", "programme", "active")
    list_filter = ("active", "is_free", "kind", "areas", "target_groups", "programme")
    search_fields = ("name", "description")
    filter_horizontal = ("areas", "challenges", "target_groups", "providers")
    list_select_related = ("programme",)


@admin.register(Challenge, TargetGroup)
class DictionaryAdmin(CusModelAdmin):
    search_fields = ("name",)


@admin.register(StatutoryArea)
class StatutoryAreaAdmin(CusModelAdmin):
    list_display = ("order", "name")

    # The statutory areas are the law's list (a data migration keeps them).
    def may_add(self, request):
        return False

    def may_delete(self, request, obj):
        return False
