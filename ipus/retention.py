"""Retention of case files: persons whose cases ended long enough ago are anonymised.

A person is due when they have no open request and their last request was
closed (or, with no requests, their record last changed) more than
``CUS_RETENTION_YEARS["case_files"]`` years ago. Anonymising removes everything
that identifies them or describes their health and problems, and keeps what
statistics and programme indicators count: sex, year of birth, whether they were
a social-assistance client before, the requests with their dates and outcomes,
the assessed and wanted services, and the plans' statuses, dates, items and
delivered units. Stored documents about the person (assessments, decisions,
contracts, signed copies, closure descriptions) are deleted with their files.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from cus.models import StoredDocument
from ipus.choices import PlanStatus
from ipus.models import (
    MonitoringContact,
    NeedsAssessment,
    Person,
    Plan,
    PlanItem,
    PlanVersion,
    RefusalDecision,
    Request,
)

UNFINISHED_PLANS = (
    PlanStatus.DRAFT,
    PlanStatus.SUBMITTED,
    PlanStatus.APPROVED,
    PlanStatus.SIGNED,
    PlanStatus.ACTIVE,
)

ANONYMISED = "(zanonimizowano)"
KEEP_IN_SNAPSHOT = {"employment", "household_size"}


def cutoff(today=None):
    today = today or timezone.localdate()
    years = settings.CUS_RETENTION_YEARS["case_files"]
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def due(today=None):
    """Persons past retention, not yet anonymised."""
    limit = cutoff(today)
    return (
        Person.objects.exclude(first_name=ANONYMISED)
        .exclude(requests__status__in=Request.OPEN_STATUSES)
        .exclude(requests__plan__status__in=UNFINISHED_PLANS)
        .annotate(
            last_closed=Max("requests__closed_at"), last_plan_end=Max("requests__plan__ended_on")
        )
        .filter(
            Q(last_closed__date__lt=limit) | Q(last_closed__isnull=True, updated_at__date__lt=limit)
        )
        .filter(Q(last_plan_end__isnull=True) | Q(last_plan_end__lt=limit))
        .order_by("pk")
    )


@transaction.atomic
def anonymise(person):
    """Remove what identifies the person; keep the numbers statistics need."""
    birth_year = person.birth_date.year if person.birth_date else None
    Person.objects.filter(pk=person.pk).update(
        first_name=ANONYMISED,
        last_name=ANONYMISED,
        pesel=None,
        id_document_type="",
        id_document_number="",
        birth_date=date(birth_year, 1, 1) if birth_year else None,
        street="",
        building="",
        flat="",
        postal_code="",
        phone="",
        email="",
        occupation="",
        disability_note="",
        health="",
    )
    # The change history holds copies of the same data.
    person.history.all().delete()
    requests = Request.objects.filter(person=person)
    requests.update(
        filer_name="",
        filer_contact="",
        requested_text="",
        handoff_what="",
        information_given="",
        withdrawal_reason="",
    )
    Request.history.filter(id__in=requests.values("pk")).delete()
    for assessment in NeedsAssessment.objects.filter(request__person=person):
        snapshot = {k: v for k, v in assessment.person_snapshot.items() if k in KEEP_IN_SNAPSHOT}
        NeedsAssessment.objects.filter(pk=assessment.pk).update(
            person_snapshot=snapshot,
            problems="",
            coordinator_assessment="",
            notes="",
            readiness_note="",
            place_note="",
            draft={},
        )
        assessment.history.all().delete()
    _anonymise_plans(person)


def _anonymise_plans(person):
    plans = Plan.objects.filter(request__person=person)
    versions = PlanVersion.objects.filter(plan__in=plans)
    documents = set()
    for row in versions.values("document", "centre_signed", "signed_copy"):
        documents |= {pk for pk in row.values() if pk}
    documents |= set(
        plans.exclude(closure_document=None).values_list("closure_document", flat=True)
    )
    assessments = NeedsAssessment.objects.filter(request__person=person)
    for row in assessments.values("document", "signed_scan"):
        documents |= {pk for pk in row.values() if pk}
    decisions = RefusalDecision.objects.filter(request__person=person)
    documents |= set(decisions.exclude(document=None).values_list("document", flat=True))
    versions.update(
        document=None,
        centre_signed=None,
        signed_copy=None,
        expected_improvement=ANONYMISED,
        reason_text="",
    )
    PlanVersion.history.filter(plan__in=plans).delete()
    plans.update(
        closure_document=None,
        closing_notes="",
        course_description="",
        results_description="",
        termination_reason="",
    )
    Plan.history.filter(id__in=plans.values("pk")).delete()
    PlanItem.objects.filter(version__plan__in=plans).update(place="", override_reason="")
    MonitoringContact.objects.filter(plan__in=plans).update(notes="", problem_description="")
    assessments.update(document=None, signed_scan=None)
    decisions.update(document=None, justification=ANONYMISED)
    _delete_documents(documents)


def _delete_documents(ids):
    """Delete stored documents and their files (copies first: they point at their originals)."""
    documents = StoredDocument.objects.filter(Q(pk__in=ids) | Q(original__in=ids))
    for document in sorted(documents, key=lambda d: d.original_id is None):
        document.file.delete(save=False)
        document.delete()
