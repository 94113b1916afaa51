"""Residents: PESEL-derived data, search before create, duplicates, access log, subject access."""

import json
from datetime import date

import pytest
from django.urls import reverse

from cus import pesel
from cus.models import AccessLog
from ipus.models import Person

JANINA = pesel.make(date(1942, 3, 14), serial=1234, sex=pesel.FEMALE)


def person_form(**changes):
    data = {
        "pesel": JANINA,
        "first_name": "Janina",
        "last_name": "Żółkiewska",
        "town": "Starachowice",
        "postal_code": "27-200",
        "disability": "none",
        "previous_social_assistance": "unknown",
        "version": "1",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def janina(db):
    return Person.objects.create(
        pesel=JANINA,
        first_name="Janina",
        last_name="Żółkiewska",
        birth_date=date(1942, 3, 14),
        town="Starachowice",
    )


def test_registering_with_a_pesel_derives_the_birth_date_and_sex(client, kipus):
    client.force_login(kipus)
    response = client.post(reverse("ipus:person-create"), person_form())
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.birth_date, person.sex) == (date(1942, 3, 14), "K")
    assert person.created_by == kipus


def test_a_wrong_pesel_is_refused_at_the_field_and_the_input_kept(client, kipus):
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:person-create"),
        person_form(pesel=JANINA[:-1] + "0" if JANINA[-1] != "0" else JANINA[:-1] + "1"),
    )
    assert "cyfra kontrolna" in response.text
    assert 'value="Żółkiewska"' in response.text
    assert not Person.objects.exists()


def test_without_a_pesel_a_document_and_birth_date_are_required(client, kipus):
    client.force_login(kipus)
    response = client.post(reverse("ipus:person-create"), person_form(pesel=""))
    assert "podaj rodzaj i numer dokumentu" in response.text
    assert "podaj datę urodzenia" in response.text
    ok = client.post(
        reverse("ipus:person-create"),
        person_form(
            pesel="",
            id_document_type="passport",
            id_document_number="AB123",
            birth_date="1980-05-05",
        ),
    )
    assert ok.status_code == 302
    assert Person.objects.get().pesel is None


def test_the_same_pesel_cannot_be_registered_twice(client, kipus, janina):
    client.force_login(kipus)
    response = client.post(reverse("ipus:person-create"), person_form(last_name="Inna"))
    assert "już istnieje" in response.text


def test_likely_duplicates_are_shown_until_confirmed(client, kipus, janina):
    client.force_login(kipus)
    other = pesel.make(date(1942, 3, 14), serial=5678, sex=pesel.FEMALE)
    response = client.post(reverse("ipus:person-create"), person_form(pesel=other))
    assert "Podobne osoby w rejestrze" in response.text
    assert Person.objects.count() == 1
    confirmed = client.post(
        reverse("ipus:person-create"), person_form(pesel=other, confirm_new="on")
    )
    assert confirmed.status_code == 302
    assert Person.objects.count() == 2


@pytest.mark.parametrize(
    "params",
    [{"q": JANINA}, {"q": "żółk"}, {"q": "Żółkiewska Janina"}, {"birth_date": "1942-03-14"}],
)
def test_search_finds_a_person_by_pesel_name_or_birth_date(client, kipus, janina, params):
    client.force_login(kipus)
    response = client.get(reverse("ipus:person-search"), params)
    assert list(response.context["object_list"]) == [janina]
    assert "Zarejestruj nową osobę" in response.text


def test_no_register_button_before_a_search(client, kipus):
    client.force_login(kipus)
    assert "Zarejestruj nową osobę" not in client.get(reverse("ipus:person-search")).text


def test_the_search_carries_over_into_the_new_person_form(client, kipus):
    client.force_login(kipus)
    response = client.get(reverse("ipus:person-create"), {"q": JANINA})
    assert response.context["form"].initial["pesel"] == JANINA


def test_every_view_of_a_person_is_logged(client, ous, janina):
    client.force_login(ous)
    client.get(reverse("ipus:person-detail", args=[janina.pk]))
    client.get(reverse("ipus:person-detail", args=[janina.pk]))
    assert AccessLog.objects.for_object(janina).filter(user=ous, action="view").count() == 2


def test_the_admin_logs_views_of_a_person(client, kipus, janina):
    client.force_login(kipus)
    assert client.get(reverse("admin:ipus_person_change", args=[janina.pk])).status_code == 200
    assert AccessLog.objects.for_object(janina).filter(user=kipus).exists()


def test_the_subject_access_export_holds_the_data_and_is_logged(client, director, janina):
    client.force_login(director)
    response = client.get(reverse("ipus:person-export", args=[janina.pk]))
    data = json.loads(response.content)
    assert data["osoba"]["nazwisko"] == "Żółkiewska"
    assert data["osoba"]["PESEL"] == JANINA
    assert AccessLog.objects.for_object(janina).filter(action="export").count() == 1


@pytest.mark.parametrize(
    "persona", ["osl_organizer", "animator", "iod", "administrator", "outsider"], indirect=True
)
def test_roles_without_case_access_never_see_a_person(client, persona, janina):
    client.force_login(persona)
    for url in (
        reverse("ipus:person-search") + "?q=Żółk",
        reverse("ipus:person-detail", args=[janina.pk]),
        reverse("ipus:person-export", args=[janina.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "Żółkiewska" not in response.text


def test_the_search_list_does_not_grow_queries_with_rows(client, kipus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_kowalskas(numbers):
        for i in numbers:
            Person.objects.create(
                first_name=f"A{i}",
                last_name="Kowalska",
                birth_date=date(1950, 1, 1),
                id_document_type="passport",
                id_document_number=str(i),
            )

    client.force_login(kipus)
    add_kowalskas(range(3))
    url = reverse("ipus:person-search") + "?q=kowal"
    client.get(url)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    add_kowalskas(range(3, 30))
    client.get(url)  # the total is recounted once after a change (cus.reports.cached_count)
    with CaptureQueriesContext(connection) as thirty:
        client.get(url)
    assert len(three) == len(thirty)


def test_demo_residents_have_valid_pesels_and_are_flagged(db):
    from ipus import demo

    demo.seed()
    demo.seed()
    assert Person.objects.count() == len(demo.RESIDENTS)
    for person in Person.objects.all():
        assert person.is_demo
        assert pesel.decode(person.pesel).birth_date == person.birth_date
