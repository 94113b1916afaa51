"""A version's items: add, edit, delete, the capacity hint, the service card; the waiting list."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from cus.access import AccessLogMixin, log_access
from cus.choices import AccessAction
from cus.documents import gone
from cus.models import StaleObjectError
from cus.pdf import pdf_response
from cus.versioning import version_conflict
from ipus.capacity import capacity_for_item
from ipus.forms import PlanItemCapacityQuery, PlanItemForm, guess_per
from ipus.models import AssessmentServiceRow, Delivery, PlanItem, PlanVersion
from ipus.pdf import service_card_pdf_bytes
from ipus.views.versions import draft_version_or_redirect, version_or_404


def _item_form(request, version, instance=None, initial=None):
    return PlanItemForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        version=version,
        user=request.user,
        capacity_url=reverse("ipus:item-capacity", args=[version.pk]),
    )


def _initial_from_row(version, row_pk):
    row = (
        AssessmentServiceRow.objects.filter(
            pk=row_pk, assessment=version.plan.assessment_id, service__isnull=False
        )
        .select_related("service")
        .first()
        if str(row_pk).isdigit()
        else None
    )
    initial = {"starts_on": version.valid_from, "ends_on": version.valid_to}
    if row:
        initial.update(
            service=row.service,
            quantity=row.quantity or 1,
            per=guess_per(row.frequency),
            scope=row.service.description[:500] if row.service.description else "",
        )
        provider = row.service.providers.filter(active=True).first()
        if provider:
            initial["provider"] = provider
    initial.setdefault("place", _("Miejsce zamieszkania"))
    return initial


@permission_required("ipus.add_planitem", raise_exception=True)
def item_create(request, pk):
    version, stop = draft_version_or_redirect(request, pk)
    if stop:
        return stop
    form = _item_form(
        request, version, initial=_initial_from_row(version, request.GET.get("from_row", ""))
    )
    if request.method == "POST" and form.is_valid():
        item = form.save()
        messages.success(
            request,
            _("Dodano usługę: %(item)s%(waiting)s.")
            % {"item": item, "waiting": _(" — na liście oczekujących") if item.waiting else ""},
        )
        if "another" in request.POST:
            return redirect("ipus:item-create", pk=version.pk)
        return redirect(version)
    log_access(request, version)
    return render(request, "ipus/planitem_form.html", {"form": form, "version": version})


def _item_or_404(request, pk):
    return get_object_or_404(
        PlanItem.objects.filter(
            version__in=PlanVersion.objects.editable_by(request.user)
        ).select_related("version__plan__request__person", "service"),
        pk=pk,
    )


@permission_required("ipus.change_planitem", raise_exception=True)
def item_update(request, pk):
    item = _item_or_404(request, pk)
    version, stop = draft_version_or_redirect(request, item.version_id)
    if stop:
        return stop
    form = _item_form(request, version, instance=item)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except StaleObjectError as stale:
            conflict = version_conflict(request, form, stale)
        else:
            messages.success(request, _("Zapisano usługę."))
            return redirect(version)
    log_access(request, item)
    return render(
        request,
        "ipus/planitem_form.html",
        {"form": form, "version": version, "item": item, **conflict},
    )


@require_POST
@permission_required("ipus.delete_planitem", raise_exception=True)
def item_delete(request, pk):
    item = _item_or_404(request, pk)
    version, stop = draft_version_or_redirect(request, item.version_id)
    if stop:
        return stop
    if Delivery.objects.filter(line=item).exists():
        messages.error(request, _("Tej pozycji nie można usunąć: ma zapisane realizacje."))
        return redirect(version)
    item.delete()
    messages.success(request, _("Usunięto usługę z projektu."))
    return redirect(version)


@require_GET
@permission_required("ipus.add_planitem", raise_exception=True)
def item_capacity(request, pk):
    """htmx: the chosen service's remaining capacity for the chosen period."""
    version = version_or_404(request.user, pk, change=True)
    service = start = end = None
    form = PlanItemCapacityQuery(request.GET)
    capacity = None
    if form.is_valid():
        service, start, end = (form.cleaned_data[k] for k in ("service", "starts_on", "ends_on"))
        capacity = capacity_for_item(service, start, end, version, form.cleaned_data.get("item"))
    return render(
        request,
        "ipus/includes/_capacity.html",
        {"capacity": capacity, "service": service, "start": start, "end": end},
    )


@require_GET
@permission_required("ipus.view_planitem", raise_exception=True)
def item_card_pdf(request, pk):
    """Karta Usług for the provider: who, what, when, where, whom to contact — no health data."""
    item = get_object_or_404(
        PlanItem.objects.select_related(
            "service", "provider", "version__plan__request__person", "version__plan__coordinator"
        ),
        pk=pk,
    )
    plan = item.version.plan
    if plan.request.person.anonymised_at:
        return gone(request, anonymised_at=plan.request.person.anonymised_at)
    log_access(request, plan, AccessAction.PRINT)
    return pdf_response(service_card_pdf_bytes(item), f"karta-uslug-{item.pk}")


class WaitingListView(PermissionRequiredMixin, AccessLogMixin, ListView):
    """Items waiting for a place, per service, in filing order; each item shown is logged."""

    permission_required = "ipus.view_planitem"
    template_name = "ipus/waiting_list.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            PlanItem.objects.waiting_list()
            .select_related(
                "service", "version__plan__request__person", "version__plan__coordinator"
            )
            .order_by("service__name", "version__plan__request__received_at", "pk")
        )
