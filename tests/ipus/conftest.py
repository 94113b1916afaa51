"""A completed assessment with the seed example's wanted services, and plans built from it."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from cus.documents import Upload
from ipus import workflows
from ipus.choices import AssessmentStatus, RequestStatus
from ipus.forms import PlanVersionForm
from ipus.models import (
    AssessmentServiceRow,
    NeedsAssessment,
    Person,
    Plan,
    PlanItem,
    PlanVersion,
    Request,
)
from services.models import Service
from tests.factories import pdf_bytes
from tests.services.factories import ServiceFactory

PDF_SCAN = pdf_bytes()  # a scan as uploaded: a real PDF (uploads are parsed)


def local_noon_days_ago(days):
    """Noon in Warsaw ``days`` local days ago. ``timezone.now() - timedelta(days=40)`` falls on
    the next local day when run after 23:00 in winter and the earlier date was in summer time,
    and the IPUS deadlines count local days."""
    day = timezone.localdate() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def seed_services(db):
    """The seed template's three services; home care has a limit of 100 hours a month."""
    return {
        "care": ServiceFactory(
            name="Usługa opiekuńcza", unit="hour", capacity_units=100, capacity_period="month"
        ),
        "taxi": ServiceFactory(name="Taksówka dla seniora", unit="ride"),
        "repair": ServiceFactory(name="Mobilny konserwator", unit="service"),
    }


def make_assessed_request(kipus, seed_services, last_name="Wąsik", received_at=None):
    person = Person.objects.create(
        first_name="Zdzisława",
        last_name=last_name,
        pesel=None,
        birth_date=date(1941, 5, 3),
        id_document_type="id_card",
        id_document_number=f"AZX{Person.objects.count():06d}",
        street="ul. Źródlana",
        building="7",
        postal_code="27-200",
        town="Starachowice",
        phone="501 222 333",
        health="Cukrzyca",
    )
    request_obj = Request.objects.create(
        person=person,
        channel="in_person",
        coordinator=kipus,
        requested_text="Pomoc w domu",
        received_at=received_at or timezone.now(),
    )
    request_obj.set_status(RequestStatus.ASSESSING, kipus)
    assessment = NeedsAssessment.objects.create(
        request=request_obj,
        coordinator=kipus,
        problems="Samotność, trudności z poruszaniem się",
        coordinator_assessment="Usługi zasadne",
        fee_information_given=True,
        status=AssessmentStatus.COMPLETED,
    )
    for key, quantity, frequency in (
        ("care", 6, "tygodniowo"),
        ("taxi", 2, "w miesiącu"),
        ("repair", 4, "w roku"),
    ):
        AssessmentServiceRow.objects.create(
            assessment=assessment,
            kind="wanted",
            service=seed_services[key],
            quantity=quantity,
            frequency=frequency,
        )
    return assessment


@pytest.fixture
def assessment(kipus, seed_services):
    return make_assessed_request(kipus, seed_services)


def plan_on(request_obj, **fields):
    """A plan written straight to the database on ``request_obj``, with a completed assessment.

    For tests of what reads plans; ``draft_plan`` goes through the form and the workflow.
    """
    coordinator = request_obj.coordinator
    assessment = NeedsAssessment.objects.create(
        request=request_obj, coordinator=coordinator, status=AssessmentStatus.COMPLETED
    )
    return Plan.objects.create(
        request=request_obj,
        assessment=assessment,
        coordinator=coordinator,
        approval_deadline=request_obj.deadline,
        **fields,
    )


def plan_period(start=None, months=6):
    from cus.dates import add_months

    start = start or timezone.localdate()
    return start, add_months(start, months) - timedelta(days=1)


def draft_plan(assessment, user, start=None, months=6):
    start, end = plan_period(start, months)
    form = PlanVersionForm(
        {
            "drawn_up_on": timezone.localdate().isoformat(),
            "valid_from": start.isoformat(),
            "valid_to": end.isoformat(),
            "expected_improvement": "Zmniejszenie poczucia samotności, bezpieczeństwo w domu",
            "monitoring_every_months": 3,
            "quality_check_every_months": 3,
            "attachments": "Regulaminy poszczególnych usług\nRegulamin uczestnika",
            "version": 1,
        },
        instance=PlanVersion(valid_from=start, valid_to=end),
    )
    assert form.is_valid(), form.errors
    return workflows.create_plan(assessment, form, user)


def whole_period_item(version, service, quantity, per, **fields):
    """A row of ``version`` from its first day to its last."""
    return PlanItem.objects.create(
        version=version,
        service=service,
        starts_on=version.valid_from,
        ends_on=version.valid_to,
        quantity=quantity,
        per=per,
        **fields,
    )


def add_seed_items(version, services):
    """The seed's example rows: 6 h/week care, 2 rides a month max 6 a year, 4 repairs a year."""
    rows = [
        {
            "service": services["care"],
            "quantity": 6,
            "per": "week",
            "scope": "Pomoc w zaspokajaniu codziennych potrzeb życiowych. Opieka higieniczna.",
            "place": "Miejsce zamieszkania",
        },
        {
            "service": services["taxi"],
            "quantity": 2,
            "per": "month",
            "cap": 6,
            "cap_per": "year",
            "scope": "Kurs z miejsca zamieszkania do miejsca docelowego i z powrotem",
            "place": "Teren miasta Starachowice",
        },
        {
            "service": services["repair"],
            "quantity": 4,
            "per": "year",
            "max_hours": 2,
            "scope": "Drobne naprawy, konserwacje – bez zakupu materiałów",
            "place": "Miejsce zamieszkania",
        },
    ]
    return [whole_period_item(version, **row) for row in rows]


def approved_plan(assessment, kipus, approver, start=None, months=6):
    plan = draft_plan(assessment, kipus, start, months)
    add_seed_items(
        plan.current_version,
        {
            "care": Service.objects.get(name="Usługa opiekuńcza"),
            "taxi": Service.objects.get(name="Taksówka dla seniora"),
            "repair": Service.objects.get(name="Mobilny konserwator"),
        },
    )
    workflows.submit_version(plan.current_version, kipus)
    workflows.approve_version(plan.current_version, approver)
    plan.refresh_from_db()
    return plan


def signed_plan(assessment, kipus, approver, start=None, months=6):
    plan = approved_plan(assessment, kipus, approver, start, months)
    workflows.attach_signed_copy(
        plan.current_version, "scan", Upload(PDF_SCAN, "application/pdf", "skan.pdf"), kipus
    )
    plan.refresh_from_db()
    return plan
