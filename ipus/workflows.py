"""Operations on cases that touch several models, each in one transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from cus.choices import DocumentKind
from cus.models import StoredDocument, YearSequence
from cus.pdf import render_pdf
from ipus.choices import RequestStatus
from ipus.models import RefusalDecision


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
