"""A draft plan's communities and schedule items (with their indicators): edited, deleted and
reordered before adoption, and loaded from a spreadsheet; an item's page with its activities.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from cus.models import StaleObjectError
from cus.versioning import version_conflict
from osl.forms import CommunityForm, IndicatorFormSet, ScheduleImportForm, ScheduleItemForm
from osl.imports import SCHEDULE_FORMAT, import_schedule
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
    return render(
        request,
        "osl/community_form.html",
        {"form": form, "plan": plan, "community": community, **conflict},
    )


@require_POST
@permission_required("osl.delete_community", raise_exception=True)
def community_delete(request, pk, community_pk):
    """A draft's community goes only when no schedule item points at it (they are moved or
    deleted first: nothing of the schedule disappears with it)."""
    plan, stop = draft_or_redirect(request, pk)
    if stop:
        return stop
    community = get_object_or_404(Community, pk=community_pk, plan=plan)
    items = community.schedule_items.count()
    if items:
        messages.error(
            request,
            _(
                "Społeczności „%(name)s” nie usunięto: ma pozycje harmonogramu (%(count)d). "
                "Usuń je albo przenieś do innej społeczności."
            )
            % {"name": community.name, "count": items},
        )
        return redirect(plan)
    community.delete()
    messages.success(request, _("Usunięto społeczność „%(name)s”.") % {"name": community.name})
    return redirect(plan)


@permission_required("osl.add_scheduleitem", raise_exception=True)
def item_edit(request, pk, item_pk=None):
    plan, stop = draft_or_redirect(request, pk)
    if stop:
        return stop
    item = get_object_or_404(ScheduleItem, pk=item_pk, plan=plan) if item_pk else None
    initial = {}
    if not item and request.GET.get("community", "").isdigit():
        community = plan.communities.filter(pk=request.GET["community"]).first()
        if community:
            initial["community"] = community
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


@require_POST
@permission_required("osl.delete_scheduleitem", raise_exception=True)
def item_delete(request, pk, item_pk):
    plan, stop = draft_or_redirect(request, pk)
    if stop:
        return stop
    item = get_object_or_404(ScheduleItem, pk=item_pk, plan=plan)
    if item.activities.exists():
        messages.error(request, _("Pozycji z zapisanymi działaniami nie usuwa się."))
        return redirect(plan)
    item.delete()
    messages.success(
        request,
        _("Usunięto pozycję %(number)d. „%(task)s”.") % {"number": item.number, "task": item.task},
    )
    return redirect(f"{plan.get_absolute_url()}#schedule-{item.community_id or 'gmina'}")


@require_POST
@permission_required("osl.change_scheduleitem", raise_exception=True)
def item_move(request, pk, item_pk):
    """Swaps the item's Lp. with its neighbour's above ("up") or below in the same schedule."""
    plan, stop = draft_or_redirect(request, pk)
    if stop:
        return stop
    with transaction.atomic():
        # Locked: two moves at once must not give two rows the same Lp.
        item = get_object_or_404(ScheduleItem.objects.select_for_update(), pk=item_pk, plan=plan)
        schedule = ScheduleItem.objects.select_for_update().filter(
            plan=plan, community=item.community
        )
        if request.POST.get("direction") == "up":
            neighbour = schedule.filter(number__lt=item.number).order_by("-number").first()
        else:
            neighbour = schedule.filter(number__gt=item.number).order_by("number").first()
        if neighbour:
            mine, theirs = item.number, neighbour.number
            # Through 0 (never a Lp.): the schedule's numbers stay unique at every step.
            ScheduleItem.objects.filter(pk=item.pk).update(number=0, version=F("version") + 1)
            ScheduleItem.objects.filter(pk=neighbour.pk).update(
                number=mine, version=F("version") + 1
            )
            ScheduleItem.objects.filter(pk=item.pk).update(number=theirs)
    return redirect(f"{plan.get_absolute_url()}#schedule-{item.community_id or 'gmina'}")


@permission_required("osl.add_scheduleitem", raise_exception=True)
def schedule_import(request, pk):
    """Rows of an XLSX in the export's own columns: all of them added, or none (with every
    row's errors)."""
    plan, stop = draft_or_redirect(request, pk)
    if stop:
        return stop
    form = ScheduleImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        added, errors = import_schedule(plan, form.cleaned_data["file"].data)
        if not errors:
            messages.success(
                request,
                _("Dodano pozycje harmonogramu z pliku: %(count)d.") % {"count": added},
            )
            return redirect(plan)
    return render(
        request,
        "osl/schedule_import.html",
        {"form": form, "plan": plan, "errors": errors, "format": SCHEDULE_FORMAT},
    )


@require_GET
@permission_required("osl.view_scheduleitem", raise_exception=True)
def item_detail(request, pk):
    item = get_object_or_404(
        ScheduleItem.objects.select_related("plan", "community", "specific_goal").prefetch_related(
            "partners"
        ),
        pk=pk,
    )
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
