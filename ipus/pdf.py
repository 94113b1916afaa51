"""The IPUS documents as PDF bytes: the needs assessment, the refusal decision, the contract
(or its annex), the description of a closed plan, the service card and the half-year summary.

Each builder renders its template under templates/pdf/ through cus.pdf. The workflows
freeze what a builder returns (stored with its hash, never rebuilt); until then the
views serve it as a draft.

Every document that names the person names who acts for them too (a legal representative
or a de-facto guardian: ``Request.representative``), and the documents the person signs
have a signature line for the representative: ``PERSON_DOCUMENTS`` lists them
(tests/ipus/test_representatives.py renders each).
"""

from dataclasses import dataclass

from cus import signing
from cus.pdf import render_pdf, render_pdf_with_anchors
from ipus.annexes import previous_version, version_changes
from ipus.capacity import delivery_summary
from ipus.choices import ServiceRowKind

# Signature fields of the contract, placed over the boxes #sig-participant, #sig-centre and,
# when someone acts for the participant, #sig-representative.
PARTICIPANT_FIELD, CENTRE_FIELD = "PodpisUczestnika", "PodpisCentrum"
REPRESENTATIVE_FIELD = "PodpisPrzedstawiciela"


def assessment_pdf_bytes(assessment):
    """The needs assessment (Indywidualna Diagnoza Potrzeb) as printed for signatures."""
    rows = list(assessment.rows.select_related("service"))
    return render_pdf(
        "pdf/needs_assessment.html",
        {
            "assessment": assessment,
            "snapshot": assessment.person_snapshot,
            # As of the assessment's day (its snapshot); assessments made before the snapshot
            # kept it read the request.
            "representative": assessment.person_snapshot.get(
                "representative", assessment.request.representative
            ),
            "current_rows": [row for row in rows if row.kind == ServiceRowKind.CURRENT],
            "wanted_rows": [row for row in rows if row.kind == ServiceRowKind.WANTED],
        },
    )


def refusal_pdf_bytes(decision, draft=None):
    """The refusal decision (KPA art. 107 elements) of ``decision.request``; a draft (marked,
    no signer) until issued. ``issue_refusal`` renders the issued one just before the move."""
    request_obj = decision.request
    return render_pdf(
        "pdf/refusal_decision.html",
        {
            "decision": decision,
            "request_obj": request_obj,
            "person": request_obj.person,
            "representative": request_obj.representative,
            "draft": not decision.is_issued if draft is None else draft,
        },
    )


def version_context(version):
    """What the contract and the version page show: the items and, for an annex, the changes."""
    items = list(version.items.select_related("service", "provider").order_by("pk"))
    granted = [item for item in items if not item.waiting]
    context = {
        "version": version,
        "plan": version.plan,
        "items": granted,
        "waiting": [item for item in items if item.waiting],
    }
    if version.number > 0:
        previous = previous_version(version)
        context["previous"] = previous
        context["changes"] = version_changes(previous, version, granted) if previous else None
    return context


def contract_pdf(version, draft=False):
    """The contract (or annex) PDF with empty signature fields for both parties."""
    plan = version.plan
    context = {
        **version_context(version),
        "person": plan.request.person,
        "representative": plan.request.representative,
        "coordinator": plan.coordinator,
        "assessment": plan.assessment,
        "draft": draft,
    }
    boxes = (
        (PARTICIPANT_FIELD, "sig-participant"),
        (REPRESENTATIVE_FIELD, "sig-representative"),
        (CENTRE_FIELD, "sig-centre"),
    )
    data, anchors = render_pdf_with_anchors(
        "pdf/plan_contract.html", context, anchors=[anchor for _name, anchor in boxes]
    )
    fields = [
        signing.SignatureField(name, *anchors[anchor])
        for name, anchor in boxes
        if anchor in anchors
    ]
    return signing.add_signature_fields(data, fields) if fields else data


def closure_pdf_bytes(plan):
    """The description of the plan's course and results, with its deliveries and contacts."""
    version = plan.current_version
    return render_pdf(
        "pdf/plan_closure.html",
        {
            "plan": plan,
            "version": version,
            "person": plan.request.person,
            "representative": plan.request.representative,
            "items": delivery_summary(plan),
            "contacts": list(
                plan.contacts.select_related("problem_service").order_by("contacted_on")
            ),
        },
    )


def service_card_pdf_bytes(item):
    """Karta Usług for the provider: who, what, when, where, whom to contact — no health data."""
    plan = item.version.plan
    return render_pdf(
        "pdf/service_card.html",
        {
            "item": item,
            "lp": item.lp,
            "plan": plan,
            "person": plan.request.person,
            "representative": plan.request.representative,
            "coordinator": plan.coordinator,
        },
    )


def summary_pdf_bytes(summary, half):
    """The half-year summary: aggregates only (the OSL organizer reads it too)."""
    return render_pdf("pdf/half_year_summary.html", {"summary": summary, "half": half})


@dataclass(frozen=True)
class PersonDocument:
    """A document that names the person: its builder and whether the person signs it."""

    label: str
    builder: object
    template: str
    signed_by_person: bool


# Every builder above that names the person (the half-year summary names nobody). The
# party signs the assessment, the contract and its annexes, and the closure; the decision
# and the provider's card name the representative without a signature line.
PERSON_DOCUMENTS = (
    PersonDocument("assessment", assessment_pdf_bytes, "pdf/needs_assessment.html", True),
    PersonDocument("contract", contract_pdf, "pdf/plan_contract.html", True),
    PersonDocument("annex", contract_pdf, "pdf/plan_contract.html", True),
    PersonDocument("closure", closure_pdf_bytes, "pdf/plan_closure.html", True),
    PersonDocument("refusal", refusal_pdf_bytes, "pdf/refusal_decision.html", False),
    PersonDocument("service_card", service_card_pdf_bytes, "pdf/service_card.html", False),
)
# The builders that name no person (aggregates only).
NAMES_NOBODY = (summary_pdf_bytes,)
