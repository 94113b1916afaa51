"""Operations on cases that touch several models, each in one transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from cus.choices import DocumentKind
from cus.models import StoredDocument, YearSequence
from cus.pdf import render_pdf
from ipus.choices import AssessmentStatus, RequestStatus, ServiceRowKind
from ipus.models import NeedsAssessment, RefusalDecision, person_snapshot


@transaction.atomic
def close_request(request_obj, form, status, user):
    """Record an outcome (hand-off, information, withdrawal) and close the request."""
    form.instance.stamp(user)
    form.save()
    request_obj.refresh_from_db()
    request_obj.set_status(status, user)


@transaction.atomic
def issue_refusal(request_obj, form, user):
    """Number the decision, close the request as refused and freeze the decision's PDF."""
    decision = form.save(commit=False)
    year = decision.decided_on.year
    decision.request = request_obj
    decision.number = f"CUS-ODM.{year}.{YearSequence.next('refusal', year)}"
    decision.stamp(user)
    decision.save()
    request_obj.set_status(RequestStatus.REFUSED, user, note=decision.number)
    pdf = render_pdf(
        "pdf/refusal_decision.html",
        {"decision": decision, "request_obj": request_obj, "person": request_obj.person},
    )
    decision.document = StoredDocument.store(
        pdf,
        kind=DocumentKind.FROZEN,
        title=_("Decyzja %(number)s") % {"number": decision.number},
        user=user,
    )
    decision.save(update_fields=["document"])
    return decision


def refusal_for(request_obj):
    return RefusalDecision.objects.filter(request=request_obj).select_related("document").first()


@transaction.atomic
def start_assessment(request_obj, user):
    """The assessment of a request (made once), with the person's data as of today."""
    existing = NeedsAssessment.objects.filter(request=request_obj).first()
    if existing:
        return existing
    assessment = NeedsAssessment(
        request=request_obj,
        coordinator=request_obj.coordinator,
        person_snapshot=person_snapshot(request_obj.person),
    )
    assessment.stamp(user)
    assessment.save()
    if request_obj.status == RequestStatus.REGISTERED:
        request_obj.set_status(RequestStatus.ASSESSING, user)
    return assessment


@transaction.atomic
def save_assessment(form, rows, user, complete=False):
    assessment = form.instance
    assessment.stamp(user)
    assessment.draft, assessment.draft_saved_at = {}, None
    if complete:
        assessment.status = AssessmentStatus.COMPLETED
    form.save()
    rows.instance = assessment
    rows.save()
    return assessment


def assessment_pdf_bytes(assessment):
    rows = list(assessment.rows.select_related("service"))
    return render_pdf(
        "pdf/needs_assessment.html",
        {
            "assessment": assessment,
            "snapshot": assessment.person_snapshot,
            "current_rows": [row for row in rows if row.kind == ServiceRowKind.CURRENT],
            "wanted_rows": [row for row in rows if row.kind == ServiceRowKind.WANTED],
        },
    )


@transaction.atomic
def sign_assessment(assessment, user):
    """Freeze the printed, signed assessment: stored bytes and hash, never rebuilt."""
    locked = NeedsAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.COMPLETED:
        raise ValueError("Only a completed assessment can be signed")
    locked.document = StoredDocument.store(
        assessment_pdf_bytes(locked),
        kind=DocumentKind.FROZEN,
        title=_("Indywidualna Diagnoza Potrzeb — %(person)s") % {"person": locked.request.person},
        user=user,
    )
    locked.status = AssessmentStatus.SIGNED
    locked.stamp(user)
    locked.version += 1
    locked.save()
    return locked
