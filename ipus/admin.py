from django.contrib import admin

from cus.admin import CusHistoryAdmin
from ipus.models import NeedsAssessment, Person, Plan, Request


@admin.register(Person)
class PersonAdmin(CusHistoryAdmin):
    """Residents; every opened record is written to the access log."""

    access_logged = True
    list_display = ("last_name", "first_name", "birth_date", "town")
    search_fields = ("last_name", "first_name", "=pesel")
    list_filter = ("previous_social_assistance",)
    readonly_fields = ("sex", "version")


@admin.register(Request)
class RequestAdmin(CusHistoryAdmin):
    """Requests; the OUS reassigns coordinators here. Status changes only through the pages.

    A coordinator changes only their own open requests (cus.admin.CusModelAdmin); whose
    request it is and when it was filed stay as registered.
    """

    access_logged = True
    fixed_fields = ("person", "received_at")
    list_display = ("received_at", "person", "coordinator", "status")
    list_filter = ("status", "channel")
    list_select_related = ("person", "coordinator")
    search_fields = ("person__last_name", "=person__pesel")
    readonly_fields = ("status", "closed_at", "version")
    # Raw-id widgets: the autocomplete widget fails on a malformed posted id.
    raw_id_fields = ("person", "coordinator")

    def is_frozen(self, obj):
        # A closed request (a plan drawn up, handed off, refused …) records what happened.
        return not obj.is_open


@admin.register(NeedsAssessment)
class NeedsAssessmentAdmin(CusHistoryAdmin):
    """Assessments, read-mostly in the admin; the pages hold the workflow.

    Started only from its request's page (with the person's data as of that day); a
    coordinator changes only their own, until it is signed.
    """

    access_logged = True
    fixed_fields = ("request",)
    list_display = ("assessed_on", "request", "coordinator", "status")
    list_filter = ("status", "place")
    list_select_related = ("request__person", "coordinator")
    readonly_fields = ("status", "version", "person_snapshot", "document", "signed_scan")
    raw_id_fields = ("request", "coordinator")

    def may_add(self, request):
        return False


@admin.register(Plan)
class PlanAdmin(CusHistoryAdmin):
    """Plans; the OUS reassigns the coordinator here. Everything else goes through the pages
    (the workflow, the frozen documents and annexes), so it is read-only in the admin."""

    access_logged = True
    list_display = ("number", "request", "coordinator", "status", "approved_on")
    list_filter = ("status",)
    list_select_related = ("request__person", "coordinator")
    search_fields = ("=number", "request__person__last_name")
    fields = ("number", "request", "assessment", "coordinator", "status", "approved_on")
    readonly_fields = ("number", "request", "assessment", "status", "approved_on")
    raw_id_fields = ("coordinator",)

    def is_frozen(self, obj):
        # Nothing of a plan is changed here but its coordinator, by the OUS.
        return True

    def may_add(self, request):
        return False

    def may_delete(self, request, obj):
        return False
