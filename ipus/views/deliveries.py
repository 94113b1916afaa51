"""Deliveries of a plan's items: one month at a time on the plan page, or a provider's CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cus.plurals import counted
from ipus.capacity import delivery_summary
from ipus.forms import DeliveryForm, DeliveryImportForm
from ipus.imports import import_deliveries, parse_delivery_csv
from ipus.models import Plan
from ipus.views.plans import PlanDetailView, plans_for
from ipus.workflows import record_delivery


@require_POST
@permission_required("ipus.add_delivery", raise_exception=True)
def delivery_save(request, pk):
    plan = get_object_or_404(
        plans_for(request.user, change=True).select_related("current_version"), pk=pk
    )
    if plan.status not in Plan.LIVE_STATUSES:
        messages.error(request, _("Realizacje wpisuje się do planu podpisanego i w realizacji."))
        return redirect(plan)
    items = delivery_summary(plan)
    form = DeliveryForm(request.POST, items=items, prefix="delivery")
    if not form.is_valid():
        return PlanDetailView.render_with(request, pk, delivery_form=form)
    item = form.cleaned_data["item"]
    record_delivery(
        item,
        form.cleaned_data["month"],
        form.cleaned_data["units"],
        request.user,
        note=form.cleaned_data["note"],
    )
    if form.cleaned_data["units"] > item.month_allowance(form.cleaned_data["month"]):
        messages.warning(
            request,
            _(
                "Uwaga: w tym miesiącu zrealizowano więcej, niż przewiduje harmonogram (%(allowed)s)."
            )
            % {
                "allowed": counted(
                    item.month_allowance(form.cleaned_data["month"]), item.service.unit_forms
                )
            },
        )
    messages.success(request, _("Zapisano realizację."))
    return redirect(plan)


@permission_required("ipus.add_delivery", raise_exception=True)
def delivery_import(request):
    """A provider's monthly CSV: validated row by row; all rows are stored, or none."""
    form = DeliveryImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        rows, errors = parse_delivery_csv(
            form.cleaned_data["file"], plans_for(request.user, change=True)
        )
        if not errors:
            count = import_deliveries(rows, request.user)
            messages.success(
                request, _("Wczytano %(rows)s realizacji.") % {"rows": counted(count, "wiersz")}
            )
            return redirect("ipus:delivery-import")
    return render(request, "ipus/delivery_import.html", {"form": form, "errors": errors})
