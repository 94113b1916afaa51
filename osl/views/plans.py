"""OSL plans: the list, the draft's edit form, the plan page, adoption, new versions, the PDF and
the schedule as XLSX.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from cus.documents import document_response
from cus.exports import xlsx_response
from cus.models import CentreProfile, StaleObjectError
from cus.pages import messages_for_errors
from cus.pdf import pdf_response
from cus.status import InvalidTransition
from cus.versioning import version_conflict
from osl.choices import Component, PlanStatus, SwotKind
from osl.forms import (
    AdoptForm,
    CopyForwardForm,
    GoalFormSet,
    NewVersionForm,
    OslPlanForm,
    ReportCorrectionForm,
    ReportForm,
    ReturnForm,
    SectionFormSet,
    StageFormSet,
    SwotFormSet,
)
from osl.imports import COLUMNS, export_rows
from osl.models import AnnualReport, OslPlan, OslPlanTransition
from osl.workflows import adopt, family, new_version, plan_document, return_for_changes, submit


def plan_or_404(pk, editable=False):
    plan = get_object_or_404(OslPlan, pk=pk)
    if editable and not plan.is_editable:
        raise Http404
    return plan


def draft_or_redirect(request, pk):
    plan = get_object_or_404(OslPlan, pk=pk)
    if not plan.is_editable:
        messages.error(
            request,
            _("Przyjęty plan zmienia się tylko nową wersją (aktualizacją)."),
        )
        return plan, redirect(plan)
    return plan, None


class PlanListView(PermissionRequiredMixin, ListView):
    permission_required = "osl.view_oslplan"
    template_name = "osl/plan_list.html"
    queryset = OslPlan.objects.for_list()
    paginate_by = 30


@permission_required("osl.add_oslplan", raise_exception=True)
def plan_create(request):
    form = OslPlanForm(request.POST or None)
    goals = GoalFormSet(request.POST or None, instance=form.instance, prefix="goals")
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        with transaction.atomic():
            form.instance.stamp(request.user)
            plan = form.save()
            goals.instance = plan
            goals.save()
        messages.success(
            request, _("Utworzono projekt planu. Dodaj rozdziały, społeczności i harmonogramy.")
        )
        return redirect(plan)
    return render(request, "osl/plan_form.html", {"form": form, "goals": goals})


@permission_required("osl.change_oslplan", raise_exception=True)
def plan_update(request, pk):
    plan, stop = draft_or_redirect(request, pk)
    if stop:
        return stop
    form = OslPlanForm(request.POST or None, instance=plan)
    goals = GoalFormSet(request.POST or None, instance=plan, prefix="goals")
    sections = SectionFormSet(request.POST or None, instance=plan, prefix="sections")
    swot = SwotFormSet(request.POST or None, instance=plan, prefix="swot")
    stages = StageFormSet(request.POST or None, instance=plan, prefix="stages")
    conflict = {}
    if request.method == "POST" and all(
        f.is_valid() for f in (form, goals, sections, swot, stages)
    ):
        try:
            with transaction.atomic():
                form.instance.stamp(request.user)
                form.save()
                goals.save()
                sections.save()
                swot.save()
                stages.save()
        except StaleObjectError as stale:
            conflict = version_conflict(request, form, stale)
        else:
            messages.success(request, _("Zapisano plan."))
            return redirect(plan)
    return render(
        request,
        "osl/plan_form.html",
        {
            "form": form,
            "plan": plan,
            "goals": goals,
            "sections": sections,
            "swot": swot,
            "stages": stages,
            **conflict,
        },
    )


@require_GET
@permission_required("osl.view_oslplan", raise_exception=True)
def plan_detail(request, pk):
    plan = get_object_or_404(
        OslPlan.objects.select_related(
            "previous", "based_on_summary", "created_by"
        ).prefetch_related(
            Prefetch("transitions", queryset=OslPlanTransition.objects.select_related("by"))
        ),
        pk=pk,
    )
    items = list(plan.schedule_items.for_table())
    communities = list(plan.communities.all())
    schedules = [(None, [i for i in items if i.community_id is None])] + [
        (community, [i for i in items if i.community_id == community.pk])
        for community in communities
    ]
    quarters = plan.quarters
    stages = list(plan.stages.all())
    matrix = [
        (stage, [stage.component_codes if q.slug in stage.quarters else "" for q in quarters])
        for stage in stages
    ]
    today = timezone.localdate()
    swot = {kind: [] for kind in SwotKind.values}
    for entry in plan.swot.all():
        swot[entry.kind].append(entry)
    return render(
        request,
        "osl/plan_detail.html",
        {
            "plan": plan,
            "goals": list(plan.goals.all()),
            "sections": list(plan.sections.all()),
            "swot": [(SwotKind(kind).label, entries) for kind, entries in swot.items()],
            "communities": communities,
            "schedules": schedules,
            "quarters": quarters,
            "matrix": matrix,
            "components": Component.choices,
            "versions": _lineage(plan),
            "report_rows": _report_rows(plan, today),
            "adopt_form": AdoptForm() if plan.status == PlanStatus.SUBMITTED else None,
            "return_form": ReturnForm(prefix="return")
            if plan.status == PlanStatus.SUBMITTED
            else None,
            "returned": plan.returned_with,
            "transitions": list(plan.transitions.all()),
            "new_version_form": NewVersionForm(prefix="version")
            if plan.status == PlanStatus.ADOPTED
            else None,
            "copy_form": CopyForwardForm(prefix="copy")
            if plan.status == PlanStatus.ADOPTED and _in_last_quarter(plan, today)
            else None,
            "report_form": ReportForm(
                plan=plan, prefix="report", initial={"period": _report_period(plan, today).slug}
            )
            if plan.status != PlanStatus.DRAFT
            else None,
            "today": today,
            "centre": CentreProfile.load(),
        },
    )


def _lineage(plan):
    """Every version of the plan, oldest first (``workflows.family``: one query for the tree)."""
    return list(OslPlan.objects.filter(pk__in=family(plan)).order_by("version_number", "pk"))


def _report_period(plan, today):
    """The plan year a report is most likely made for: the last one ended, else the first."""
    ended = [p for p in plan.report_periods if p.end < today]
    return ended[-1] if ended else plan.report_periods[0]


def _in_last_quarter(plan, today):
    """Next year's schedule is prepared in the last three months of the plan year."""
    return plan.plan_year_of(today).last_quarter_start <= today


def _report_rows(plan, today):
    """One row per plan year and per other period reported, across every version of the
    plan: the current report (with the form for its corrected version) and the earlier
    versions it replaced, or the deadline while none is made."""
    reports = list(
        AnnualReport.objects.filter(plan__in=family(plan)).order_by("period_start", "revision")
    )
    current = {r.period: r for r in reports if r.replaced_by_id is None}
    periods = sorted(set(plan.report_periods) | set(current))
    return [
        {
            "period": period,
            "deadline": period.deadline,
            "report": current.get(period),
            "earlier": [r for r in reports if r.period == period and r.replaced_by_id],
            "correct_form": ReportCorrectionForm(
                prefix=f"correct-{current[period].pk}",
                initial={"narrative": current[period].narrative},
            )
            if period in current
            else None,
        }
        for period in periods
    ]


@require_POST
@permission_required("osl.change_oslplan", raise_exception=True)
def plan_submit(request, pk):
    """The OSL organizer hands the draft to the director for adoption."""
    plan = plan_or_404(pk)
    try:
        submit(plan, request.user)
    except InvalidTransition:
        messages.error(request, _("Do przyjęcia przekazuje się projekt planu."))
        return redirect(plan)
    messages.success(
        request, _("Przekazano plan dyrektorowi do przyjęcia. Do czasu decyzji nie zmienia się go.")
    )
    return redirect(plan)


@require_POST
@permission_required("osl.adopt_oslplan", raise_exception=True)
def plan_return(request, pk):
    """The director returns the submitted plan to the organizer with comments."""
    plan = plan_or_404(pk)
    form = ReturnForm(request.POST, prefix="return")
    if not form.is_valid():
        messages_for_errors(request, form)
        return redirect(plan)
    try:
        return_for_changes(plan, form.cleaned_data["comments"], request.user)
    except InvalidTransition:
        messages.error(request, _("Zwrócić można tylko plan przekazany do przyjęcia."))
        return redirect(plan)
    messages.success(request, _("Zwrócono plan organizatorowi z uwagami."))
    return redirect(plan)


@require_POST
@permission_required("osl.adopt_oslplan", raise_exception=True)
def plan_adopt(request, pk):
    plan = plan_or_404(pk)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages_for_errors(request, form)
        return redirect(plan)
    try:
        plan = adopt(
            plan, form.cleaned_data["order_number"], form.cleaned_data["order_date"], request.user
        )
    except InvalidTransition:
        messages.error(
            request,
            _(
                "Przyjmuje się plan przekazany do przyjęcia; ten jest już przyjęty albo w projekcie."
            ),
        )
        return redirect(plan)
    messages.success(request, _("Plan przyjęto: %(order)s.") % {"order": plan.order_label})
    return redirect(plan)


@require_POST
@permission_required("osl.add_oslplan", raise_exception=True)
def plan_new_version(request, pk):
    plan = plan_or_404(pk)
    if plan.status != PlanStatus.ADOPTED:
        messages.error(request, _("Aktualizuje się plan przyjęty."))
        return redirect(plan)
    # The button is "copy-forward"; it once shared its name with the conclusions' text box,
    # whose text then came in as "1".
    copy_forward = "copy-forward" in request.POST
    form = (
        CopyForwardForm(request.POST, prefix="copy")
        if copy_forward
        else NewVersionForm(request.POST, prefix="version")
    )
    if not form.is_valid():
        messages_for_errors(request, form)
        return redirect(plan)
    if copy_forward:
        _period, years = plan.next_year_period(timezone.localdate())
        copy = new_version(
            plan,
            request.user,
            reason=_("Harmonogram na kolejny rok"),
            years=years,
            conclusions=form.cleaned_data["conclusions"],
        )
    else:
        copy = new_version(
            plan,
            request.user,
            reason=form.cleaned_data["reason"],
            summary=form.cleaned_data["summary"],
        )
    messages.success(
        request, _("Utworzono projekt nowej wersji planu; przyjęta wersja pozostaje bez zmian.")
    )
    return redirect(copy)


@require_GET
@permission_required("osl.view_oslplan", raise_exception=True)
def plan_pdf(request, pk):
    plan = get_object_or_404(OslPlan.objects.prefetch_related("transitions__document"), pk=pk)
    name = f"plan-osl-{plan.pk}"
    # Handed over or adopted: the stored document, exactly as the director read it.
    if frozen := plan.frozen_document:
        return document_response(request, frozen, None, filename=name)
    return pdf_response(plan_document(plan), name)


@require_GET
@permission_required("osl.view_scheduleitem", raise_exception=True)
def schedule_xlsx(request, pk):
    plan = get_object_or_404(OslPlan, pk=pk)
    return xlsx_response(
        f"harmonogram-osl-{plan.pk}",
        [(_("Harmonogram"), COLUMNS, list(export_rows(plan.schedule_items.for_table())))],
    )
