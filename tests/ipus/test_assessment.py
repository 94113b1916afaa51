"""The needs assessment: snapshot, drafts that survive, completion rules, PDF, signing."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cus.models import AccessLog
from ipus.choices import AssessmentStatus, RequestStatus
from ipus.models import NeedsAssessment, Person, Request
from tests.services.factories import ServiceFactory


@pytest.fixture
def request_obj(db, kipus):
    person = Person.objects.create(
        first_name="Józef",
        last_name="Wąsik",
        birth_date=date(1939, 4, 4),
        town="Starachowice",
        id_document_type="id_card",
        id_document_number="XYZ1",
        health="Cukrzyca",
        disability="moderate",
    )
    return Request.objects.create(
        person=person, channel="in_person", coordinator=kipus, requested_text="Opieka"
    )


@pytest.fixture
def assessment(client, kipus, request_obj):
    client.force_login(kipus)
    client.post(reverse("ipus:assessment-start", args=[request_obj.pk]))
    return NeedsAssessment.objects.get()


def form_data(assessment, **changes):
    service = ServiceFactory(name="Usługi opiekuńcze")
    data = {
        "version": str(assessment.version),
        "assessed_on": "2026-11-20",
        "place": "home",
        "problem_areas": ["health", "self_care"],
        "problems": "Trudności z codzienną higieną",
        "readiness": "high",
        "coordinator_assessment": "Usługi zasadne i możliwe",
        "fee_information_given": "on",
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
        "rows-0-kind": "wanted",
        "rows-0-service": str(service.pk),
        "rows-0-unit": "godzina",
        "rows-0-quantity": "6",
        "rows-0-frequency": "tygodniowo",
        "rows-1-kind": "wanted",
        "rows-1-free_text": "Taksówka do lekarza",
        "rows-1-unit": "przejazd",
        "rows-1-quantity": "2",
        "rows-1-frequency": "w miesiącu",
    }
    data.update(changes)
    return data


def test_starting_moves_the_request_and_snapshots_the_person(assessment, request_obj):
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.ASSESSING
    assert assessment.person_snapshot["last_name"] == "Wąsik"
    assert assessment.person_snapshot["disability"] == "stopień umiarkowany"


def test_the_snapshot_does_not_change_when_the_person_is_edited(assessment, request_obj):
    Person.objects.filter(pk=request_obj.person_id).update(last_name="Nowak", health="Zdrów")
    assessment.refresh_from_db()
    assert assessment.person_snapshot["last_name"] == "Wąsik"
    assert assessment.person_snapshot["health"] == "Cukrzyca"


def test_autosave_keeps_a_draft_that_the_form_restores(client, assessment):
    url = reverse("ipus:assessment-autosave", args=[assessment.pk])
    response = client.post(
        url,
        {"problems": "Samotność po śmierci żony", "version": "1"},
        headers={"HX-Request": "true"},
    )
    assert "Szkic zapisany" in response.text
    page = client.get(reverse("ipus:assessment-update", args=[assessment.pk]))
    assert "Samotność po śmierci żony" in page.text
    assert "Przywrócono niezapisany szkic" in page.text
    assessment.refresh_from_db()
    assert assessment.problems == ""  # the record itself is untouched until saved


def test_a_failed_validation_keeps_the_input_as_the_draft(client, assessment):
    url = reverse("ipus:assessment-update", args=[assessment.pk])
    response = client.post(
        url, form_data(assessment, assessed_on="2026-13-45", problems="Ważne zdanie — źdźbło")
    )
    assert response.status_code == 200
    assert "Ważne zdanie — źdźbło" in response.text
    # Navigating away and back restores it.
    client.get(reverse("cus:home"))
    assert "Ważne zdanie — źdźbło" in client.get(url).text


def test_completing_needs_problems_assessment_fee_info_and_a_wanted_service(client, assessment):
    url = reverse("ipus:assessment-update", args=[assessment.pk])
    incomplete = form_data(
        assessment, problems="", fee_information_given="", **{"rows-TOTAL_FORMS": "0"}
    )
    incomplete["complete"] = "1"
    response = client.post(url, incomplete)
    for message in ("Opisz problemy", "informację o odpłatności", "co najmniej jedną usługę"):
        assert message in response.text
    data = form_data(assessment)
    data["complete"] = "1"
    assert client.post(url, data).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assert assessment.rows.count() == 2
    assert assessment.draft == {}


def test_the_pdf_holds_the_persons_data_with_polish_letters_and_signature_lines(client, assessment):
    data = form_data(assessment)
    data["complete"] = "1"
    client.post(reverse("ipus:assessment-update", args=[assessment.pk]), data)
    response = client.get(reverse("ipus:assessment-pdf", args=[assessment.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for element in (
        "INDYWIDUALNA DIAGNOZA POTRZEB",
        "Józef Wąsik",
        "Cukrzyca",
        "Usługi opiekuńcze",
        "Taksówka do lekarza",
        "podpis osoby zainteresowanej",
        "podpis koordynatora",
    ):
        assert element in text, element
    assert AccessLog.objects.for_object(assessment).filter(action="print").exists()


def test_signing_freezes_the_pdf_and_a_scan_can_be_attached(client, assessment, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = form_data(assessment)
    data["complete"] = "1"
    client.post(reverse("ipus:assessment-update", args=[assessment.pk]), data)
    client.post(reverse("ipus:assessment-sign", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED
    frozen = assessment.document.read()
    # Later edits of the person change nothing in the signed document.
    Person.objects.filter(pk=assessment.request.person_id).update(last_name="Zmieniony")
    assert client.get(reverse("ipus:assessment-pdf", args=[assessment.pk])).content == frozen
    assert client.get(reverse("ipus:assessment-update", args=[assessment.pk])).status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("ipus:assessment-scan", args=[assessment.pk]),
        {"scan": SimpleUploadedFile("skan.jpg", b"\xff\xd8\xff\xe0 fake jpeg")},
    )
    assessment.refresh_from_db()
    assert assessment.signed_scan.original == assessment.document


def test_a_draft_cannot_be_signed(client, assessment):
    client.post(reverse("ipus:assessment-sign", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


@pytest.mark.parametrize(
    "persona", ["osl_organizer", "animator", "iod", "administrator"], indirect=True
)
def test_no_case_role_sees_an_assessment(client, persona, assessment):
    client.force_login(persona)
    for name in ("ipus:assessment-detail", "ipus:assessment-pdf", "ipus:assessment-update"):
        assert client.get(reverse(name, args=[assessment.pk])).status_code == 403


def test_another_kipus_reads_the_case_but_cannot_change_it(client, assessment, request_obj):
    from tests.factories import UserFactory

    colleague = UserFactory(username="kipus-2", role="KIPUS")
    client.force_login(colleague)
    assert client.get(reverse("ipus:assessment-detail", args=[assessment.pk])).status_code == 200
    assert "Edytuj" not in client.get(reverse("ipus:assessment-detail", args=[assessment.pk])).text
    assert client.get(reverse("ipus:assessment-update", args=[assessment.pk])).status_code == 404
    assert (
        client.post(
            reverse("ipus:assessment-autosave", args=[assessment.pk]), {"problems": "x"}
        ).status_code
        == 404
    )
    outcome = client.post(
        reverse("ipus:request-outcome", args=[request_obj.pk, "withdraw"]),
        {"withdraw-withdrawal_reason": "x"},
    )
    assert outcome.status_code == 404
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.ASSESSING


def test_the_ous_may_act_on_any_case(client, ous, request_obj, assessment):
    client.force_login(ous)
    client.post(
        reverse("ipus:request-outcome", args=[request_obj.pk, "withdraw"]),
        {"withdraw-withdrawal_reason": "Rezygnacja"},
    )
    request_obj.refresh_from_db()
    assert request_obj.status == RequestStatus.WITHDRAWN
