"""The Django admin as a working tool for OUS, KIPUS and the administrator.

``CusModelAdmin`` is the base every admin of the project uses (``CusTabularInline`` /
``CusStackedInline`` for inlines): the staff pages' rules enforced here too (whose case
may be changed, frozen records, the coordinator reassigned only by the OUS, statuses
only through the workflows), audit fields shown read-only and stamped on save,
sensible list defaults, and reads of personal data written to the access log exactly
as in the staff pages. tests/security/test_admin_rules.py checks every registered admin.
"""

from contextvars import ContextVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from simple_history.admin import SimpleHistoryAdmin

from cus import grants, roles
from cus.access import AccessLogAdminMixin
from cus.forms import AuthorisationDocumentForm
from cus.models import (
    AccessLog,
    AuditedModel,
    Authorisation,
    CentreProfile,
    RoleChange,
    StaleObjectError,
    User,
    VersionedModel,
)
from cus.status import STATUS_FIELD, StatusMachine

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


# Set while a recorded version (simple_history) is drawn: all of it is shown read-only.
_reading_history = ContextVar("cus_admin_history", default=False)


def _form_field_names(model):
    """The fields a model form of ``model`` may hold (every editable field the model declares)."""
    return [
        field.name
        for field in (*model._meta.fields, *model._meta.many_to_many)
        if field.editable and not field.auto_created
    ]


def _rule_fields(model, request, obj, reassignment_fields, fixed_fields, may_reassign, frozen):
    """The fields the pages' rules keep read-only for ``request.user`` on ``obj`` (None: an add page)."""
    names = []
    if issubclass(model, AuditedModel):
        names += AuditedModel.AUDIT_FIELDS
    if issubclass(model, StatusMachine):
        # The status moves only along the model's transition table, by the pages' workflow.
        names.append(STATUS_FIELD)
    if _reading_history.get():
        return names + _form_field_names(model)
    if obj is not None:
        names += fixed_fields
        if not may_reassign:
            names += reassignment_fields
        if frozen:
            names += [name for name in _form_field_names(model) if name not in reassignment_fields]
    return names


def _active_coordinators(current=None):
    """Who may coordinate a case: the active KIPUS, as on the request form (and ``current``)."""
    coordinators = Q(pk__in=User.objects.filter(groups__name=roles.KIPUS, is_active=True))
    if current is not None:
        coordinators |= Q(pk=current)
    return User.objects.filter(coordinators).order_by("last_name", "first_name", "pk")


ADMIN_CONFLICT = _(
    "Ktoś zapisał ten rekord, gdy go edytowałeś(-aś); nic nie zostało nadpisane. Twoje dane "
    "są w formularzu: porównaj je z zapisanymi (historia zmian) i zapisz ponownie, aby "
    "zastąpić nowszą wersję."
)


def versioned_form(form_class, model):
    """``form_class`` carrying the record's edit counter, as the pages' forms do
    (cus.versioning): a save of a version someone has saved over since the page was
    opened is refused with the input kept, and saving again replaces it deliberately."""
    counter = model.version_field

    def __init__(self, *args, **kwargs):
        super(form, self).__init__(*args, **kwargs)
        self.initial.setdefault(counter, getattr(self.instance, counter))

    def clean(self):
        cleaned = super(form, self).clean()
        opened = cleaned.get(counter)
        stored = (
            model._default_manager.filter(pk=self.instance.pk)
            .values_list(counter, flat=True)
            .first()
        )
        if opened is not None and stored is not None and opened != stored:
            data = self.data.copy()
            data[self.add_prefix(counter)] = stored
            self.data = data
            raise ValidationError(ADMIN_CONFLICT, code="stale")
        return cleaned

    form = type(
        form_class.__name__,
        (form_class,),
        {
            counter: forms.IntegerField(widget=forms.HiddenInput, min_value=1),
            "__init__": __init__,
            "clean": clean,
            "__module__": form_class.__module__,
        },
    )
    return form


class CusModelAdmin(AccessLogAdminMixin, admin.ModelAdmin):
    """Base admin of every model of the project: the staff pages' rules, enforced here too.

    - The lists and pages show what the staff pages show (the model's ``visible_to``
      queryset where it has one). A record is changed or deleted only by who may change
      it in the pages (the model's ``editable_by`` queryset where it has one: a KIPUS
      their own cases, the OUS every case), and never once it is frozen (``is_frozen``:
      signed, approved, closed; by default the model's own ``is_editable``, the pages'
      rule).
    - Who coordinates a case (``reassignment_fields``) is changed only by the OUS, frozen
      record or not, and only to an active KIPUS; on an add page it is picked as on the
      request form. ``fixed_fields`` are set when a record is added and read-only after.
    - The status of a ``StatusMachine`` model is read-only everywhere: it moves only
      along its transition table, through the pages' workflows.
    - Read-only fields are shown, not hidden. Subclasses adjust the rules through
      ``may_add``/``may_view``/``may_change``/``may_delete`` and ``is_frozen``, never
      ``has_*_permission`` (tests/security/test_admin_rules.py checks every admin).

    Set ``access_logged = True`` on admins of personal data: their lists (searches too),
    record pages, histories and recorded versions then write the access log, as the
    staff pages do (cus.access.AccessLogAdminMixin).
    """

    access_logged = False
    # A log kept as evidence (the access log, the role history): read, never added,
    # changed or deleted, by anyone (a superuser included).
    read_only = False
    reassignment_fields = ("coordinator",)
    fixed_fields = ()
    list_per_page = 50
    # Counting every row of a large table on each page view is wasted work.
    show_full_result_count = False
    save_on_top = True

    # --- The rules -------------------------------------------------------------------

    def may_add(self, request):
        return not self.read_only

    def may_view(self, request, obj):
        # The pages show every case to every role that reads cases.
        return True

    def may_change(self, request, obj):
        """Whether ``request.user`` may change anything of ``obj``: its content or its coordinator."""
        if self.read_only or not self.in_reach(request, obj):
            return False
        return not self.is_frozen(obj) or bool(
            self.may_reassign(request) and self.own_reassignment_fields()
        )

    def may_change_content(self, request, obj):
        """Whether ``request.user`` may change ``obj`` beyond its coordinator (and its inline rows)."""
        return not self.read_only and self.in_reach(request, obj) and not self.is_frozen(obj)

    def may_delete(self, request, obj):
        return self.may_change_content(request, obj)

    def is_frozen(self, obj):
        """Whether ``obj`` is past changing (signed, approved, closed), as the pages decide."""
        return not getattr(obj, "is_editable", True)

    def may_reassign(self, request):
        """Only the OUS hands a case to another coordinator."""
        return request.user.is_superuser or request.user.has_role(roles.OUS)

    def get_queryset(self, request):
        # The records the pages show the user (``visible_to`` where the model has it; the
        # pages show every case to every role that reads cases, so the case models do not).
        queryset = super().get_queryset(request)
        visible_to = getattr(queryset, "visible_to", None)
        return visible_to(request.user) if visible_to else queryset

    def changeable(self, request):
        """The records ``request.user`` may change in the pages (``editable_by`` where the model has it)."""
        queryset = self.model._default_manager.all()
        editable_by = getattr(queryset, "editable_by", None)
        return editable_by(request.user) if editable_by else queryset

    def in_reach(self, request, obj):
        if obj.pk is None:
            return True
        # Asked several times while one page is drawn: answered once per record and request.
        reach = request.__dict__.setdefault("_cus_admin_reach", {})
        key = (self.model, obj.pk)
        if key not in reach:
            reach[key] = self.changeable(request).filter(pk=obj.pk).exists()
        return reach[key]

    def own_reassignment_fields(self):
        names = _form_field_names(self.model)
        return [name for name in self.reassignment_fields if name in names]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self.may_add(request)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self.may_view(request, obj))

    def has_change_permission(self, request, obj=None):
        if self.read_only or not super().has_change_permission(request, obj):
            return False
        return obj is None or self.may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.read_only or not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.may_delete(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        ruled = _rule_fields(
            self.model,
            request,
            obj,
            self.own_reassignment_fields(),
            self.fixed_fields,
            self.may_reassign(request),
            obj is not None and self.is_frozen(obj),
        )
        fields += [name for name in dict.fromkeys(ruled) if name not in fields]
        if self.is_versioned(request, obj):
            # Shown read-only elsewhere; here the form carries it (hidden) to be checked.
            fields = [name for name in fields if name != self.model.version_field]
        return fields

    def is_versioned(self, request, obj):
        """Whether ``obj``'s form carries its edit counter (a versioned record to change)."""
        return (
            obj is not None
            and not _reading_history.get()  # a recorded version is only read
            and issubclass(self.model, VersionedModel)
            and self.has_change_permission(request, obj)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        counter = getattr(self.model, "version_field", None)
        if not self.is_versioned(request, obj) or counter in flatten_fieldsets(fieldsets):
            return fieldsets
        # Admins that list their fields (``fields``) draw the hidden counter too.
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": [*options["fields"], counter]}), *others]

    def get_form(self, request, obj=None, change=False, **kwargs):
        versioned = self.is_versioned(request, obj)
        if versioned:
            # The fieldsets name the counter (the form below declares it); the model's own
            # form may not, as it is not an editable field of the model. (fields=None: every
            # editable field, as ModelAdmin.get_fields asks.)
            if "fields" not in kwargs:
                kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
            if kwargs["fields"] is not None:
                counter = self.model.version_field
                kwargs["fields"] = [name for name in kwargs["fields"] if name != counter]
        form = super().get_form(request, obj, change=change, **kwargs)
        if versioned:
            form = versioned_form(form, self.model)
        reassignable = [name for name in self.own_reassignment_fields() if name in form.base_fields]
        if not reassignable:
            return form

        class CoordinatorChoices(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name in reassignable:
                    current = getattr(self.instance, f"{name}_id", None)
                    self.fields[name].queryset = _active_coordinators(current)

        CoordinatorChoices.__name__ = form.__name__
        return CoordinatorChoices

    # --- Forms and saving ------------------------------------------------------------

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
        try:
            return drawn_for(request, super().changeform_view, object_id, form_url, extra_context)
        except StaleObjectError:
            # Someone saved between this form's check and its save (milliseconds): nothing
            # was written (the view's transaction rolled back); the page is opened afresh.
            messages.error(request, ADMIN_CONFLICT)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if isinstance(obj, AuditedModel):
            obj.stamp(request.user)
        counter = getattr(obj, "version_field", None)
        if change and isinstance(obj, VersionedModel) and counter in form.cleaned_data:
            # The page's own rule: the conditional UPDATE of cus.models.VersionedModel.
            obj.save_checked(form.cleaned_data[counter])
            return
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


class CusInlineMixin:
    """Base of every inline: its rows change only while the parent record's content may.

    A frozen record's rows, or those of another coordinator's case, are shown read-only;
    a status and the audit fields of the rows are read-only, as in ``CusModelAdmin``.
    """

    # Rows kept as evidence (the role history): shown, never added, changed or deleted.
    read_only = False

    def _parent_allows(self, request, obj):
        if self.read_only:
            return False
        parent = self.admin_site._registry.get(self.parent_model)
        if obj is None or obj.pk is None or parent is None:
            return True
        return parent.has_change_permission(request) and parent.may_change_content(request, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._parent_allows(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_allows(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_allows(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        ruled = _rule_fields(self.model, request, None, (), (), True, False)
        return fields + [name for name in dict.fromkeys(ruled) if name not in fields]


class CusTabularInline(CusInlineMixin, admin.TabularInline):
    """A table of a record's rows, under ``CusInlineMixin``'s rules."""


class CusStackedInline(CusInlineMixin, admin.StackedInline):
    """A record's rows one under another, under ``CusInlineMixin``'s rules."""


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
        token = _reading_history.set(True)
        try:
            return drawn_for(
                request, super().history_form_view, object_id, version_id, extra_context
            )
        finally:
            _reading_history.reset(token)


def _valid_id_or_404(field, value):
    try:
        field.to_python(value)
    except ValidationError:
        raise Http404 from None


class StaffAccountForm(UserChangeForm):
    """A staff account's form; the roles it gives must keep the segregation of duties (cus.grants)."""

    # Who fills the form in: set per request by UserAdmin.get_form.
    editor = None

    def clean(self):
        cleaned = super().clean()
        if self.editor is None:
            return cleaned
        held_roles, held_permissions = grants.held_by(self.instance)
        role_names, permissions = held_roles, held_permissions
        if "groups" in self.fields and "groups" in cleaned:
            role_names = {group.name for group in cleaned["groups"]}
        if "user_permissions" in self.fields and "user_permissions" in cleaned:
            permissions = {
                f"{app_label}.{codename}"
                for app_label, codename in cleaned["user_permissions"].values_list(
                    "content_type__app_label", "codename"
                )
            }
        found = grants.problems(self.editor, self.instance, role_names, permissions)
        for field, message in found.items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned


class RoleChangeInline(CusTabularInline):
    """The account's history of roles and individual permissions, on its page."""

    model = RoleChange
    fk_name = "user"
    read_only = True
    fields = ("at", "kind", "what", "granted", "by")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("historia ról i uprawnień")

    @admin.display(description=_("rola lub uprawnienie"))
    def what(self, obj):
        return obj.label

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(User)
class UserAdmin(CusModelAdmin, DjangoUserAdmin):
    """Staff accounts; the administrator assigns roles but cannot create superusers.

    The roles given must keep the segregation of duties (``StaffAccountForm``, cus.grants),
    and every change of them is recorded with who made it (the history at the page's end).
    """

    form = StaffAccountForm
    inlines = [RoleChangeInline]
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

    def get_inlines(self, request, obj):
        # A new account has no history yet.
        return self.inlines if obj is not None else []

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.editor = request.user
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def may_change(self, request, obj):
        # Only a superuser may change a superuser account.
        return not obj.is_superuser or request.user.is_superuser

    def save_related(self, request, form, formsets, change):
        with grants.changes_by(request.user):
            super().save_related(request, form, formsets, change)

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

    def may_add(self, request):
        # There is exactly one centre profile.
        return not CentreProfile.objects.exists()

    def may_delete(self, request, obj):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(CusModelAdmin):
    """The log is evidence: it can be read, never edited or deleted."""

    read_only = True
    list_display = ("at", "user", "action", "content_type", "object_id", "ip_address")
    list_filter = ("action", "content_type")
    search_fields = ("object_id", "user__username", "user__last_name")
    date_hierarchy = "at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "content_type")


@admin.register(RoleChange)
class RoleChangeAdmin(CusModelAdmin):
    """Every role and individual permission given or taken away: read, never edited or deleted."""

    read_only = True
    list_display = ("at", "user", "kind", "what", "granted", "by")
    list_filter = ("kind", "granted")
    search_fields = ("user__username", "user__last_name", "name")
    date_hierarchy = "at"
    list_select_related = ("user", "by")

    @admin.display(description=_("rola lub uprawnienie"))
    def what(self, obj):
        return obj.label


class AuthorisationAdminForm(AuthorisationDocumentForm, forms.ModelForm):
    """The admin's authorisation: the signed document is asked for as on the register's
    page (an authorisation without one could never be saved on the page again)."""

    class Meta:
        model = Authorisation
        fields = ["user", "scope", "reference", "valid_from", "valid_to"]


@admin.register(Authorisation)
class AuthorisationAdmin(CusHistoryAdmin):
    """The register of authorisations (KPA art. 268a), kept by the director and the
    administrator, here or on the register's page (cus:authorisation-create)."""

    form = AuthorisationAdminForm
    list_display = ("user", "scope", "reference", "valid_from", "valid_to")
    list_filter = ("scope",)
    list_select_related = ("user",)
    search_fields = ("user__last_name", "user__username", "reference")
    readonly_fields = ("document", "version")
    raw_id_fields = ("user",)

    def save_model(self, request, obj, form, change):
        obj.attach(form.cleaned_data.get("document_file"), request.user)
        super().save_model(request, obj, form, change)

    def may_delete(self, request, obj):
        # A decision signed under it names it: the register keeps every authorisation.
        return False


# django-otp's admins say "Search by user's nazwa użytkownika or adres e-mail" (built from
# the field names when they are defined): the same in Polish. Imported here, before the
# admin's autodiscovery reaches them, which then finds them registered already.
OTP_SEARCH_HELP = _("Szukaj po nazwie użytkownika lub adresie e-mail.")
for otp_admin in (StaticDeviceAdmin, TOTPDeviceAdmin):
    otp_admin.search_help_text = OTP_SEARCH_HELP
