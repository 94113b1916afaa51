"""The IPUS documents as PDF bytes: the needs assessment, the refusal decision, the contract
(or its annex), the description of a closed plan, the service card and the half-year summary.

Each builder renders its template under templates/pdf/ through cus.pdf. The workflows
freeze what a builder returns (stored with its hash, never rebuilt); until then the
views serve it as a draft.
"""

from cus import signing
from cus.pdf import render_pdf, render_pdf_with_anchors
from ipus.annexes import previous_version, version_changes
from ipus.capacity import delivery_summary
from ipus.choices import ServiceRowKind

# Signature fields of the contract, placed over the boxes #sig-participant and #sig-centre.
PARTICIPANT_FIELD, CENTRE_FIELD = "PodpisUczestnika", "PodpisCentrum"


def assessment_pdf_bytes(assessment):
    """The needs assessment (Indywidualna Diagnoza Potrzeb) as printed for signatures."""
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


def refusal_pdf_bytes(decision):
    """The refusal decision (KPA art. 107 elements) of ``decision.request``."""
    request_obj = decision.request
    return render_pdf(
        "pdf/refusal_decision.html",
        {"decision": decision, "request_obj": request_obj, "person": request_obj.person},
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
        "coordinator": plan.coordinator,
        "assessment": plan.assessment,
        "draft": draft,
    }
    data, anchors = render_pdf_with_anchors(
        "pdf/plan_contract.html", context, anchors=("sig-participant", "sig-centre")
    )
    fields = [
        signing.SignatureField(name, *anchors[anchor])
        for name, anchor in ((PARTICIPANT_FIELD, "sig-participant"), (CENTRE_FIELD, "sig-centre"))
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
            "plan": plan,
            "person": plan.request.person,
            "coordinator": plan.coordinator,
        },
    )


def summary_pdf_bytes(summary, half):
    """The half-year summary: aggregates only (the OSL organizer reads it too)."""
    return render_pdf("pdf/half_year_summary.html", {"summary": summary, "half": half})
