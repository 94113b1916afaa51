"""Needs assessments: the multi-section form with server-side drafts, the record, its printout,
signature and scan.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Prefetch
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView

from cus.access import AccessLogMixin, log_access
from cus.choices import AccessAction, DocumentKind
from cus.documents import document_response, gone
from cus.models import StaleObjectError, StoredDocument
from cus.pages import messages_for_errors
from cus.pdf import pdf_response
from cus.versioning import prepare_conflict
from ipus.choices import AssessmentStatus
from ipus.forms import AssessmentForm, AssessmentRowFormSet, SignedScanForm
from ipus.models import AssessmentServiceRow, NeedsAssessment, Plan, Request
from ipus.pdf import assessment_pdf_bytes
from ipus.workflows import save_assessment, sign_assessment, start_assessment


def assessment_or_404(pk, user=None):
    """The assessment; with ``user``, only among the cases that user may change."""
    queryset = NeedsAssessment.objects.editable_by(user) if user else NeedsAssessment.objects
    return get_object_or_404(
        queryset.select_related("request__person", "coordinator", "document", "signed_scan"),
        pk=pk,
    )


@require_POST
@permission_required("ipus.add_needsassessment", raise_exception=True)
def assessment_start(request, pk):
    request_obj = get_object_or_404(Request.objects.editable_by(request.user), pk=pk)
    if not request_obj.is_open and not hasattr(request_obj, "assessment"):
        messages.error(request, _("Ten wniosek jest już zakończony."))
        return redirect(request_obj)
    assessment = start_assessment(request_obj, request.user)
    return redirect("ipus:assessment-update", pk=assessment.pk)


def _draft_data(assessment):
    data = QueryDict(mutable=True)
    for key, values in assessment.draft.items():
        data.setlist(key, values)
    return data


@permission_required("ipus.change_needsassessment", raise_exception=True)
def assessment_update(request, pk):
    """The multi-section assessment form; drafts are kept on the server as the KIPUS types."""
    assessment = assessment_or_404(pk, request.user)
    if not assessment.is_editable:
        messages.info(request, _("Podpisanej diagnozy nie można zmieniać."))
        return redirect(assessment)
    restored = False
    if request.method == "POST":
        data = request.POST
    elif assessment.draft:
        data, restored = _draft_data(assessment), True
    else:
        data = None
    form = AssessmentForm(data, instance=assessment)
    rows = AssessmentRowFormSet(data, instance=assessment, prefix="rows")
    if request.method == "POST":
        complete = "complete" in request.POST
        valid = form.is_valid() and rows.is_valid()
        if valid and complete:
            valid = form.check_complete(rows)
        if valid:
            try:
                save_assessment(form, rows, request.user, complete=complete)
            except StaleObjectError as conflict:
                changes = prepare_conflict(form, conflict.current)
                _keep_draft(assessment, request.POST)
                return _render_assessment_form(
                    request,
                    assessment,
                    form,
                    rows,
                    conflict=conflict.current,
                    conflict_changes=changes,
                )
            messages.success(
                request,
                _("Zakończono rozpoznanie potrzeb. Wydrukuj je do podpisu.")
                if complete
                else _("Zapisano diagnozę."),
            )
            return redirect(assessment)
        # Nothing typed is lost: a failed validation keeps the input as the draft too.
        _keep_draft(assessment, request.POST)
    return _render_assessment_form(request, assessment, form, rows, restored=restored)


def _render_assessment_form(request, assessment, form, rows, **extra):
    log_access(request, assessment)  # the form shows the person's record and the assessment
    return render(
        request,
        "ipus/assessment_form.html",
        {
            "object": assessment,
            "form": form,
            "rows": rows,
            "snapshot": assessment.person_snapshot,
            **extra,
        },
    )


def _keep_draft(assessment, post):
    data = {key: post.getlist(key) for key in post if key != "csrfmiddlewaretoken"}
    # Only the draft columns: the record's own fields and version are untouched.
    NeedsAssessment.objects.filter(pk=assessment.pk).update(
        draft=data, draft_saved_at=timezone.now()
    )


@require_POST
@permission_required("ipus.change_needsassessment", raise_exception=True)
def assessment_autosave(request, pk):
    """htmx: keep what is in the form as the server-side draft; answers with the time saved."""
    assessment = assessment_or_404(pk, request.user)
    if not assessment.is_editable:
        return HttpResponse(status=409)
    _keep_draft(assessment, request.POST)
    return render(request, "ipus/includes/_draft_status.html", {"saved_at": timezone.localtime()})


class AssessmentDetailView(PermissionRequiredMixin, AccessLogMixin, DetailView):
    permission_required = "ipus.view_needsassessment"
    template_name = "ipus/assessment_detail.html"
    queryset = NeedsAssessment.objects.select_related(
        "request__person", "coordinator", "document", "signed_scan"
    ).prefetch_related(Prefetch("rows", AssessmentServiceRow.objects.select_related("service")))

    def get_context_data(self, **kwargs):
        user = self.request.user
        can_change = (
            user.has_perm("ipus.change_needsassessment")
            and NeedsAssessment.objects.editable_by(user).filter(pk=self.object.pk).exists()
        )
        plan = Plan.objects.filter(assessment=self.object).only("pk").first()
        self.object.plan_link = plan.get_absolute_url() if plan else ""
        return super().get_context_data(scan_form=SignedScanForm(), can_change=can_change, **kwargs)


@require_GET
@permission_required("ipus.view_needsassessment", raise_exception=True)
def assessment_pdf(request, pk):
    """The printout: the frozen PDF once signed, otherwise rendered from the current data."""
    assessment = assessment_or_404(pk)
    if assessment.document_id:
        return document_response(
            request, assessment.document, assessment, filename="diagnoza-potrzeb"
        )
    if assessment.request.person.anonymised_at:
        return gone(request, anonymised_at=assessment.request.person.anonymised_at)
    log_access(request, assessment, AccessAction.PRINT)
    return pdf_response(assessment_pdf_bytes(assessment), f"diagnoza-potrzeb-{assessment.pk}")


@require_POST
@permission_required("ipus.change_needsassessment", raise_exception=True)
def assessment_sign(request, pk):
    assessment = assessment_or_404(pk, request.user)
    if assessment.status != AssessmentStatus.COMPLETED:
        messages.error(request, _("Podpisać można tylko zakończoną diagnozę."))
        return redirect(assessment)
    sign_assessment(assessment, request.user)
    messages.success(request, _("Diagnozę oznaczono jako podpisaną; jej PDF jest zamrożony."))
    return redirect(assessment)


@require_POST
@permission_required("ipus.change_needsassessment", raise_exception=True)
def assessment_scan(request, pk):
    assessment = assessment_or_404(pk, request.user)
    form = SignedScanForm(request.POST, request.FILES)
    if assessment.status != AssessmentStatus.SIGNED or not form.is_valid():
        messages_for_errors(request, form)
        if assessment.status != AssessmentStatus.SIGNED:
            messages.error(request, _("Skan dołącza się do podpisanej diagnozy."))
        return redirect(assessment)
    upload = form.cleaned_data["scan"]
    scan = StoredDocument.store(
        upload.data,
        kind=DocumentKind.SIGNED_SCAN,
        title=_("Skan diagnozy potrzeb"),
        user=request.user,
        content_type=upload.content_type,
        original=assessment.document,
    )
    NeedsAssessment.objects.filter(pk=assessment.pk).update(signed_scan=scan)
    messages.success(request, _("Dołączono skan podpisanej diagnozy."))
    return redirect(assessment)
