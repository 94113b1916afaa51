"""How a plan is going: the progress dashboard by quarter and the annual reports."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from cus.access import log_access
from cus.choices import AccessAction
from cus.dates import Quarter
from cus.pages import messages_for_errors
from cus.pdf import pdf_response
from osl.choices import PlanStatus
from osl.forms import ReportCorrectionForm, ReportForm
from osl.models import AnnualReport
from osl.progress import cached_summary, item_progress
from osl.views.plans import plan_or_404
from osl.workflows import ReportExists, generate_report


@require_GET
@permission_required("osl.view_scheduleitem", raise_exception=True)
def plan_progress(request, pk):
    plan = plan_or_404(pk)
    quarter = Quarter.parse(request.GET.get("q"))
    if quarter and quarter not in plan.quarters:
        quarter = None
    # A large plan has hundreds of items: the totals cover them all (cached), the table
    # shows them 25 at a time like every list.
    # The pks as a list: the paginator counts them without a COUNT query.
    page = Paginator(
        list(
            plan.schedule_items.order_by("community__name", "area", "pk").values_list(
                "pk", flat=True
            )
        ),
        25,
    ).get_page(request.GET.get("page"))
    items = item_progress(plan, quarter, pks=list(page.object_list))
    return render(
        request,
        "osl/plan_progress.html",
        {
            "plan": plan,
            "quarter": quarter,
            "items": items,
            "summary": cached_summary(plan, quarter),
            "quarters": plan.quarters,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
        },
    )


@require_POST
@permission_required("osl.add_annualreport", raise_exception=True)
def report_create(request, pk):
    plan = plan_or_404(pk)
    form = ReportForm(request.POST, plan=plan, prefix="report")
    if plan.status == PlanStatus.DRAFT:
        messages.error(request, _("Sprawozdanie sporządza się z planu przyjętego."))
        return redirect(plan)
    if not form.is_valid():
        messages_for_errors(request, form)
        return redirect(plan)
    try:
        report = generate_report(
            plan, form.cleaned_data["report_period"], form.cleaned_data["narrative"], request.user
        )
    except ReportExists as exists:
        messages.error(
            request,
            _(
                "Za ten okres jest już sprawozdanie: %(report)s (okres %(period)s). Drugiego "
                "się nie sporządza; jeśli trzeba je poprawić, sporządź jego wersję poprawioną, "
                "która je zastąpi."
            )
            % {"report": exists.report, "period": exists.report.period},
        )
        return redirect(plan)
    messages.success(request, _("Sporządzono: %(report)s.") % {"report": report})
    return redirect(plan)


@require_POST
@permission_required("osl.add_annualreport", raise_exception=True)
def report_correct(request, pk):
    """A corrected version of a report: it replaces the report, which stays in the history."""
    report = get_object_or_404(AnnualReport.objects.select_related("plan"), pk=pk)
    if report.replaced_by_id:
        messages.error(request, _("To sprawozdanie zastąpiła już wersja poprawiona."))
        return redirect(report.plan)
    form = ReportCorrectionForm(request.POST, prefix=f"correct-{report.pk}")
    if not form.is_valid():
        messages_for_errors(request, form)
        return redirect(report.plan)
    try:
        corrected = generate_report(
            report.plan,
            report.period,
            form.cleaned_data["narrative"],
            request.user,
            replaces=report,
        )
    except ReportExists as exists:
        messages.error(
            request,
            _("Okres tego sprawozdania pokrywa się z okresem innego: %(report)s.")
            % {"report": exists.report},
        )
        return redirect(report.plan)
    messages.success(
        request,
        _("Sporządzono: %(report)s; poprzednia wersja pozostaje w historii.")
        % {"report": corrected},
    )
    return redirect(report.plan)


@require_GET
@permission_required("osl.view_annualreport", raise_exception=True)
def report_pdf(request, pk):
    report = get_object_or_404(AnnualReport.objects.select_related("document"), pk=pk)
    if report.document is None:
        raise Http404
    log_access(request, report.plan, AccessAction.PRINT)
    return pdf_response(
        report.document.read(), f"sprawozdanie-osl-{report.period_start:%Y%m%d}-v{report.revision}"
    )
