"""Fictional residents for the demo: generated, checksum-valid PESELs, flagged as demo records."""

from datetime import date

from django.db import transaction

from cus import pesel
from ipus.choices import Disability, EmploymentSituation, MaritalStatus, YesNoUnknown
from ipus.models import Person

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
    if stdout:
        stdout.write(f"Mieszkańcy (demo): {len(RESIDENTS)}")
