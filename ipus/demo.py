"""Fictional residents for the demo: generated, checksum-valid PESELs, flagged as demo records."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cus import pesel
from cus.models import User
from ipus.choices import Disability, EmploymentSituation, MaritalStatus, RequestStatus, YesNoUnknown
from ipus.models import Person, Request

# first name, last name, birth date, sex, street, building, disability, previous assistance
RESIDENTS = (
    (
        "Janina",
        "Przykładowa",
        date(1942, 3, 14),
        pesel.FEMALE,
        "ul. Radomska",
        "12",
        Disability.MODERATE,
        YesNoUnknown.YES,
    ),
    (
        "Stanisław",
        "Testowy",
        date(1938, 11, 2),
        pesel.MALE,
        "ul. Kolejowa",
        "5",
        Disability.SEVERE,
        YesNoUnknown.NO,
    ),
    (
        "Halina",
        "Demonstracyjna",
        date(1951, 6, 30),
        pesel.FEMALE,
        "ul. Wysoka",
        "3",
        Disability.NONE,
        YesNoUnknown.NO,
    ),
    (
        "Marek",
        "Fikcyjny",
        date(1979, 1, 21),
        pesel.MALE,
        "ul. Leśna",
        "8",
        Disability.NONE,
        YesNoUnknown.UNKNOWN,
    ),
    (
        "Agnieszka",
        "Wzorcowa",
        date(1990, 9, 9),
        pesel.FEMALE,
        "os. Południe",
        "4",
        Disability.MILD,
        YesNoUnknown.YES,
    ),
)


@transaction.atomic
def seed(stdout=None):
    for index, (first, last, born, sex, street, building, disability, before) in enumerate(
        RESIDENTS
    ):
        number = pesel.make(born, serial=9000 + index * 7, sex=sex)
        person = Person.objects.filter(pesel=number).first() or Person(pesel=number)
        for field, value in {
            "first_name": first,
            "last_name": last,
            "birth_date": born,
            "sex": sex,
            "street": street,
            "building": building,
            "postal_code": "27-200",
            "town": "Starachowice",
            "phone": f"600 000 {100 + index}",
            "employment": EmploymentSituation.RETIRED
            if born.year < 1960
            else EmploymentSituation.EMPLOYED,
            "marital_status": MaritalStatus.WIDOWED if born.year < 1945 else MaritalStatus.MARRIED,
            "household_size": 1 if born.year < 1945 else 3,
            "disability": disability,
            "previous_social_assistance": before,
            "gdpr_clause_given_on": date(2026, 10, 1),
            "is_demo": True,
        }.items():
            setattr(person, field, value)
        if (
            person._state.adding
            or Person.objects.filter(pk=person.pk).exclude(first_name=first).exists()
        ):
            person.save()
    requests = _seed_requests()
    seed_plans(stdout)
    if stdout:
        stdout.write(f"Mieszkańcy (demo): {len(RESIDENTS)}, wnioski: {requests}")


# (resident index, days ago, channel, text, outcome or None)
REQUESTS = (
    (0, 3, "in_person", "Pomoc w codziennych czynnościach i przejazdy do lekarza", None),
    (1, 35, "phone", "Usługi opiekuńcze po wyjściu ze szpitala", None),
    (2, 20, "letter", "Informacja o zajęciach dla seniorów", RequestStatus.INFORMATION),
    (3, 15, "epuap", "Wsparcie w znalezieniu pracy", RequestStatus.HANDED_OFF),
    (4, 12, "email", "Rezygnacja z wniosku o opiekę nad dzieckiem", RequestStatus.WITHDRAWN),
)


def _seed_requests():
    kipus = User.objects.filter(username="kipus").first()
    if kipus is None:
        return 0
    people = list(Person.objects.filter(is_demo=True).order_by("birth_date"))
    by_name = {(p.first_name, p.last_name): p for p in people}
    for index, days_ago, channel, text, outcome in REQUESTS:
        first, last = RESIDENTS[index][0], RESIDENTS[index][1]
        person = by_name[(first, last)]
        if Request.objects.filter(person=person, requested_text=text).exists():
            continue
        request_obj = Request.objects.create(
            person=person,
            channel=channel,
            requested_text=text,
            coordinator=kipus,
            received_at=timezone.now() - timedelta(days=days_ago),
        )
        if outcome == RequestStatus.INFORMATION:
            request_obj.information_given = "Przekazano harmonogram zajęć Klubu Seniora."
            request_obj.referred_to = "Klub Seniora, ul. Radomska 2"
        elif outcome == RequestStatus.HANDED_OFF:
            request_obj.handoff_to = "gmina_unit"
            request_obj.handoff_recipient = "Powiatowy Urząd Pracy (demo)"
            request_obj.handoff_what = "Dane kontaktowe i opis oczekiwań"
            request_obj.handoff_consent_on = timezone.localdate() - timedelta(days=14)
        elif outcome == RequestStatus.WITHDRAWN:
            request_obj.withdrawal_reason = "Rodzina zapewniła opiekę."
        request_obj.save()
        if outcome:
            request_obj.set_status(outcome, kipus)
    _seed_assessments(kipus)
    return Request.objects.filter(person__is_demo=True).count()


# Two completed assessments on the two open requests: (resident index, problems, wanted rows).
ASSESSMENTS = (
    (
        0,
        "Trudności z zakupami i dojazdem do lekarza; mieszka sama.",
        [
            ("Taksówka dla seniora", "przejazd", 2, "w miesiącu, max. 6 w roku"),
            ("Mobilny konserwator - Złota Rączka", "usługa", 4, "w roku, po max 2 godziny"),
        ],
    ),
    (
        1,
        "Po pobycie w szpitalu potrzebuje pomocy w higienie i posiłkach.",
        [
            (
                "Usługi opiekuńcze w miejscu zamieszkania (w tym opieka wytchnieniowa)",
                "godzina",
                6,
                "tygodniowo",
            )
        ],
    ),
)


def _seed_assessments(kipus):
    from ipus.choices import AssessmentStatus, ServiceRowKind
    from ipus.models import AssessmentServiceRow, NeedsAssessment
    from ipus.workflows import start_assessment
    from services.models import Service

    for index, problems, rows in ASSESSMENTS:
        first, last = RESIDENTS[index][0], RESIDENTS[index][1]
        request_obj = (
            Request.objects.filter(
                person__first_name=first, person__last_name=last, person__is_demo=True
            )
            .order_by("received_at")
            .first()
        )
        if request_obj is None or NeedsAssessment.objects.filter(request=request_obj).exists():
            continue
        assessment = start_assessment(request_obj, kipus)
        assessment.place = "home"
        assessment.problem_areas = ["self_care", "mobility"]
        assessment.problems = problems
        assessment.readiness = "high"
        assessment.coordinator_assessment = (
            "Usługi zasadne i możliwe do przyznania w ramach programu."
        )
        assessment.fee_information_given = True
        assessment.status = AssessmentStatus.COMPLETED
        assessment.save()
        for name, unit, quantity, frequency in rows:
            AssessmentServiceRow.objects.create(
                assessment=assessment,
                kind=ServiceRowKind.WANTED,
                service=Service.objects.filter(name=name).first(),
                free_text="",
                unit=unit,
                quantity=quantity,
                frequency=frequency,
            )


# --- Plans ---------------------------------------------------------------------------

CARE = "Usługi opiekuńcze w miejscu zamieszkania (w tym opieka wytchnieniowa)"
TAXI = "Taksówka dla seniora"
REPAIR = "Mobilny konserwator - Złota Rączka"

# The seed template's example rows (plan-wdrazania, "INDYWIDUALNY PLAN USŁUG SPOŁECZNYCH NR … (wzór)").
SEED_ITEMS = (
    {
        "service": CARE,
        "quantity": 6,
        "per": "week",
        "scope": "Pomoc w zaspokajaniu codziennych potrzeb życiowych. Opieka higieniczna.",
        "place": "Miejsce zamieszkania",
    },
    {
        "service": TAXI,
        "quantity": 2,
        "per": "month",
        "cap": 6,
        "cap_per": "year",
        "scope": "Kurs z miejsca zamieszkania do miejsca docelowego oraz kurs z miejsca "
        "docelowego do miejsca zamieszkania w ciągu jednego dnia",
        "place": "Teren miasta Starachowice",
    },
    {
        "service": REPAIR,
        "quantity": 4,
        "per": "year",
        "max_hours": 2,
        "scope": "Drobne naprawy, konserwacje – bez zakupu materiałów",
        "place": "Miejsce zamieszkania",
    },
)

# first name, last name, birth date, sex, street, days since the request, plan start (days ago),
# months, final state, items
PLAN_RESIDENTS = (
    (
        "Zofia",
        "Wzorowa",
        date(1944, 2, 11),
        pesel.FEMALE,
        "ul. Majówka",
        95,
        80,
        9,
        "active",
        SEED_ITEMS,
    ),
    (
        "Tadeusz",
        "Próbny",
        date(1947, 7, 19),
        pesel.MALE,
        "ul. Hutnicza",
        12,
        -7,
        6,
        "submitted",
        SEED_ITEMS[1:],
    ),
    (
        "Irena",
        "Pokazowa",
        date(1950, 4, 4),
        pesel.FEMALE,
        "ul. Zgodna",
        25,
        -3,
        6,
        "approved",
        SEED_ITEMS[:1],
    ),
)


def seed_plans(stdout=None):
    """The seed template's example as an active plan (with monitoring and deliveries),
    a plan awaiting approval and one awaiting signatures. Idempotent."""
    from cus.documents import Upload
    from ipus import workflows
    from ipus.choices import AssessmentStatus, ContactMode, ServiceRowKind
    from ipus.forms import PlanVersionForm
    from ipus.models import (
        AssessmentServiceRow,
        MonitoringContact,
        NeedsAssessment,
        Plan,
        PlanItem,
        PlanVersion,
        add_months,
        month_start,
    )
    from services.models import Service

    kipus = User.objects.filter(username="kipus").first()
    director = User.objects.filter(username="dyrektor").first()
    if kipus is None or director is None:
        return 0
    services = {s.name: s for s in Service.objects.filter(name__in=(CARE, TAXI, REPAIR))}
    if len(services) < 3:
        return 0
    created = 0
    for index, (first, last, born, sex, street, days, start_ago, months, state, items) in enumerate(
        PLAN_RESIDENTS
    ):
        number = pesel.make(born, serial=9500 + index * 7, sex=sex)
        if Plan.objects.filter(request__person__pesel=number).exists():
            continue
        with transaction.atomic():
            person = Person.objects.filter(pesel=number).first() or Person.objects.create(
                pesel=number,
                first_name=first,
                last_name=last,
                birth_date=born,
                sex=sex,
                street=street,
                building=str(10 + index),
                postal_code="27-200",
                town="Starachowice",
                phone=f"600 000 {200 + index}",
                employment=EmploymentSituation.RETIRED,
                marital_status=MaritalStatus.WIDOWED,
                household_size=1,
                previous_social_assistance=YesNoUnknown.NO,
                gdpr_clause_given_on=timezone.localdate() - timedelta(days=days),
                is_demo=True,
            )
            request_obj = Request.objects.create(
                person=person,
                channel="in_person",
                requested_text="Pomoc w domu, przejazdy i drobne naprawy",
                coordinator=kipus,
                received_at=timezone.now() - timedelta(days=days),
            )
            request_obj.set_status(RequestStatus.ASSESSING, kipus)
            assessment = NeedsAssessment.objects.create(
                request=request_obj,
                coordinator=kipus,
                assessed_on=timezone.localdate() - timedelta(days=days - 2),
                place="home",
                problem_areas=["self_care", "mobility", "loneliness"],
                problems="Mieszka sama, ma trudności z poruszaniem się i codziennymi czynnościami.",
                readiness="high",
                coordinator_assessment="Usługi zasadne; wymagają koordynacji przez kilka miesięcy.",
                fee_information_given=True,
                status=AssessmentStatus.COMPLETED,
            )
            for row in items:
                AssessmentServiceRow.objects.create(
                    assessment=assessment,
                    kind=ServiceRowKind.WANTED,
                    service=services[row["service"]],
                    quantity=row["quantity"],
                    frequency=str(row["per"]),
                )
            start = timezone.localdate() - timedelta(days=start_ago)
            form = PlanVersionForm(
                {
                    "drawn_up_on": (timezone.localdate() - timedelta(days=days - 5)).isoformat(),
                    "valid_from": start.isoformat(),
                    "valid_to": (add_months(start, months) - timedelta(days=1)).isoformat(),
                    "expected_improvement": "Bezpieczne i samodzielne życie w domu; mniejsze "
                    "poczucie osamotnienia; dojazdy do lekarza i urzędów.",
                    "monitoring_every_months": 3,
                    "quality_check_every_months": 3,
                    "attachments": "Regulaminy poszczególnych usług\nRegulamin uczestnika\n"
                    "Oświadczenia",
                    "version": 1,
                },
                instance=PlanVersion(valid_from=start, valid_to=start),
            )
            form.is_valid()
            plan = workflows.create_plan(assessment, form, kipus)
            version = plan.current_version
            for row in items:
                PlanItem.objects.create(
                    version=version,
                    starts_on=version.valid_from,
                    ends_on=version.valid_to,
                    **{**row, "service": services[row["service"]]},
                )
            workflows.submit_version(version, kipus)
            if state in ("approved", "active"):
                workflows.approve_version(version, director)
            if state == "active":
                scan = Upload(DEMO_SCAN, "application/pdf", "skan-umowy.pdf")
                workflows.attach_signed_copy(version, "scan", scan, kipus)
                # Approved in time, as it was: 20 days after the request.
                Plan.objects.filter(pk=plan.pk).update(
                    approved_on=timezone.localdate(request_obj.received_at) + timedelta(days=20)
                )
                plan.refresh_from_db()
                contact = MonitoringContact(
                    plan=plan,
                    contacted_on=start,
                    mode=ContactMode.PHONE,
                    notes="Opiekunka przychodzi zgodnie z harmonogramem; pani Zofia zadowolona.",
                    satisfaction=5,
                )
                contact.stamp(kipus)
                contact.save()
                plan.schedule_monitoring(contact.contacted_on)
                plan.save(update_fields=["next_contact_due", "next_quality_due"])
                month = month_start(version.valid_from)
                for item in version.items.all():
                    per_month = {"week": 20, "month": 2, "year": 1}[item.per]
                    day = month
                    while day < month_start(timezone.localdate()):
                        workflows.record_delivery(item, day, per_month, kipus)
                        day = add_months(day, 1)
            created += 1
    if stdout:
        stdout.write(f"Plany IPUS (demo): {created} nowych")
    return created


# A stand-in for the scanned signed contract of the demo's active plan.
DEMO_SCAN = b"%PDF-1.4\n% skan podpisanej umowy (demo)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
