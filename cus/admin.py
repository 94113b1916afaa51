"""The Django admin as a working tool for OUS, KIPUS and the administrator.

``CusModelAdmin`` is the base the domain apps reuse: audit fields shown
read-only and stamped on save, sensible list defaults, and reads of personal
data written to the access log exactly as in the staff pages.
"""

from contextvars import ContextVar

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cus import roles
from cus.access import AccessLogAdminMixin
from cus.models import AccessLog, AuditedModel, CentreProfile, User

admin.site.site_header = _("CUS — panel administracyjny")
admin.site.site_title = _("CUS — panel administracyjny")
admin.site.index_title = _("Dane systemu")


# The request whose change form is being drawn, for the links of read-only fields.
_drawing_for = ContextVar("cus_admin_request", default=None)
_get_admin_url = helpers.AdminReadonlyField.get_admin_url


def _get_admin_url_if_viewable(self, remote_field, remote_obj):
    """A read-only relation links to the related record only for users who may view it.

    Django links every read-only foreign key (``created_by``, a frozen plan's
    coordinator …) to the related change page unchecked: a KIPUS was shown links to
    user accounts that answer 403.
    """
    request = _drawing_for.get()
    if request is not None and not may_view_related(
        self.model_admin.admin_site, remote_field.model, request, remote_obj
    ):
        return str(remote_obj)
    return _get_admin_url(self, remote_field, remote_obj)


helpers.AdminReadonlyField.get_admin_url = _get_admin_url_if_viewable


def drawn_for(request, view, *args):
    """``view(request, *args)``, rendered while read-only fields can see who asks."""
    token = _drawing_for.set(request)
    try:
        response = view(request, *args)
        if hasattr(response, "render"):
            response.render()
        return response
    finally:
        _drawing_for.reset(token)


def may_view_related(admin_site, model, request, obj=None):
    """Whether ``request.user`` may open ``model``'s admin pages (``obj``'s, when given)."""
    related_admin = admin_site._registry.get(model)
    return related_admin is not None and related_admin.has_view_permission(request, obj)


class CusModelAdmin(AccessLogAdminMixin, admin.ModelAdmin):
    """Base admin for domain models.

    Set ``access_logged = True`` on admins of personal data: their lists (searches too),
    record pages, histories and recorded versions then write the access log, as the
    staff pages do (cus.access.AccessLogAdminMixin).
    """

    list_per_page = 50
    # Counting every row of a large table on each page view is wasted work.
    show_full_result_count = False
    save_on_top = True

    def get_changeform_initial_data(self, request):
        # "?person=abc" on an add page would reach the related-object widgets as an
        # id and fail; malformed ids are dropped instead.
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation:
                continue
            values = value if isinstance(value, list) else [value]
            try:
                for item in values:
                    field.target_field.to_python(item)
            except ValidationError:
                del initial[name]
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A raw-id input links to a lookup list and to the related record's page; for
        # a user who may not open those (a KIPUS and user accounts) a select box instead.
        if db_field.name in self.raw_id_fields and not may_view_related(
            self.admin_site, db_field.remote_field.model, request
        ):
            kwargs.setdefault("widget", forms.Select)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return drawn_for(request, super().changeform_view, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, AuditedModel):
            fields += [f for f in AuditedModel.AUDIT_FIELDS if f not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        if isinstance(obj, AuditedModel):
            obj.stamp(request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, AuditedModel):
                instance.stamp(request.user)
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class CusHistoryAdmin(CusModelAdmin, SimpleHistoryAdmin):
    """Base admin for models that keep their change history (django-simple-history)."""

    # simple_history looks the ids up unchecked; a malformed id in the URL must be
    # a 404, not a server error.
    def history_view(self, request, object_id, extra_context=None):
        _valid_id_or_404(self.model._meta.pk, unquote(object_id))
        if not may_view_related(self.admin_site, User, request):
            # The "changed by" column links to user accounts only for who may open them.
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A recorded version is for reading: restoring it would write back statuses,
        # numbers and dates around the transition tables and the version counter
        # (SIMPLE_HISTORY_REVERT_DISABLED hides the button; the POST is refused here).
        if request.method == "POST":
            raise PermissionDenied
        _valid_id_or_404(self.model._meta.pk, unquote(object_id))
        _valid_id_or_404(self.model.history.model._meta.pk, unquote(version_id))
        return drawn_for(request, super().history_form_view, object_id, version_id, extra_context)


def _valid_id_or_404(field, value):
    try:
        field.to_python(value)
    except ValidationError:
        raise Http404 from None


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Staff accounts; the administrator assigns roles but cannot create superusers."""

    list_display = (
        "username",
        "last_name",
        "first_name",
        "email",
        "roles_display",
        "is_active",
    )
    list_filter = ("groups", "is_active", "is_staff")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Dane osobowe"),
            {"fields": ("first_name", "last_name", "email", "phone", "job_title")},
        ),
        (
            _("Role i uprawnienia"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Ważne daty"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    @admin.display(description=_("role"))
    def roles_display(self, obj):
        return ", ".join(sorted(group.name for group in obj.groups.all()))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def has_change_permission(self, request, obj=None):
        # Only a superuser may change a superuser account.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "groups":
                kwargs["queryset"] = Group.objects.filter(name__in=roles.ROLES)
            elif db_field.name == "user_permissions":
                # The only individual grant: the director's IPUS approval, for an OUS.
                app_label, codename = roles.APPROVE_IPUS.split(".")
                kwargs["queryset"] = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(CentreProfile)
class CentreProfileAdmin(CusHistoryAdmin):
    list_display = ("name", "town", "phone", "email", "director_name")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CentreProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(CusModelAdmin):
    """The log is evidence: it can be read, never edited or deleted."""

    list_display = ("at", "user", "action", "content_type", "object_id", "ip_address")
    list_filter = ("action", "content_type")
    search_fields = ("object_id", "user__username", "user__last_name")
    date_hierarchy = "at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "content_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
