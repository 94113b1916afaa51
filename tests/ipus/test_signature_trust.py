"""A participant's e-signed contract whose certificate does not chain to a trusted root is
accepted with a warning, at upload, on the version page and on the verification page; a
podpis zaufany shows the person named inside the signature, not only the minister's seal.

Every combination: a certificate from a trusted or a foreign CA, a personal certificate or
podpis zaufany's seal, through the upload (then on the version page and the plan page) and
through the verification page (8 cases).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipus import pdf
from ipus.choices import VersionStatus
from tests.ipus.conftest import approved_plan
from tests.signing_ca import TRUSTED_PROFILE_SEAL, SigningCA, sign_in_field

PERSON = "Zofia Kowalczyk"
TRUSTED = "podpis zweryfikowany"
UNTRUSTED = "podpis nieweryfikowalny: certyfikat spoza zaufanych"
CAS = {"trusted": SigningCA("Zaufany Testowy Urząd"), "foreign": SigningCA("Obcy Urząd")}


@pytest.fixture(autouse=True)
def _trust_one_ca(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    roots = tmp_path / "zaufane.pem"
    roots.write_bytes(CAS["trusted"].pem())
    settings.CUS_SIGNING_TRUST_ROOTS = [str(roots)]


def participant_signed(frozen, ca, kind):
    """The frozen contract signed in the participant's field."""
    if kind == "personal":
        return sign_in_field(frozen, pdf.PARTICIPANT_FIELD, ca.issue_pkcs12(PERSON), "Akceptuję")
    # As pz.gov.pl signs: the minister's seal, the person named in the signature dictionary.
    return sign_in_field(
        frozen,
        pdf.PARTICIPANT_FIELD,
        ca.issue_trusted_profile_seal(),
        "Opatrzono pieczęcią ministra właściwego do spraw informatyzacji "
        f"w imieniu: ({PERSON}, 41050312345)",
    )


def assert_shows_signer_and_trust(html, ca_name, kind, seal=True):
    """``seal``: the page shows the signatures' table (with the seal beside the person)."""
    text = " ".join(html.split())
    assert PERSON in text
    if kind == "trusted_profile":
        assert "podpis zaufany" in text
        assert not seal or TRUSTED_PROFILE_SEAL["common_name"] in text
        assert "41050312345" not in text  # the PESEL in the signature is not shown
    if ca_name == "trusted":
        assert TRUSTED in text and UNTRUSTED not in text
    else:
        assert UNTRUSTED in text and TRUSTED not in text


CASES = [(ca, kind) for ca in CAS for kind in ("personal", "trusted_profile")]


@pytest.mark.parametrize(("ca_name", "kind"), CASES)
def test_the_upload_shows_who_signed_and_whether_the_certificate_is_trusted(
    client, kipus, director, assessment, ca_name, kind
):
    plan = approved_plan(assessment, kipus, director)
    version = plan.current_version
    signed = participant_signed(version.document.read(), CAS[ca_name], kind)
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:version-signed-copy", args=[version.pk]),
        {
            "kind": "e_signed",
            "document": SimpleUploadedFile("umowa.pdf", signed, content_type="application/pdf"),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Dołączono podpisany egzemplarz" in html
    assert_shows_signer_and_trust(html, ca_name, kind, seal=False)  # the messages
    version.refresh_from_db()
    assert version.status == VersionStatus.SIGNED  # accepted, with the warning when foreign
    report = version.signed_copy.signature_report
    assert bool(report["warnings"]) == (ca_name == "foreign")
    # The copy's page keeps saying it.
    page = client.get(reverse("ipus:version-detail", args=[version.pk])).content.decode()
    assert "Podpisy elektroniczne podpisanego egzemplarza" in page
    assert_shows_signer_and_trust(page, ca_name, kind)
    # So does the plan page, where the versions and their signed copies are listed.
    plan_page = " ".join(client.get(plan.get_absolute_url()).text.split())
    if ca_name == "trusted":
        assert TRUSTED in plan_page and UNTRUSTED not in plan_page
    else:
        assert UNTRUSTED in plan_page and TRUSTED not in plan_page
        assert "nie można potwierdzić, kto podpisał" in plan_page


@pytest.mark.parametrize(("ca_name", "kind"), CASES)
def test_the_verification_page_shows_who_signed_and_whether_the_certificate_is_trusted(
    client, kipus, director, assessment, ca_name, kind
):
    plan = approved_plan(assessment, kipus, director)
    signed = participant_signed(plan.current_version.document.read(), CAS[ca_name], kind)
    client.force_login(director)
    response = client.post(
        reverse("cus:document-verify"),
        {"document": SimpleUploadedFile("umowa.pdf", signed, content_type="application/pdf")},
    )
    html = response.content.decode()
    assert "nienaruszony" in html
    assert_shows_signer_and_trust(html, ca_name, kind)
