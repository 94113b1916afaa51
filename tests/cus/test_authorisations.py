"""The register of authorisations (KPA art. 268a): kept by the director and the administrator,
each with its document stored, checked like every upload and served through the access log."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cus.choices import AuthorisationScope
from cus.models import AccessLog, Authorisation
from tests.factories import pdf_bytes

TODAY = timezone.localdate()


def form(user, **changes):
    data = {
        "user": user.pk,
        "scope": AuthorisationScope.IPUS_REFUSALS,
        "reference": "CUS.077.2.2026",
        "valid_from": TODAY.isoformat(),
        "valid_to": (TODAY + timedelta(days=365)).isoformat(),
        "document_file": SimpleUploadedFile("upowaznienie.pdf", pdf_bytes()),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("keeper", ["director", "administrator"])
def test_the_director_and_the_administrator_keep_the_register(
    keeper, request, client, ous, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(request.getfixturevalue(keeper))
    response = client.post(reverse("cus:authorisation-create"), form(ous))
    assert response.status_code == 302
    authorisation = Authorisation.objects.get()
    assert (authorisation.user, authorisation.scope) == (ous, AuthorisationScope.IPUS_REFUSALS)
    assert authorisation.document.read() == pdf_bytes()
    listing = client.get(reverse("cus:authorisation-list")).text
    assert "CUS.077.2.2026" in listing and "w mocy" in listing
    document = client.get(reverse("cus:authorisation-document", args=[authorisation.pk]))
    assert document.content == pdf_bytes()
    assert AccessLog.objects.filter(
        action="download", object_id=str(authorisation.pk), content_type__model="authorisation"
    ).exists()
    # Revoked: the end date moves, the document stays.
    update = reverse("cus:authorisation-update", args=[authorisation.pk])
    client.post(
        update,
        form(
            ous,
            valid_to=TODAY.isoformat(),
            document_file="",
            version=authorisation.version,
        ),
    )
    authorisation.refresh_from_db()
    assert authorisation.valid_to == TODAY and authorisation.document.read() == pdf_bytes()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"valid_to": (TODAY - timedelta(days=1)).isoformat()}, "przed jego początkiem"),
        ({"document_file": ""}, "Dołącz upoważnienie"),
        (
            {"document_file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 <script>x</script>")},
            "ze względów bezpieczeństwa",
        ),
    ],
)
def test_a_bad_authorisation_is_refused_in_polish(
    changes, message, client, director, ous, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(director)
    response = client.post(reverse("cus:authorisation-create"), form(ous, **changes))
    assert response.status_code == 200 and message in response.text
    assert not Authorisation.objects.exists()


@pytest.mark.parametrize("persona", ["kipus", "ous", "iod"], indirect=True)
def test_no_one_else_opens_the_register(persona, client):
    client.force_login(persona)
    assert client.get(reverse("cus:authorisation-list")).status_code == 403
    assert client.post(reverse("cus:authorisation-create"), {}).status_code == 403


def test_the_admin_takes_the_document_as_the_register_does(
    client, administrator, ous, settings, tmp_path
):
    """Staff use the admin too: an authorisation added there asks for its signed document
    (without one the register's page could never save it again) and stores it."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(administrator)
    add = reverse("admin:cus_authorisation_add")
    assert 'enctype="multipart/form-data"' in client.get(add).text
    data = form(ous)
    del data["document_file"]
    refused = client.post(add, data)
    assert refused.status_code == 200 and "Dołącz upoważnienie" in refused.text
    assert not Authorisation.objects.exists()
    assert client.post(add, form(ous)).status_code == 302
    authorisation = Authorisation.objects.get()
    assert authorisation.document.read() == pdf_bytes()
    # Opened again and saved without a new file: the document stays.
    change = reverse("admin:cus_authorisation_change", args=[authorisation.pk])
    data = form(ous, reference="CUS.077.5.2026", version=authorisation.version)
    del data["document_file"]
    assert client.post(change, data).status_code == 302
    authorisation.refresh_from_db()
    assert authorisation.reference == "CUS.077.5.2026"
    assert authorisation.document.read() == pdf_bytes()
