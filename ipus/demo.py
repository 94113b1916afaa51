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
