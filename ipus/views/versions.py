"""Versions of a plan (the first one and annexes): edit, submit, return, approve, the signed copy
and the PDFs; the director's work list.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from cus import signing, worklist
from cus.access import AccessLogMixin, log_access
from cus.choices import AccessAction
from cus.documents import document_response, gone
from cus.models import StaleObjectError
from cus.pages import DetailFormsMixin
from cus.pdf import pdf_response
from cus.versioning import prepare_conflict
from ipus.choices import VersionStatus
from ipus.forms import PlanVersionForm, ReturnForm, SignedCopyForm
from ipus.models import InvalidTransition, PlanVersion
from ipus.pdf import contract_pdf, version_context
from ipus.workflows import (
    PlanError,
    approve_version,
    attach_signed_copy,
    return_version,
    submit_version,
    suggested_items,
)


def version_or_404(user, pk, change=False):
    queryset = PlanVersion.objects.editable_by(user) if change else PlanVersion.objects.all()
    return get_object_or_404(
        queryset.select_related(
            "plan__request__person", "plan__coordinator", "plan__current_version", "document"
        ),
        pk=pk,
    )


def draft_version_or_redirect(request, pk):
    version = version_or_404(request.user, pk, change=True)
    if not version.is_editable:
        messages.error(request, _("Tę wersję już przekazano — zmienia się tylko projekt."))
        return version, redirect(version)
    return version, None


class VersionDetailView(PermissionRequiredMixin, AccessLogMixin, DetailFormsMixin, DetailView):
    """One version: its items (and waiting ones), the annex's changes, its workflow actions."""

    permission_required = "ipus.view_plan"
    template_name = "ipus/version_detail.html"
    queryset = PlanVersion.objects.select_related(
        "plan__request__person",
        "plan__coordinator",
        "document",
        "centre_signed",
        "signed_copy",
        "approved_by",
    )

    def get_context_data(self, **kwargs):
        version, user = self.object, self.request.user
        can_change = user.has_perm("ipus.change_plan") and version.plan.is_editable_by(user)
        approver = user.has_perm("cus.approve_ipus")
        own_plan = version.plan.coordinator_id == user.pk
        context = {
            **version_context(version),
            "can_change": can_change,
            # Never the plan's own coordinator (ipus.workflows.check_approver).
            "can_approve": approver and not own_plan,
            "approver_is_coordinator": approver and own_plan,
            "suggestions": suggested_items(version.plan)
            if can_change and version.is_editable
            else [],
            "deadline_status": version.plan.deadline_state(),
            "editable": can_change and version.is_editable,
        }
        if version.status == VersionStatus.APPROVED and can_change:
            context["signed_copy_form"] = self.page_form("signed_copy_form", SignedCopyForm)
        if version.status == VersionStatus.SUBMITTED and context["can_approve"]:
            context["return_form"] = self.page_form("return_form", ReturnForm)
        return super().get_context_data(**context, **kwargs)

    def get_logged_object(self):
        return self.object.plan


@permission_required("ipus.change_planversion", raise_exception=True)
def version_update(request, pk):
    version, stop = draft_version_or_redirect(request, pk)
    if stop:
        return stop
    form = PlanVersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        form.instance.stamp(request.user)
        try:
            form.save()
        except StaleObjectError as conflict:
            current = PlanVersion.objects.select_related("updated_by").get(pk=version.pk)
            log_access(request, version)
            return render(
                request,
                "ipus/plan_form.html",
                {
                    "form": form,
                    "version": version,
                    "person": version.plan.request.person,
                    "conflict": current,
                    "conflict_changes": prepare_conflict(form, conflict.current),
                },
            )
        else:
            outside = version.items.filter(
                Q(starts_on__lt=version.valid_from) | Q(ends_on__gt=version.valid_to)
            )
            if outside.exists():
                messages.warning(
                    request,
                    _("Niektóre usługi wychodzą poza nowy okres planu — popraw ich terminy."),
                )
            messages.success(request, _("Zapisano."))
            return redirect(version)
    log_access(request, version)
    return render(
        request,
        "ipus/plan_form.html",
        {"form": form, "version": version, "person": version.plan.request.person},
    )


@require_POST
@permission_required("ipus.change_planversion", raise_exception=True)
def version_submit(request, pk):
    version, stop = draft_version_or_redirect(request, pk)
    if stop:
        return stop
    try:
        submit_version(version, request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Przekazano do zatwierdzenia."))
    return redirect(version)


@require_POST
@permission_required("cus.approve_ipus", raise_exception=True)
def version_return(request, pk):
    version = version_or_404(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return VersionDetailView.render_with(request, pk, return_form=form)
    try:
        return_version(version, request.user, form.cleaned_data["note"])
    except PlanError as error:
        messages.error(request, str(error))
    except InvalidTransition:
        messages.error(request, _("Tej wersji nie można już zwrócić."))
    else:
        messages.success(request, _("Zwrócono do poprawy."))
    return redirect(version)


@require_POST
@permission_required("cus.approve_ipus", raise_exception=True)
def version_approve(request, pk):
    version = version_or_404(request.user, pk)
    try:
        version = approve_version(version, request.user)
    except PlanError as error:
        messages.error(request, str(error))
        return redirect(version)
    except InvalidTransition:
        messages.error(request, _("Zatwierdza się tylko wersję przekazaną do zatwierdzenia."))
        return redirect(version)
    messages.success(
        request,
        _("Zatwierdzono %(title)s. Wydrukuj umowę i podpiszcie ją z uczestnikiem.")
        % {"title": version.document.title},
    )
    return redirect(version)


@require_POST
@permission_required("ipus.change_planversion", raise_exception=True)
def version_signed_copy(request, pk):
    version = version_or_404(request.user, pk, change=True)
    form = SignedCopyForm(request.POST, request.FILES)
    if not form.is_valid():
        return VersionDetailView.render_with(request, pk, signed_copy_form=form)
    try:
        version = attach_signed_copy(
            version, form.cleaned_data["kind"], form.cleaned_data["document"], request.user
        )
    except PlanError as error:
        form.add_error("document", str(error))
        return VersionDetailView.render_with(request, pk, signed_copy_form=form)
    version.plan.refresh_from_db()
    messages.success(
        request,
        _("Dołączono podpisany egzemplarz. Status planu: %(status)s.")
        % {"status": version.plan.get_status_display()},
    )
    # Who signed the e-signed copy, and whether each certificate is one the centre trusts.
    for check in signing.report_signatures(version.signed_copy.signature_report):
        notify = messages.info if check.trusted else messages.warning
        notify(request, signing.trust_sentence(check))
    return redirect(version.plan)


@require_GET
@permission_required("ipus.view_plan", raise_exception=True)
def version_pdf(request, pk):
    """The contract: the frozen bytes once approved, otherwise a draft marked as such."""
    version = version_or_404(request.user, pk)
    if version.document_id:
        return document_response(
            request, version.document, version.plan, filename=version.document.title
        )
    if version.plan.request.person.anonymised_at:
        return gone(request, anonymised_at=version.plan.request.person.anonymised_at)
    log_access(request, version.plan, AccessAction.PRINT)
    return pdf_response(contract_pdf(version, draft=True), f"projekt-ipus-{version.plan_id}")


@require_GET
@permission_required("ipus.view_plan", raise_exception=True)
def version_document(request, pk, which):
    """The centre-signed PDF or the signed copy of a version."""
    version = version_or_404(request.user, pk)
    if which not in ("centre-signed", "signed-copy"):
        raise Http404
    document = version.centre_signed if which == "centre-signed" else version.signed_copy
    if document is None:
        raise Http404
    return document_response(request, document, version.plan, filename=document.title)


@require_POST
@permission_required("ipus.delete_planversion", raise_exception=True)
def version_discard(request, pk):
    version, stop = draft_version_or_redirect(request, pk)
    if stop:
        return stop
    if version.number == 0:
        messages.error(request, _("Projektu planu nie usuwa się; można go przerwać lub poprawić."))
        return redirect(version)
    plan = version.plan
    version.delete()
    messages.success(request, _("Usunięto projekt aktualizacji."))
    return redirect(plan)


class PlanWorklistView(PermissionRequiredMixin, AccessLogMixin, ListView):
    """The director's work list: plans and annexes to approve, approved ones awaiting signatures
    (each version shown is written to the access log)."""

    permission_required = ("ipus.view_plan", "cus.approve_ipus")
    template_name = "ipus/plan_worklist.html"

    def get_queryset(self):
        return (
            PlanVersion.objects.filter(status__in=(VersionStatus.SUBMITTED, VersionStatus.APPROVED))
            .select_related("plan__request__person", "plan__coordinator")
            .order_by("plan__request__received_at", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        versions = list(context["object_list"])
        for version in versions:
            version.deadline_status = version.plan.deadline_state(today)
        context["to_approve"] = [v for v in versions if v.status == VersionStatus.SUBMITTED]
        context["to_sign"] = [v for v in versions if v.status == VersionStatus.APPROVED]
        context["other_sections"] = worklist.sections_for(self.request.user)
        return context
