"""PAdES signatures: empty fields for the parties, the centre's stamp, validation of copies."""

import io

import pytest
from pypdf import PdfReader

from cus import signing
from cus.pdf import render_pdf
from tests.signing_ca import SigningCA, sign_in_field

FIELDS = [
    signing.SignatureField("Uczestnik", -1, (60, 60, 260, 120)),
    signing.SignatureField("Centrum", -1, (330, 60, 530, 120)),
]


@pytest.fixture(scope="module")
def ca():
    return SigningCA()


@pytest.fixture
def centre_certificate(ca, tmp_path, settings):
    path = tmp_path / "centrum.p12"
    path.write_bytes(ca.issue_pkcs12("Centrum Usług Społecznych w Starachowicach"))
    settings.CUS_SIGNING_P12_PATH = str(path)
    settings.CUS_SIGNING_P12_PASSWORD = "haslo-testowe"
    return path


@pytest.fixture
def frozen(db):
    return signing.add_signature_fields(render_pdf("pdf/letterhead_sample.html"), FIELDS)


def _base_fonts(obj, depth=0):
    obj = obj.get_object()
    found = set()
    if hasattr(obj, "items"):
        if "/BaseFont" in obj:
            found.add(str(obj["/BaseFont"]))
        for key, value in obj.items():
            if key not in ("/Parent", "/P") and depth < 8:
                found |= _base_fonts(value, depth + 1)
    elif isinstance(obj, list):
        for value in obj:
            found |= _base_fonts(value, depth + 1)
    return found


def stamp_fonts(data, field_name):
    """Fonts used by the visible appearance of the signature in ``field_name``."""
    for reference in PdfReader(io.BytesIO(data)).pages[-1]["/Annots"]:
        annotation = reference.get_object()
        if annotation.get("/T") == field_name:
            return _base_fonts(annotation["/AP"]["/N"])
    return set()


def test_the_frozen_pdf_has_empty_fields_for_both_parties(frozen):
    fields = PdfReader(io.BytesIO(frozen)).get_fields()
    assert {"Uczestnik", "Centrum"} <= set(fields)


def test_without_a_certificate_nothing_is_signed(frozen, settings):
    settings.CUS_SIGNING_P12_PATH = ""
    assert signing.sign_as_centre(frozen, "Centrum", "Zatwierdzenie") is None


def test_the_centre_signs_with_a_visible_polish_stamp_that_validates(
    frozen, ca, centre_certificate
):
    signed = signing.sign_as_centre(frozen, "Centrum", "Zatwierdzenie planu")
    assert signed.startswith(frozen)
    assert any("DejaVuSans" in name for name in stamp_fonts(signed, "Centrum"))  # Polish letters
    result = signing.check_signed_copy(
        signed, frozen, roots=[ca.asn1_certificate], require_trusted=True
    )
    assert result.accepted, result.problems
    [check] = result.signatures
    assert check.field == "Centrum"
    assert "Centrum Usług Społecznych w Starachowicach" in check.signer
    assert check.intact and check.trusted


def test_a_participant_signature_after_the_centre_keeps_both_valid(
    frozen, ca, centre_certificate, tmp_path
):
    by_centre = signing.sign_as_centre(frozen, "Centrum", "Zatwierdzenie")
    participant = signing.signers.SimpleSigner.load_pkcs12_data(
        ca.issue_pkcs12("Jan Wąsowicz"), other_certs=[], passphrase=b"haslo-testowe"
    )
    both = signing.sign_as_centre(by_centre, "Uczestnik", "Akceptacja", signer=participant)
    result = signing.check_signed_copy(both, frozen, roots=[ca.asn1_certificate])
    assert result.accepted, result.problems
    assert [c.field for c in result.signatures] == ["Centrum", "Uczestnik"]
    assert "Jan Wąsowicz" in result.signatures[1].signer


def test_a_tampered_copy_is_rejected(frozen, ca, centre_certificate):
    signed = bytearray(signing.sign_as_centre(frozen, "Centrum", "Zatwierdzenie"))
    position = signed.find(b"/Producer")
    assert position > 0
    signed[position + 1] = ord("Q")
    result = signing.check_signed_copy(bytes(signed), frozen, roots=[ca.asn1_certificate])
    assert not result.accepted


def test_a_signed_foreign_document_is_rejected(frozen, ca, centre_certificate):
    from weasyprint import HTML

    foreign = signing.add_signature_fields(HTML(string="<p>Inny dokument</p>").write_pdf(), FIELDS)
    signed_foreign = signing.sign_as_centre(foreign, "Centrum", "Inny dokument")
    result = signing.check_signed_copy(signed_foreign, frozen, roots=[ca.asn1_certificate])
    assert result.signatures[0].intact
    assert not result.matches_frozen
    assert any("różni się" in problem for problem in result.problems)


def test_an_unsigned_or_broken_file_is_reported_not_crashed(frozen):
    assert "nie zawiera podpisu" in " ".join(
        signing.check_signed_copy(frozen, frozen, roots=[]).problems
    )
    assert (
        "To nie jest poprawny plik PDF"
        in signing.check_signed_copy(b"GIF89a", frozen, roots=[]).problems[0]
    )


def test_every_revision_of_a_signed_file_can_be_looked_up(frozen, centre_certificate):
    signed = signing.sign_as_centre(frozen, "Centrum", "Zatwierdzenie")
    assert signing.registered_prefixes(frozen)[-1] in signing.registered_prefixes(signed)
    assert signing.pdf_sha256(frozen) in signing.registered_prefixes(signed)


# --- Trust and podpis zaufany (issue 22) -------------------------------------------------

REASON = "Opatrzono pieczęcią ministra właściwego do spraw informatyzacji w imieniu: "


def test_an_untrusted_certificate_is_accepted_with_a_warning(frozen, ca):
    signed = sign_in_field(frozen, "Uczestnik", ca.issue_pkcs12("Jan Wąsowicz"), "Akceptuję")
    untrusted = signing.check_signed_copy(signed, frozen, roots=[SigningCA().asn1_certificate])
    assert untrusted.accepted
    [warning] = untrusted.warnings
    assert "podpis nieweryfikowalny: certyfikat spoza zaufanych" in warning
    assert "Jan Wąsowicz" in warning and "Uczestnik" in warning
    trusted = signing.check_signed_copy(signed, frozen, roots=[ca.asn1_certificate])
    assert trusted.accepted and not trusted.warnings
    assert trusted.as_dict()["warnings"] == [] and untrusted.as_dict()["warnings"] == [warning]


@pytest.mark.parametrize(
    ("reason", "name", "expected"),
    [
        (REASON + "(Zofia Kowalczyk, 41050312345)", None, "Zofia Kowalczyk"),
        (REASON + "Zofia Kowalczyk", None, "Zofia Kowalczyk"),
        ("Podpis zaufany", "Zofia Kowalczyk", "Zofia Kowalczyk"),
        ("Podpis zaufany", None, ""),
    ],
    ids=["reason-with-pesel", "reason", "name", "neither"],
)
def test_podpis_zaufany_names_the_person_inside_the_signature(frozen, ca, reason, name, expected):
    signed = sign_in_field(frozen, "Uczestnik", ca.issue_trusted_profile_seal(), reason, name)
    [check] = signing.read_signatures(signed, roots=[ca.asn1_certificate])
    assert check.signed_for == expected
    assert "pieczęć podpisu zaufanego" in check.signer  # the certificate is the minister's
    if expected:
        assert signing.describe_signer(check) == f"{expected} (podpis zaufany)"


def test_a_name_inside_another_signature_is_not_taken_for_the_signer(frozen, ca):
    """Only podpis zaufany's seal vouches for a name in the signature dictionary."""
    signed = sign_in_field(
        frozen, "Uczestnik", ca.issue_pkcs12("Jan Wąsowicz"), REASON + "Zofia Kowalczyk", "Zofia"
    )
    [check] = signing.read_signatures(signed, roots=[ca.asn1_certificate])
    assert check.signed_for == ""
    assert signing.describe_signer(check) == check.signer


def test_a_stored_report_gives_back_its_checks(frozen, ca):
    signed = sign_in_field(frozen, "Uczestnik", ca.issue_trusted_profile_seal(), REASON + "Ola")
    result = signing.check_signed_copy(signed, frozen, roots=[])
    [check] = signing.report_signatures(result.as_dict())
    assert check == result.signatures[0]
    # Reports stored before issue 22 lack the new keys.
    old = {"signatures": [{k: v for k, v in check.as_dict().items() if k != "signed_for"}]}
    assert signing.report_signatures(old)[0].signed_for == ""
    assert signing.report_signatures({}) == []
