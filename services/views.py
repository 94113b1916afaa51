from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView

from cus import reports
from cus.documents import document_response
from cus.exports import csv_response, xlsx_response
from cus.models import CentreProfile
from cus.pages import messages_for_errors
from cus.status import InvalidTransition
from cus.versioning import VersionConflictMixin
from cus.views import AuditedFormMixin, PagedListMixin
from services.choices import ProgrammeStatus
from services.filters import PublicServiceFilter, ServiceFilter
from services.forms import (
    ProgrammeEntryForm,
    ProgrammeForm,
    ProgrammeGoalFormSet,
    ProviderForm,
    ServiceForm,
)
from services.models import Programme, ProgrammeEntry, Provider, Service, attach_table_names

EXPORT_HEADERS = (
    _("Nazwa usługi"),
    _("Opis"),
    _("Obszary (art. 2 ustawy)"),
    _("Grupy docelowe"),
    _("Realizatorzy"),
    _("Program"),
    _("Miejsce"),
    _("Jednostka"),
    _("Dostępność"),
    _("Bezpłatna"),
    _("Cena za jednostkę (zł)"),
    _("Limit jednostek"),
    _("Okres limitu"),
    _("Aktywna"),
)


def export_rows(services):
    for service in attach_table_names(services):
        yield (
            service.name,
            service.description,
            service.area_names,
            service.target_group_names,
            service.provider_names,
            service.programme.name if service.programme else "",
            service.place,
            service.get_unit_display(),
            " ".join(filter(None, (service.availability_display, service.availability_note))),
            _("tak") if service.is_free else _("nie"),
            service.price_per_unit,
            service.capacity_units,
            service.get_capacity_period_display(),
            _("tak") if service.active else _("nie"),
        )


def _when(service):
    days = service.availability_display or _("w uzgodnionych terminach")
    return " ".join(str(part) for part in (days, service.availability_note) if part)


def _fee(service):
    if service.is_free:
        return _("bezpłatna")
    price = number_format(service.price_per_unit, decimal_pos=2)
    fee = f"{price} {_('zł')} / {service.get_unit_display()}"
    return "\n".join(part for part in (fee, service.discount_rules) if part)


# What the public service page shows (services/public/service_detail.html), in its order,
# and nothing else: the public export's columns are this list (nothing internal leaves
# the public pages through a file: no limits, no status).
PUBLIC_HEADING = (
    (_("Nazwa usługi"), lambda service: service.name),
    (_("Opis"), lambda service: service.description),
)
PUBLIC_DETAILS = (
    (_("Cel"), lambda service: service.goal),
    (_("Dla kogo"), lambda service: service.target_group_names or _("dla wszystkich mieszkańców")),
    (_("Obszar"), lambda service: service.area_names),
    (_("Gdzie"), lambda service: service.place),
    (_("Kiedy"), _when),
    (_("Odpłatność"), _fee),
    (_("Realizator"), lambda service: service.provider_names),
)
PUBLIC_COLUMNS = PUBLIC_HEADING + PUBLIC_DETAILS


def public_rows(services):
    for service in attach_table_names(services):
        yield tuple(str(value(service)) for _label, value in PUBLIC_COLUMNS)


class CatalogueExportMixin:
    """?format=xlsx or ?format=csv on a service list exports the filtered rows."""

    export_name = "katalog-uslug"
    export_headers = EXPORT_HEADERS
    export_rows = staticmethod(export_rows)

    def get(self, request, *args, **kwargs):
        export = request.GET.get("format")
        if export not in ("xlsx", "csv"):
            return super().get(request, *args, **kwargs)
        filterset = self.get_filterset(self.get_filterset_class())
        services = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        rows = self.export_rows(services)
        if export == "csv":
            return csv_response(self.export_name, self.export_headers, rows)
        return xlsx_response(self.export_name, [(_("Usługi"), self.export_headers, rows)])


# --- Staff pages ------------------------------------------------------------------


class ServiceListView(PermissionRequiredMixin, CatalogueExportMixin, PagedListMixin, FilterView):
    """The catalogue as staff see it, archived services included on request."""

    permission_required = "services.view_service"
    filterset_class = ServiceFilter
    template_name = "services/service_list.html"
    partial_template_name = "services/includes/_service_table.html"

    def get_queryset(self):
        if self.request.GET.get("format") in ("xlsx", "csv"):
            return Service.objects.for_list()  # the export's every column
        # The table's columns only (services/includes/_service_table.html); the names of
        # the page's services are attached below with one query.
        return Service.objects.for_table()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attach_table_names(context["object_list"])
        return context


class ServiceDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "services.view_service"
    template_name = "services/service_detail.html"

    def get_queryset(self):
        return (
            Service.objects.for_list()
            .prefetch_related(
                "challenges",
                Prefetch(
                    "programme_entries",
                    ProgrammeEntry.objects.select_related("programme", "target_group"),
                ),
            )
            .select_related("regulations")
        )


class ServiceFormMixin(AuditedFormMixin):
    model = Service
    form_class = ServiceForm
    template_name = "services/service_form.html"
    success_message = _("Zapisano usługę „%(object)s”.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class ServiceCreateView(PermissionRequiredMixin, ServiceFormMixin, CreateView):
    permission_required = "services.add_service"


class ServiceUpdateView(
    PermissionRequiredMixin, ServiceFormMixin, VersionConflictMixin, UpdateView
):
    permission_required = "services.change_service"


@require_POST
@permission_required("services.change_service", raise_exception=True)
def service_set_active(request, pk, active):
    """Archive a service (it leaves the public catalogue) or bring it back."""
    service = get_object_or_404(Service, pk=pk)
    service.active = active
    service.stamp(request.user)
    service.save(update_fields=["active", "updated_at", "updated_by"])
    if active:
        messages.success(request, _("Przywrócono usługę „%(name)s”.") % {"name": service.name})
    else:
        messages.success(
            request,
            _("Zarchiwizowano usługę „%(name)s”: nie jest już widoczna w katalogu publicznym.")
            % {"name": service.name},
        )
    return redirect(service)


class ProviderListView(PermissionRequiredMixin, PagedListMixin, ListView):
    permission_required = "services.view_provider"
    template_name = "services/provider_list.html"

    def get_queryset(self):
        queryset = Provider.objects.annotate(
            service_count=Count("services", filter=Q(services__active=True))
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(Q(name__icontains=query) | Q(town__icontains=query))
        if self.request.GET.get("active") != "all":
            queryset = queryset.filter(active=True)
        return queryset.order_by("name")


class ProviderDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "services.view_provider"
    template_name = "services/provider_detail.html"
    queryset = Provider.objects.prefetch_related(
        Prefetch("services", Service.objects.order_by("-active", "name"))
    )


class ProviderFormMixin(AuditedFormMixin):
    model = Provider
    form_class = ProviderForm
    template_name = "services/provider_form.html"
    success_message = _("Zapisano realizatora „%(object)s”.")


class ProviderCreateView(PermissionRequiredMixin, ProviderFormMixin, CreateView):
    permission_required = "services.add_provider"


class ProviderUpdateView(
    PermissionRequiredMixin, ProviderFormMixin, VersionConflictMixin, UpdateView
):
    permission_required = "services.change_provider"


class ProgrammeListView(PermissionRequiredMixin, ListView):
    permission_required = "services.view_programme"
    template_name = "services/programme_list.html"
    queryset = Programme.objects.annotate(service_count=Count("entries__service", distinct=True))


# The button and its confirmation for each status a programme may move to.
STATUS_ACTIONS = {
    ProgrammeStatus.IN_FORCE: (
        _("Program w mocy"),
        _("Oznaczyć program jako obowiązujący (po uchwale rady)?"),
    ),
    ProgrammeStatus.ENDED: (
        _("Zakończ program"),
        _("Zakończyć program? Jego usługi zostaną w katalogu, ale program nie będzie już w mocy."),
    ),
}


class ProgrammeDetailView(PermissionRequiredMixin, DetailView):
    """The programme in the seed's shape: goals, then services per target group."""

    permission_required = "services.view_programme"
    template_name = "services/programme_detail.html"
    queryset = Programme.objects.prefetch_related("goals")

    def get_context_data(self, **kwargs):
        entries = (
            ProgrammeEntry.objects.filter(programme=self.object)
            .select_related("target_group", "service")
            .prefetch_related("service__areas", "service__providers")
        )
        groups = {}
        for entry in entries:
            groups.setdefault(entry.target_group, []).append(entry)
        return super().get_context_data(
            groups=list(groups.items()),
            entry_form=ProgrammeEntryForm(programme=self.object),
            status_actions=[
                (status, *STATUS_ACTIONS[status]) for status in self.object.available_transitions()
            ],
            **kwargs,
        )


class ProgrammeFormMixin:
    model = Programme
    form_class = ProgrammeForm
    template_name = "services/programme_form.html"

    def get_context_data(self, **kwargs):
        if "goals" not in kwargs:
            kwargs["goals"] = ProgrammeGoalFormSet(
                self.request.POST or None, instance=self.object or Programme()
            )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        goals = ProgrammeGoalFormSet(self.request.POST, instance=form.instance)
        if not goals.is_valid():
            return self.render_to_response(self.get_context_data(form=form, goals=goals))
        form.instance.stamp(self.request.user)
        with transaction.atomic():
            self.object = form.save()
            goals.instance = self.object
            goals.save()
        messages.success(self.request, _("Zapisano program."))
        return redirect(self.object)


class ProgrammeCreateView(PermissionRequiredMixin, ProgrammeFormMixin, CreateView):
    permission_required = "services.add_programme"

    def get_object(self):
        return None


class ProgrammeUpdateView(
    PermissionRequiredMixin, VersionConflictMixin, ProgrammeFormMixin, UpdateView
):
    permission_required = "services.change_programme"


@require_POST
@permission_required("services.change_programme", raise_exception=True)
def programme_status(request, pk):
    """The OUS's "W mocy" / "Zakończ" buttons: the programme's status moves along its table."""
    programme = get_object_or_404(Programme, pk=pk)
    target = request.POST.get("status", "")
    try:
        programme.set_status(target, request.user)
    except InvalidTransition:
        messages.error(request, _("Tej zmiany statusu nie można wykonać."))
    else:
        messages.success(
            request,
            _("Program ma teraz status: %(status)s.") % {"status": programme.get_status_display()},
        )
    return redirect(programme)


@require_POST
@permission_required("services.change_programme", raise_exception=True)
def programme_entry_add(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    form = ProgrammeEntryForm(request.POST, programme=programme)
    if form.is_valid():
        form.save()
        messages.success(request, _("Dodano usługę do programu."))
    else:
        messages_for_errors(request, form)
    return redirect(programme)


@require_POST
@permission_required("services.change_programme", raise_exception=True)
def programme_entry_remove(request, pk, entry_pk):
    entry = get_object_or_404(ProgrammeEntry, pk=entry_pk, programme_id=pk)
    entry.delete()
    messages.success(request, _("Usunięto usługę z programu."))
    return redirect("services:programme-detail", pk=pk)


def _period(request):
    """The capacity page's period from ?year=&quarter=&month= (defaults: this quarter)."""
    today = date.today()
    try:
        year = int(request.GET.get("year") or today.year)
        quarter = int(request.GET.get("quarter") or 0)
        month = int(request.GET.get("month") or 0)
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100 or not 0 <= quarter <= 4 or not 0 <= month <= 12:
        raise Http404
    if not request.GET:
        quarter = (today.month - 1) // 3 + 1
    if month:
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1)
    elif quarter:
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + quarter // 4, (3 * quarter) % 12 + 1, 1)
    else:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    return start, end - timedelta(days=1), {"year": year, "quarter": quarter, "month": month}


def capacity_table_html(start, end):
    """The capacity table as HTML, rendered once per change of its data (cus.reports).

    Rendering 150 services' rows cost more than reading their cached numbers (issue 8);
    the table shows nothing that depends on who views it, and every table it reads
    (services, plans, items, deliveries) is stamped, so it is never stale.
    """

    def render(start, end, _language):
        services = Service.objects.active().order_by("name").capacity_table(start, end)
        return render_to_string("services/includes/_capacity_table.html", {"services": services})

    return mark_safe(  # rendered by our template with autoescaping
        reports.cached("capacity-html", render, start, end, get_language())
    )


class CapacityView(PermissionRequiredMixin, TemplateView):
    """Per service and period: limit, persons using, units granted, used and remaining."""

    permission_required = "services.view_service"
    template_name = "services/capacity.html"

    def get_context_data(self, **kwargs):
        start, end, chosen = _period(self.request)
        return super().get_context_data(
            table=capacity_table_html(start, end),
            start=start,
            end=end,
            chosen=chosen,
            years=range(date.today().year - 3, date.today().year + 2),
            **kwargs,
        )


# --- Public catalogue (no login) ------------------------------------------------------


@method_decorator(login_not_required, name="dispatch")
class PublicCatalogueView(CatalogueExportMixin, PagedListMixin, FilterView):
    """The residents' catalogue: active services, nothing internal."""

    filterset_class = PublicServiceFilter
    template_name = "services/public/catalogue.html"
    partial_template_name = "services/public/includes/_results.html"
    export_name = "katalog-uslug-spolecznych"
    export_headers = tuple(label for label, _value in PUBLIC_COLUMNS)
    export_rows = staticmethod(public_rows)

    def get_queryset(self):
        return Service.objects.public().for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(centre=CentreProfile.load(), **kwargs)
        attach_table_names(context["object_list"])
        return context


@method_decorator(login_not_required, name="dispatch")
class PublicServiceDetailView(DetailView):
    template_name = "services/public/service_detail.html"

    def get_queryset(self):
        return Service.objects.public().for_list().prefetch_related("challenges")

    def get_context_data(self, **kwargs):
        details = [(label, value(self.object)) for label, value in PUBLIC_DETAILS]
        return super().get_context_data(centre=CentreProfile.load(), details=details, **kwargs)


@login_not_required
@require_GET
def public_regulations(request, pk):
    """A service's regulations (a public document) for an active service."""
    service = get_object_or_404(Service.objects.public().select_related("regulations"), pk=pk)
    if service.regulations is None:
        raise Http404
    return document_response(
        request, service.regulations, None, filename=f"regulamin-{service.name}"
    )
