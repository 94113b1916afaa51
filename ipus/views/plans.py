"""Plans (IPUS): the list, drawing one up from an assessment, the plan page, annexes, termination,
closure and monitoring contacts.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from cus import reports, signing
from cus.access import AccessLogMixin, log_access
from cus.dates import add_months, month_start
from cus.documents import document_response
from cus.pages import DetailFormsMixin
from cus.views import PagedListMixin
from ipus.capacity import delivery_months, delivery_summary
from ipus.choices import AssessmentStatus, PlanStatus, RequestStatus
from ipus.filters import PlanFilter
from ipus.forms import (
    ClosureForm,
    DeliveryForm,
    MonitoringContactForm,
    PlanVersionForm,
    TerminateForm,
)
from ipus.models import InvalidTransition, MonitoringContact, Plan, PlanVersion
from ipus.models.plans import merged_history
from ipus.views.assessments import assessment_or_404
from ipus.workflows import (
    PlanError,
    close_plan,
    create_plan,
    record_contact,
    start_annex,
    terminate_plan,
)


def plans_for(user, change=False):
    return Plan.objects.editable_by(user) if change else Plan.objects.all()


class PlanListView(PermissionRequiredMixin, AccessLogMixin, PagedListMixin, FilterView):
    """Plans, newest first, filtered; the page's rows are written to the access log."""

    permission_required = "ipus.view_plan"
    template_name = "ipus/plan_list.html"
    filterset_class = PlanFilter

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_queryset(self):
        return Plan.objects.for_table().order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        # Counting ~60 000 plans costs ~10 ms at metro scale: the list's total and the
        # breaches are counted once per data change (cus.reports; the plan table is
        # stamped, so the numbers are never stale), and both read in one query.
        with reports.read_ahead(
            ("plan-approval-breaches", today), reports.count_entry(self.object_list)
        ):
            context = super().get_context_data(**kwargs)
            context["breaches"] = reports.cached(
                "plan-approval-breaches",
                lambda day: Plan.objects.approval_breached(day).count(),
                today,
            )
        for plan in context["object_list"]:
            plan.deadline_status = plan.deadline_state(today)
        context["today"] = today
        return context


@permission_required("ipus.add_plan", raise_exception=True)
def plan_create(request, pk):
    """The plan drawn up from a completed assessment (pk: the assessment)."""
    assessment = assessment_or_404(pk, request.user)
    if hasattr(assessment, "plan"):
        return redirect(assessment.plan)
    if assessment.status == AssessmentStatus.DRAFT or assessment.request.status != (
        RequestStatus.ASSESSING
    ):
        messages.error(
            request, _("Plan sporządza się z zakończonego rozpoznania otwartego wniosku.")
        )
        return redirect(assessment)
    today = timezone.localdate()
    version = PlanVersion(
        valid_from=today,
        valid_to=add_months(today, 6) - timedelta(days=1),
        expected_improvement="",
    )
    form = PlanVersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        plan = create_plan(assessment, form, request.user)
        messages.success(
            request, _("Sporządzono projekt IPUS. Dodaj usługi z rozpoznania potrzeb.")
        )
        return redirect(plan.current_version)
    log_access(request, assessment)
    return render(
        request,
        "ipus/plan_form.html",
        {"form": form, "assessment": assessment, "person": assessment.request.person},
    )


class PlanDetailView(PermissionRequiredMixin, AccessLogMixin, DetailFormsMixin, DetailView):
    """The plan: status and 30-day clock, the version in force, versions, history, monitoring, deliveries."""

    permission_required = "ipus.view_plan"
    template_name = "ipus/plan_detail.html"
    # The page links the assessment and the closure PDF by id: their rows (the assessment's
    # health notes among them) are not loaded, and the query compiles ~40 columns fewer.
    queryset = Plan.objects.for_list()

    def get_context_data(self, **kwargs):
        plan, user = self.object, self.request.user
        can_change = user.has_perm("ipus.change_plan") and plan.is_editable_by(user)
        items = delivery_summary(plan) if plan.current_version else []
        versions = list(
            plan.versions.annotate(signed_copy_report=F("signed_copy__signature_report")).order_by(
                "number"
            )
        )
        for version in versions:
            version.signatures_trusted = signing.report_trusted(version.signed_copy_report)
        context = {
            "plan": plan,
            "person": plan.request.person,
            "deadline_status": plan.deadline_state(),
            "items": items,
            "delivery_months": delivery_months(items),
            # The versions and history show numbers, dates and names: no document rows, and
            # only those columns of the joined rows (each joined column is compiled and built
            # on every view; issue 8).
            # By number: the default order joins the plan to sort by its ordering first.
            # With the signed copy's signature report (a join, not a query a version).
            "versions": versions,
            "transitions": merged_history(
                plan.transitions.select_related("by", "plan_version").only(
                    "plan_id",
                    "from_status",
                    "to_status",
                    "at",
                    "note",
                    "by",
                    "by__username",
                    "by__first_name",
                    "by__last_name",
                    "plan_version",
                    "plan_version__number",
                    "plan_version__drawn_up_on",
                )
            ),
            # The contacts show the problem service's name and the author's name.
            "contacts": list(
                plan.contacts.select_related("problem_service", "created_by").only(
                    *(field.name for field in MonitoringContact._meta.concrete_fields),
                    "problem_service__name",
                    "created_by__username",
                    "created_by__first_name",
                    "created_by__last_name",
                )
            ),
            "can_change": can_change,
            "today": timezone.localdate(),
        }
        live = plan.status in Plan.LIVE_STATUSES
        if can_change and live:
            context["contact_form"] = self.page_form(
                "contact_form", MonitoringContactForm, plan=plan, prefix="contact"
            )
            context["delivery_form"] = self.page_form(
                "delivery_form",
                DeliveryForm,
                items=items,
                prefix="delivery",
                initial={"month": month_start(timezone.localdate())},
            )
        if (
            can_change
            and plan.status in Plan.TRANSITIONS
            and PlanStatus.TERMINATED in (Plan.TRANSITIONS[plan.status])
        ):
            context["terminate_form"] = self.page_form(
                "terminate_form", TerminateForm, prefix="terminate"
            )
        return super().get_context_data(**context, **kwargs)


@require_POST
@permission_required("ipus.add_planversion", raise_exception=True)
def plan_annex(request, pk):
    plan = get_object_or_404(plans_for(request.user, change=True), pk=pk)
    try:
        annex = start_annex(plan, request.user)
    except PlanError as error:
        messages.error(request, str(error))
        return redirect(plan)
    messages.info(
        request, _("Projekt aktualizacji: zmień usługi, podaj powód i przekaż do zatwierdzenia.")
    )
    return redirect(annex)


@require_POST
@permission_required("ipus.change_plan", raise_exception=True)
def plan_terminate(request, pk):
    plan = get_object_or_404(plans_for(request.user, change=True), pk=pk)
    form = TerminateForm(request.POST, prefix="terminate")
    if not form.is_valid():
        return PlanDetailView.render_with(request, pk, terminate_form=form)
    try:
        terminate_plan(plan, form.cleaned_data["reason"], request.user)
    except InvalidTransition:
        messages.error(request, _("Tego planu nie można przerwać w obecnym stanie."))
    else:
        messages.success(request, _("Przerwano realizację planu."))
    return redirect(plan)


@permission_required("ipus.change_plan", raise_exception=True)
def plan_close(request, pk):
    plan = get_object_or_404(plans_for(request.user, change=True).for_list(), pk=pk)
    if plan.status != PlanStatus.ACTIVE:
        messages.error(request, _("Zakończyć można tylko plan w realizacji."))
        return redirect(plan)
    form = ClosureForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        close_plan(plan, form, request.user)
        messages.success(request, _("Zakończono plan; opis przebiegu realizacji jest zamrożony."))
        return redirect(plan)
    log_access(request, plan)
    return render(
        request,
        "ipus/plan_close.html",
        {"form": form, "plan": plan, "items": delivery_summary(plan)},
    )


@require_GET
@permission_required("ipus.view_plan", raise_exception=True)
def plan_closure_pdf(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("closure_document"), pk=pk)
    if plan.closure_document is None:
        raise Http404
    return document_response(
        request, plan.closure_document, plan, filename=plan.closure_document.title
    )


@require_POST
@permission_required("ipus.add_monitoringcontact", raise_exception=True)
def contact_create(request, pk):
    plan = get_object_or_404(
        plans_for(request.user, change=True).select_related("current_version"), pk=pk
    )
    if plan.status not in Plan.LIVE_STATUSES:
        messages.error(request, _("Monitoruje się plan podpisany i w realizacji."))
        return redirect(plan)
    form = MonitoringContactForm(request.POST, plan=plan, prefix="contact")
    if not form.is_valid():
        return PlanDetailView.render_with(request, pk, contact_form=form)
    record_contact(plan, form, request.user)
    plan.refresh_from_db()
    messages.success(
        request,
        _("Zapisano kontakt. Następny do %(date)s.")
        % {"date": plan.next_contact_due.strftime("%d.%m.%Y")},
    )
    return redirect(plan)
