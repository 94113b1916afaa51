"""Uploads are read whole, not by their first bytes: a PDF that is broken, or that could run
anything in a reader, is refused with a Polish message by every form that takes files.

The hostile files are built here with pypdf. Every file field of every form of the project
and of its admin is found through the form registry (tests/security/registry.py), so a new
upload field cannot skip the check.
"""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from cus.documents import PDF, DocumentUploadField, check_pdf
from cus.models import StoredDocument
from cus.pdf import render_pdf
from osl.models import Activity
from tests.factories import pdf_bytes
from tests.security.registry import admin_form_classes, project_form_classes
from tests.security.test_permission_matrix import catalogue_world

# File fields that take no documents, with what they take instead; any other file field
# must be a DocumentUploadField (which parses PDFs through cus.documents.check_pdf).
NOT_DOCUMENTS = {
    # A provider's CSV of deliveries: decoded as text and parsed, never stored.
    "ipus.forms.DeliveryImportForm.file",
    # The centre's logo: Pillow must open it as a PNG or JPEG (CentreProfileForm.clean_logo).
    "cus.forms.CentreProfileForm.logo",
    "admin:cus.centreprofile.logo",
}


def _pdf(build=None):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if build:
        build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _dict(**entries):
    return DictionaryObject(
        {
            NameObject(f"/{key}"): NameObject(value)
            if isinstance(value, str) and value.startswith("/")
            else value
            for key, value in entries.items()
        }
    )


def _javascript(code="app.alert('CUS');"):
    return _dict(S="/JavaScript", JS=TextStringObject(code))


def _link(writer, action):
    page = writer.pages[0]
    rect = ArrayObject([FloatObject(v) for v in (10, 10, 200, 40)])
    page[NameObject("/Annots")] = ArrayObject(
        [_dict(Type="/Annot", Subtype="/Link", Rect=rect, A=action)]
    )


def _set(key, value):
    def build(writer):
        writer.root_object[NameObject(key)] = value

    return build


def _names_javascript(writer):
    tree = _dict(Names=ArrayObject([TextStringObject("cus"), _javascript()]))
    writer.root_object[NameObject("/Names")] = _dict(JavaScript=tree)


def _page_action(writer):
    writer.pages[0][NameObject("/AA")] = _dict(O=_javascript())


WEB_PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>\n"

# Each hostile file, built here, and the words of its refusal.
HOSTILE = {
    "a PDF header followed by a web page": (lambda: b"%PDF-1.4\n" + WEB_PAGE, "kod HTML"),
    "a whole PDF with a web page after it": (lambda: _pdf() + WEB_PAGE, "kod HTML"),
    "a PDF cut in half": (lambda: _pdf()[: len(_pdf()) // 2], "Nie da się odczytać"),
    "a PDF header alone": (lambda: b"%PDF-1.7\n", "Nie da się odczytać"),
    "JavaScript run on opening": (
        lambda: _pdf(_set("/OpenAction", _javascript())),
        "skrypt (JavaScript)",
    ),
    "a program launched on opening": (
        lambda: _pdf(_set("/OpenAction", _dict(S="/Launch", F=TextStringObject("cmd.exe")))),
        "uruchomienia programu",
    ),
    "document-level JavaScript": (lambda: _pdf(_names_javascript), "skrypt (JavaScript)"),
    "JavaScript on a page event (/AA)": (lambda: _pdf(_page_action), "(/AA)"),
    "a link that launches a program": (
        lambda: _pdf(lambda w: _link(w, _dict(S="/Launch", F=TextStringObject("calc.exe")))),
        "uruchomienia programu",
    ),
    "a link that submits a form": (
        lambda: _pdf(
            lambda w: _link(w, _dict(S="/SubmitForm", F=TextStringObject("https://x.invalid/")))
        ),
        "wysyłającą lub wczytującą dane",
    ),
    "an embedded file": (
        lambda: _pdf(lambda w: w.add_attachment("faktura.exe", b"MZ\x90\x00")),
        "osadzone pliki",
    ),
    "an XFA form": (
        lambda: _pdf(
            _set("/AcroForm", _dict(Fields=ArrayObject(), XFA=TextStringObject("<xdp:xdp/>")))
        ),
        "formularz XFA",
    ),
}


def harmless_pdfs():
    """What must still pass: pypdf's blank page, one that opens at its first page, our own
    WeasyPrint document."""

    def open_at_first_page(writer):
        page = writer.pages[0].indirect_reference
        writer.root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])

    return {
        "a blank page": pdf_bytes(),
        "a PDF that opens at its first page": _pdf(open_at_first_page),
        "a document of the centre": render_pdf("pdf/letterhead_sample.html"),
    }


def file_fields(user):
    """(name, field) of every file field of every project form and admin change form."""
    classes = {**project_form_classes(), **admin_form_classes(user)}
    return [
        (f"{form_name}.{name}", field)
        for form_name, form_class in classes.items()
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.FileField)
    ]


def takes_pdfs(field):
    return isinstance(field, DocumentUploadField) and PDF in field.content_types


def _upload(data, name="dokument.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(username="t-super", is_superuser=True, is_staff=True)


def test_every_file_field_of_every_form_checks_documents_by_parsing_them(superuser):
    fields = file_fields(superuser)
    other = {name for name, field in fields if not isinstance(field, DocumentUploadField)}
    assert other == NOT_DOCUMENTS, "a new file field: use cus.documents.DocumentUploadField"
    # The two: a public service's regulations and an OSL activity's evidence.
    pdf_fields = {name for name, field in fields if takes_pdfs(field)}
    assert {"services.forms.ServiceForm.regulations_file", "osl.forms.ActivityForm.evidence"} <= (
        pdf_fields
    )
    assert len(pdf_fields) >= 5


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_file_field_refuses_the_hostile_pdf_with_a_polish_message(hostile, superuser):
    build, reason = HOSTILE[hostile]
    data = build()
    with pytest.raises(forms.ValidationError) as refused:
        check_pdf(data)
    assert reason in refused.value.messages[0]
    accepted = []
    for name, field in file_fields(superuser):
        try:
            field.clean(_upload(data))
        except forms.ValidationError:
            continue
        if name != "ipus.forms.DeliveryImportForm.file":  # text, never stored (NOT_DOCUMENTS)
            accepted.append(name)
    assert not accepted, f"{hostile} was accepted by {accepted}"


def test_harmless_pdfs_are_accepted_by_every_field_that_takes_pdfs(superuser):
    for label, data in harmless_pdfs().items():
        check_pdf(data)  # raises if refused
        for name, field in file_fields(superuser):
            if takes_pdfs(field):
                assert field.clean(_upload(data)).data == data, f"{label} refused by {name}"


# --- The two pages ------------------------------------------------------------


@pytest.fixture
def world(people):
    return catalogue_world(people)


@pytest.mark.parametrize(
    "hostile",
    ["a PDF header followed by a web page", "a PDF cut in half", "JavaScript run on opening"],
)
def test_a_public_service_keeps_no_hostile_regulations(
    client, people, world, hostile, settings, tmp_path
):
    from cus import roles
    from tests.formdata import form_data

    settings.MEDIA_ROOT = tmp_path
    client.force_login(people[roles.OUS])
    service = world["service"]
    url = reverse("services:service-update", args=[service.pk])
    data = form_data(client.get(url).text, url)
    documents = StoredDocument.objects.count()
    response = client.post(
        url, {**data, "regulations_file": _upload(HOSTILE[hostile][0](), "regulamin.pdf")}
    )
    assert response.status_code == 200
    assert HOSTILE[hostile][1] in response.context["form"].errors["regulations_file"][0]
    assert StoredDocument.objects.count() == documents
    service.refresh_from_db()
    assert service.regulations_id is None


@pytest.mark.parametrize(
    "hostile",
    ["a whole PDF with a web page after it", "an embedded file", "a program launched on opening"],
)
def test_an_osl_activity_keeps_no_hostile_evidence(
    client, people, world, hostile, settings, tmp_path
):
    from cus import roles
    from tests.formdata import form_data

    settings.MEDIA_ROOT = tmp_path
    client.force_login(people[roles.ANIMATOR])
    url = reverse("osl:activity-create", args=[world["adopted_item"].pk])
    data = form_data(client.get(url).text, url)
    data.update(held_on="2026-02-02", place="Świetlica", description="Gry", participants="5")
    activities, documents = Activity.objects.count(), StoredDocument.objects.count()
    response = client.post(url, {**data, "evidence": _upload(HOSTILE[hostile][0](), "lista.pdf")})
    assert response.status_code == 200
    assert HOSTILE[hostile][1] in response.context["form"].errors["evidence"][0]
    assert (Activity.objects.count(), StoredDocument.objects.count()) == (activities, documents)
