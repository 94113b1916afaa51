"""Retention of case files: persons whose cases ended long enough ago are anonymised.

A person is due when they have no open request and their last request was
closed (or, with no requests, their record last changed) more than
``CUS_RETENTION_YEARS["case_files"]`` years ago. Anonymising removes everything
that identifies them or describes their health and problems, and keeps what
statistics and programme indicators count: sex, year of birth, whether they were
a social-assistance client before, the requests with their dates and outcomes,
and the assessed and wanted services.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from ipus.models import NeedsAssessment, Person, Request

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
        .annotate(last_closed=Max("requests__closed_at"))
        .filter(
            Q(last_closed__date__lt=limit) | Q(last_closed__isnull=True, updated_at__date__lt=limit)
        )
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
