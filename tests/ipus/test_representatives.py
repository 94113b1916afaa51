"""Representatives in the documents (issue 23, point 6): a request filed by a legal
representative or a de-facto guardian carries them into every document that names the
person, with a signature line where the person signs; without one nothing is added."""

import inspect
import io
import re

import pytest
from pypdf import PdfReader

from cus.models import CentreProfile
from ipus import pdf, workflows
from ipus.choices import FiledBy, PlanStatus
from ipus.models import RefusalDecision
from tests.ipus.conftest import make_assessed_request, signed_plan

AUTHORITY = (
    "postanowienie Sądu Rejonowego w Starachowicach z dnia 3 marca 2025 r., sygn. I Ns 12/25"
)
REPRESENTATIVES = {
    FiledBy.LEGAL_REPRESENTATIVE: ("Jan Opiekuński", AUTHORITY),
    FiledBy.GUARDIAN: ("Halina Sąsiedzka", ""),
}


def text_of(data):
    return " ".join(
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )


@pytest.fixture
def documents_of(kipus, director, seed_services, settings, tmp_path):
    """``documents_of(filed_by)``: {document label: PDF bytes} for one case filed that way."""
    settings.MEDIA_ROOT = tmp_path
    CentreProfile.objects.create(
        name="Centrum Usług Społecznych w Starachowicach",
        street="ul. Radomska 24",
        postal_code="27-200",
        town="Starachowice",
        phone="41 275 00 00",
        email="cus@example.pl",
        director_name="Anna Dyrektorska",
    )

    def build(filed_by):
        assessment = make_assessed_request(kipus, seed_services, last_name=f"Wąsik-{filed_by}")
        request_obj = assessment.request
        if filed_by != FiledBy.PERSON:
            name, authority = REPRESENTATIVES[filed_by]
            request_obj.filed_by, request_obj.filer_name = filed_by, name
            request_obj.filer_authority, request_obj.filer_contact = authority, "tel. 600 100 200"
            request_obj.save()
        plan = signed_plan(assessment, kipus, director)
        annex = workflows.start_annex(plan, kipus)
        plan.status = PlanStatus.CLOSED
        plan.closing_notes = "Rozmowa podsumowująca"
        refusal = RefusalDecision(request=request_obj, decision="Odmawia się.", justification="—")
        builders = {
            "assessment": lambda: pdf.assessment_pdf_bytes(assessment),
            "contract": lambda: pdf.contract_pdf(plan.current_version),
            "annex": lambda: pdf.contract_pdf(annex),
            "closure": lambda: pdf.closure_pdf_bytes(plan),
            "refusal": lambda: pdf.refusal_pdf_bytes(refusal),
            "service_card": lambda: pdf.service_card_pdf_bytes(plan.current_version.items.first()),
        }
        assert set(builders) == {document.label for document in pdf.PERSON_DOCUMENTS}
        return {label: text_of(builder()) for label, builder in builders.items()}

    return build


def test_every_builder_and_template_that_names_the_person_is_in_the_registry():
    """A new document naming the person must be listed (and so tested below)."""
    builders = {
        function
        for name, function in inspect.getmembers(pdf, inspect.isfunction)
        if function.__module__ == pdf.__name__ and re.search(r"_pdf(_bytes)?$", name)
    }
    listed = {document.builder for document in pdf.PERSON_DOCUMENTS}
    assert builders - listed == set(pdf.NAMES_NOBODY)
    from django.conf import settings

    ipus_templates = {
        path.relative_to(settings.BASE_DIR / "templates").as_posix()
        for path in (settings.BASE_DIR / "templates" / "pdf").glob("*.html")
        if re.search(r"\b(person|snapshot)\.(first_name|last_name)\b", path.read_text())
    }
    assert ipus_templates == {document.template for document in pdf.PERSON_DOCUMENTS}


@pytest.mark.parametrize("filed_by", list(REPRESENTATIVES))
def test_every_document_names_the_representative_with_a_signature_line(documents_of, filed_by):
    name, authority = REPRESENTATIVES[filed_by]
    capacity = str(FiledBy(filed_by).label)
    texts = documents_of(filed_by)
    signing = {document.label: document.signed_by_person for document in pdf.PERSON_DOCUMENTS}
    for label, text in texts.items():
        assert name in text, label
        assert capacity in text, label
        assert (authority or "opiekun faktyczny działa bez dokumentu") in text, label
        signature = f"podpis — {capacity}"
        assert (signature in text) == signing[label], (label, text[-400:])


def test_without_a_representative_no_document_adds_anything(documents_of):
    for label, text in documents_of(FiledBy.PERSON).items():
        assert "W imieniu osoby działa" not in text, label
        assert "podpis —" not in text, label
        assert "do rąk" not in text, label


def test_the_assessment_keeps_the_representative_as_of_its_day_and_freezes_it(
    kipus, seed_services, settings, tmp_path
):
    """The snapshot taken when the assessment starts holds the representative; the signed
    (frozen) assessment prints that one even after the request changes."""
    settings.MEDIA_ROOT = tmp_path
    assessment = make_assessed_request(kipus, seed_services)
    request_obj = assessment.request
    assessment.delete()
    request_obj.filed_by, request_obj.filer_name = FiledBy.LEGAL_REPRESENTATIVE, "Jan Opiekuński"
    request_obj.filer_authority = AUTHORITY
    request_obj.save()
    assessment = workflows.start_assessment(request_obj, kipus)
    assert assessment.person_snapshot["representative"] == {
        "name": "Jan Opiekuński",
        "capacity": "przedstawiciel ustawowy",
        "authority": AUTHORITY,
        "contact": "",
    }
    request_obj.filer_name = "Ktoś Inny"
    request_obj.save()
    assessment.status = "completed"
    assessment.save()
    signed = workflows.sign_assessment(assessment, kipus)
    text = text_of(signed.document.read())
    assert "Jan Opiekuński" in text and "Ktoś Inny" not in text
    assert "podpis — przedstawiciel ustawowy" in text


def test_the_frozen_contract_names_the_representative(
    kipus, director, seed_services, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assessment = make_assessed_request(kipus, seed_services)
    request_obj = assessment.request
    request_obj.filed_by, request_obj.filer_name = FiledBy.GUARDIAN, "Halina Sąsiedzka"
    request_obj.save()
    plan = signed_plan(assessment, kipus, director)
    text = text_of(plan.current_version.document.read())
    assert "Halina Sąsiedzka" in text and "podpis — opiekun faktyczny" in text
