"""A draft plan's communities and schedule items (with their indicators); an item's page with its
activities.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from cus.models import StaleObjectError
from cus.versioning import version_conflict
from osl.forms import CommunityForm, IndicatorFormSet, ScheduleItemForm
from osl.models import Community, ScheduleItem
from osl.views.plans import draft_or_redirect


@permission_required("osl.add_community", raise_exception=True)
def community_edit(request, pk, community_pk=None):
    plan, stop = draft_or_redirect(request, pk)
    if stop:
        return stop
    community = get_object_or_404(Community, pk=community_pk, plan=plan) if community_pk else None
    form = CommunityForm(request.POST or None, instance=community)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        form.instance.plan = plan
        try:
            form.save()
        except StaleObjectError as stale:
            conflict = version_conflict(request, form, stale)
        else:
            messages.success(request, _("Zapisano społeczność."))
            return redirect(plan)
    return render(request, "osl/community_form.html", {"form": form, "plan": plan, **conflict})


@permission_required("osl.add_scheduleitem", raise_exception=True)
def item_edit(request, pk, item_pk=None):
    plan, stop = draft_or_redirect(request, pk)
    if stop:
        return stop
    item = get_object_or_404(ScheduleItem, pk=item_pk, plan=plan) if item_pk else None
    initial = {}
    if not item and request.GET.get("community", "").isdigit():
        initial["community"] = request.GET["community"]
    form = ScheduleItemForm(request.POST or None, instance=item, plan=plan, initial=initial)
    indicators = IndicatorFormSet(request.POST or None, instance=form.instance, prefix="indicators")
    conflict = {}
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        try:
            with transaction.atomic():
                saved = form.save()
                indicators.instance = saved
                indicators.save()
        except StaleObjectError as stale:
            conflict = version_conflict(request, form, stale)
        else:
            messages.success(request, _("Zapisano pozycję harmonogramu."))
            if "another" in request.POST:
                return redirect(f"{request.path}?community={saved.community_id or ''}")
            return redirect(plan)
    return render(
        request,
        "osl/item_form.html",
        {"form": form, "indicators": indicators, "plan": plan, "item": item, **conflict},
    )


@require_GET
@permission_required("osl.view_scheduleitem", raise_exception=True)
def item_detail(request, pk):
    item = get_object_or_404(ScheduleItem.objects.select_related("plan", "community"), pk=pk)
    return render(
        request,
        "osl/item_detail.html",
        {
            "item": item,
            "indicators": list(item.indicators.all()),
            "activities": list(
                item.activities.select_related("created_by").prefetch_related("evidence")
            ),
        },
    )
