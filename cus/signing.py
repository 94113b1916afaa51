"""Electronic signatures on the centre's documents (pyHanko, PAdES).

- ``add_signature_fields`` puts empty signature fields for the parties into a
  generated PDF, so either party may also sign it electronically (qualified
  signature or podpis zaufany).
- ``sign_as_centre`` signs a frozen PDF on the centre's behalf with a visible
  stamp, when a PKCS#12 certificate is configured (CUS_SIGNING_P12_PATH and
  CUS_SIGNING_P12_PASSWORD).
- ``check_signed_copy`` validates every signature of a returned e-signed PDF and
  whether what was signed is exactly the frozen version; a signature whose certificate
  does not chain to CUS_SIGNING_TRUST_ROOTS is accepted with a warning ("podpis
  nieweryfikowalny: certyfikat spoza zaufanych"), shown at upload and with the copy.
- a signature made with podpis zaufany names the person inside the signature (the
  minister's seal is the same for everyone): ``read_signatures`` reads that name.
- ``registered_prefixes`` finds which revision of any PDF is a document the
  centre froze, for the "verify a document" page.

All signing is incremental: a signed copy starts with the frozen bytes, byte for
byte, which is how a copy is matched to its frozen version.
"""

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)

PDF_EOF = b"%%EOF"


@dataclass(frozen=True)
class SignatureField:
    """An empty signature field: its name, the page (0-based, -1 = last) and box in points."""

    name: str
    page: int
    box: tuple[int, int, int, int]


def add_signature_fields(pdf_bytes, signature_fields):
    """Return ``pdf_bytes`` with empty signature fields appended (incremental update)."""
    reader_pages = PdfFileReader(io.BytesIO(pdf_bytes)).root["/Pages"]["/Count"]
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    for spec in signature_fields:
        page = spec.page if spec.page >= 0 else reader_pages + spec.page
        fields.append_signature_field(
            writer, fields.SigFieldSpec(sig_field_name=spec.name, on_page=page, box=spec.box)
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# DejaVu Sans rescaled to 1000 units per em, the grid pyHanko's stamp layout
# assumes (made with fontTools.ttLib.scaleUpem; see static/vendor/VERSIONS.txt).
STAMP_FONT = "static/vendor/fonts/dejavu/DejaVuSans-1000upem.ttf"


def stamp_font_path():
    return str(settings.BASE_DIR / STAMP_FONT)


def centre_signer():
    """The centre's signer from the configured PKCS#12 file, or None when not configured."""
    path = settings.CUS_SIGNING_P12_PATH
    if not path:
        return None
    password = settings.CUS_SIGNING_P12_PASSWORD
    signer = signers.SimpleSigner.load_pkcs12(
        path, passphrase=password.encode() if password else None
    )
    if signer is None:
        raise ValueError(f"Cannot load the signing certificate from {path}")
    return signer


def sign_as_centre(pdf_bytes, field_name, reason, signer=None):
    """Sign ``pdf_bytes`` in the (existing or new) field ``field_name`` on the centre's behalf.

    Returns the signed bytes, or None when no certificate is configured.
    """
    signer = signer or centre_signer()
    if signer is None:
        return None
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    style = TextStampStyle(
        stamp_text=_("Podpisano elektronicznie\n%(signer)s\n%(ts)s"),
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(stamp_font_path(), font_size=8)),
        timestamp_format="%Y-%m-%d %H:%M %Z",
        border_width=1,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name=field_name, reason=reason, location="Polska"),
        signer=signer,
        stamp_style=style,
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


@dataclass
class SignatureCheck:
    """What validation found about one signature of a PDF.

    ``signer`` is the certificate's subject; ``signed_for`` the person a podpis zaufany
    names inside the signature (empty for any other signature). ``trusted``: the
    certificate chains to a root of CUS_SIGNING_TRUST_ROOTS.
    """

    field: str
    signer: str
    signed_at: str
    intact: bool
    trusted: bool
    covers_whole_file: bool
    modification_level: str
    signed_for: str = ""

    def as_dict(self):
        return self.__dict__.copy()


@dataclass
class SignedCopyCheck:
    """The verdict on a returned e-signed PDF: ``problems`` refuse it, ``warnings`` do not."""

    signatures: list[SignatureCheck] = field(default_factory=list)
    matches_frozen: bool = False
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def accepted(self):
        return not self.problems

    def as_dict(self):
        return {
            "signatures": [check.as_dict() for check in self.signatures],
            "matches_frozen": self.matches_frozen,
            "problems": self.problems,
            "warnings": self.warnings,
        }


# Podpis zaufany (the trusted profile, ePUAP, pz.gov.pl) seals a PDF with one certificate
# for everybody: "Minister do spraw informatyzacji - pieczęć podpisu zaufanego",
# Ministerstwo Cyfryzacji, organizationIdentifier VATPL-5252955037 (a qualified seal from
# Centrum Kwalifikowane EuroCert, under Narodowe Centrum Certyfikacji). The person is
# named in the signature dictionary, which the seal covers: its /Reason reads "Opatrzono
# pieczęcią ministra właściwego do spraw informatyzacji w imieniu: (Imię Nazwisko, …)",
# and /Name may carry the name too.
TRUSTED_PROFILE_ORGANIZATION_ID = "VATPL-5252955037"
TRUSTED_PROFILE_SEAL_NAME = "pieczęć podpisu zaufanego"
_ON_BEHALF_OF = re.compile(r"w\s+imieniu\s*:?\s*\(?\s*([^,()\n]+)", re.IGNORECASE)


def is_trusted_profile_seal(cert):
    """Is ``cert`` (asn1crypto) the minister's seal that podpis zaufany signs with?"""
    subject = cert.subject.native
    return subject.get("organization_identifier") == TRUSTED_PROFILE_ORGANIZATION_ID or (
        TRUSTED_PROFILE_SEAL_NAME in str(subject.get("common_name", "")).lower()
    )


def signed_for(signature, cert):
    """The person a podpis zaufany signature names, or "" for any other signature."""
    if cert is None or not is_trusted_profile_seal(cert):
        return ""
    dictionary = signature.sig_object
    reason = str(dictionary.get("/Reason", "") or "")
    if match := _ON_BEHALF_OF.search(reason):
        return match.group(1).strip()
    name = str(dictionary.get("/Name", "") or "").strip()
    # /Name is the person's only when it is not the seal's own name.
    if name and name != cert.subject.native.get("common_name"):
        return name.split(",")[0].strip()
    return ""


def trust_roots():
    """Certificates the centre trusts for signatures (CUS_SIGNING_TRUST_ROOTS, PEM files)."""
    from asn1crypto import pem, x509

    roots = []
    for path in settings.CUS_SIGNING_TRUST_ROOTS:
        data = Path(path).read_bytes()
        if pem.detect(data):
            roots += [x509.Certificate.load(der) for _type, _hdr, der in pem.unarmor(data, True)]
        else:
            roots.append(x509.Certificate.load(data))
    return roots


def read_signatures(data, roots=None):
    """Validate every embedded signature; raises ValueError on a file that is not a PDF."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as error:
        raise ValueError(_("To nie jest poprawny plik PDF.")) from error
    context = ValidationContext(
        trust_roots=roots if roots is not None else trust_roots(), allow_fetching=False
    )
    checks = []
    for signature in embedded:
        try:
            status = validate_pdf_signature(signature, context)
        except Exception:
            logger.info("signature %s could not be validated", signature.field_name, exc_info=True)
            checks.append(
                SignatureCheck(signature.field_name, "?", "", False, False, False, "nieznany")
            )
            continue
        cert = status.signing_cert
        signed_at = status.signer_reported_dt.isoformat() if status.signer_reported_dt else ""
        checks.append(
            SignatureCheck(
                field=signature.field_name,
                signer=cert.subject.human_friendly if cert else "?",
                signed_at=signed_at,
                intact=bool(status.intact and status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage.name == "ENTIRE_FILE",
                modification_level=(
                    status.modification_level.name if status.modification_level else ""
                ),
                signed_for=signed_for(signature, cert),
            )
        )
    return checks


def describe_signer(check):
    """Who signed, for messages: the person of a podpis zaufany, or the certificate's subject."""
    if check.signed_for:
        return _("%(person)s (podpis zaufany)") % {"person": check.signed_for}
    return check.signer


def check_signed_copy(data, frozen_bytes, roots=None, require_trusted=False):
    """Validate a returned e-signed copy of ``frozen_bytes``."""
    result = SignedCopyCheck()
    try:
        result.signatures = read_signatures(data, roots)
    except ValueError as error:
        result.problems.append(str(error))
        return result
    result.matches_frozen = data.startswith(frozen_bytes)
    if not result.signatures:
        result.problems.append(_("Plik nie zawiera podpisu elektronicznego."))
    if not result.matches_frozen:
        result.problems.append(
            _("Podpisana treść różni się od zatwierdzonej wersji dokumentu — plik odrzucono.")
        )
    for check in result.signatures:
        if not check.intact:
            result.problems.append(
                _("Podpis w polu „%(field)s” jest nieważny lub dokument zmieniono po podpisaniu.")
                % {"field": check.field}
            )
        elif require_trusted and not check.trusted:
            result.problems.append(
                _("Certyfikat podpisu w polu „%(field)s” nie pochodzi z zaufanego wystawcy.")
                % {"field": check.field}
            )
        elif not check.trusted:
            result.warnings.append(trust_sentence(check))
    return result


def trust_sentence(check):
    """One sentence on a signature's signer and whether its certificate is trusted."""
    values = {"field": check.field, "signer": describe_signer(check)}
    if check.trusted:
        return (
            _(
                "Podpis w polu „%(field)s” (%(signer)s): podpis zweryfikowany — certyfikat "
                "z zaufanego urzędu certyfikacji."
            )
            % values
        )
    return (
        _(
            "Podpis w polu „%(field)s” (%(signer)s): podpis nieweryfikowalny: certyfikat spoza "
            "zaufanych. Sprawdź podpisującego inną drogą."
        )
        % values
    )


def report_signatures(report):
    """The SignatureChecks of a stored signature report (StoredDocument.signature_report)."""
    names = set(SignatureCheck.__dataclass_fields__)
    return [
        SignatureCheck(**{k: v for k, v in entry.items() if k in names})
        for entry in (report or {}).get("signatures", [])
    ]


def report_trusted(report):
    """Whether every signature of a stored report chains to a trusted root: True, False, or
    None when the report holds no signature (a paper copy's scan, no copy)."""
    checks = report_signatures(report)
    return all(check.trusted for check in checks) if checks else None


def pdf_sha256(data):
    return hashlib.sha256(data).hexdigest()


def registered_prefixes(data):
    """SHA-256 of every revision of ``data`` (each prefix ending at %%EOF), oldest first.

    A revision ends at %%EOF, with or without its end-of-line marker, so both
    forms are hashed.
    """
    hashes = []
    start = 0
    while (index := data.find(PDF_EOF, start)) != -1:
        end = index + len(PDF_EOF)
        hashes.append(hashlib.sha256(data[:end]).hexdigest())
        while end < len(data) and data[end : end + 1] in (b"\r", b"\n"):
            end += 1
        if end != index + len(PDF_EOF):
            hashes.append(hashlib.sha256(data[:end]).hexdigest())
        start = end
    return hashes
