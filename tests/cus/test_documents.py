"""Stored documents: exact bytes with their hash, uploads checked by content, the verify page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cus import signing
from cus.choices import DocumentKind
from cus.documents import DocumentUploadField
from cus.models import AccessLog, DocumentIntegrityError, StoredDocument
from cus.pdf import render_pdf
from tests.factories import pdf_bytes
from tests.signing_ca import SigningCA


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def frozen(db, kipus):
    data = render_pdf("pdf/letterhead_sample.html")
    return StoredDocument.store(data, kind=DocumentKind.FROZEN, title="IPUS/2026/1", user=kipus)


def test_a_stored_document_keeps_its_bytes_and_hash(frozen):
    data = frozen.read()
    assert frozen.sha256 == signing.pdf_sha256(data)
    assert frozen.size == len(data)
    assert "IPUS" not in frozen.file.name  # no titles or names on disk


def test_a_document_altered_on_disk_is_detected(frozen):
    with open(frozen.file.path, "ab") as handle:
        handle.write(b"%")
    with pytest.raises(DocumentIntegrityError):
        frozen.read()


@pytest.mark.parametrize(
    ("content", "accepted"),
    [
        (pdf_bytes(), True),
        (b"\x89PNG\r\n\x1a\n....", True),
        (b"\xff\xd8\xff\xe0....", True),
        (b"<html><script>alert(1)</script>", False),
        (b"MZ\x90\x00 executable", False),
        (b"", False),
    ],
)
def test_uploads_are_accepted_by_their_content_not_their_name(content, accepted, settings):
    field = DocumentUploadField()
    upload = SimpleUploadedFile("skan.pdf", content, content_type="application/pdf")
    if accepted:
        assert field.clean(upload).data == content
    else:
        with pytest.raises(Exception) as error:
            field.clean(upload)
        assert "nie jest dokumentem" in str(error.value) or "pusty" in str(error.value).lower()


def test_an_upload_over_the_limit_is_refused(settings):
    settings.CUS_UPLOAD_MAX_BYTES = 10
    upload = SimpleUploadedFile("skan.pdf", b"%PDF-" + b"x" * 20)
    with pytest.raises(Exception, match="za duży"):
        DocumentUploadField().clean(upload)


def test_the_verify_page_recognises_a_registered_document(client, kipus, frozen):
    client.force_login(kipus)
    upload = SimpleUploadedFile("plan.pdf", frozen.read(), content_type="application/pdf")
    response = client.post(reverse("cus:document-verify"), {"document": upload})
    assert "To jest dokładnie dokument zarejestrowany" in response.text
    assert "IPUS/2026/1" in response.text


def test_the_verify_page_finds_the_frozen_version_inside_a_signed_copy(
    client, director, frozen, tmp_path, settings
):
    ca = SigningCA()
    path = tmp_path / "c.p12"
    path.write_bytes(ca.issue_pkcs12("Centrum Usług Społecznych"))
    settings.CUS_SIGNING_P12_PATH, settings.CUS_SIGNING_P12_PASSWORD = str(path), "haslo-testowe"
    signed = signing.sign_as_centre(frozen.read(), "Centrum", "Zatwierdzenie")
    client.force_login(director)
    response = client.post(
        reverse("cus:document-verify"), {"document": SimpleUploadedFile("p.pdf", signed)}
    )
    assert "do którego później dodano podpisy" in response.text
    assert "Centrum Usług Społecznych" in response.text
    assert "nienaruszony" in response.text


def test_the_verify_page_says_an_unknown_pdf_is_not_registered(client, ous, db):
    client.force_login(ous)
    data = render_pdf("pdf/letterhead_sample.html") + b"\n% changed\n"
    response = client.post(
        reverse("cus:document-verify"), {"document": SimpleUploadedFile("x.pdf", data)}
    )
    assert "Tego pliku nie ma w rejestrze" in response.text


def test_the_verify_page_refuses_a_file_that_is_not_a_pdf(client, kipus):
    client.force_login(kipus)
    response = client.post(
        reverse("cus:document-verify"), {"document": SimpleUploadedFile("x.pdf", b"<html>")}
    )
    assert response.status_code == 200
    assert "nie jest dokumentem PDF" in response.text


@pytest.mark.parametrize(
    "persona", ["osl_organizer", "animator", "iod", "administrator"], indirect=True
)
def test_roles_without_case_documents_cannot_use_the_verify_page(client, persona):
    client.force_login(persona)
    assert client.get(reverse("cus:document-verify")).status_code == 403


def test_serving_a_document_logs_the_download_and_forbids_sniffing(rf, kipus, frozen):
    from cus.documents import document_response

    request = rf.get("/x/")
    request.user = kipus
    response = document_response(request, frozen, kipus)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == frozen.read()
    assert AccessLog.objects.filter(action="download", user=kipus).count() == 1
