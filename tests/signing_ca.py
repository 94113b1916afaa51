"""A throwaway certificate authority for signature tests, made in the test."""

import datetime
import io

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# The subject of the seal that podpis zaufany signs with (the real one is issued by
# Centrum Kwalifikowane EuroCert); cus.signing recognises it by these attributes.
TRUSTED_PROFILE_SEAL = {
    "common_name": "Minister do spraw informatyzacji - pieczęć podpisu zaufanego",
    "organization": "Ministerstwo Cyfryzacji",
    "organization_identifier": "VATPL-5252955037",
}


def _name(common_name, organization="Testowe CA", organization_identifier=None):
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
    ]
    if organization_identifier:
        attributes.append(
            x509.NameAttribute(x509.ObjectIdentifier("2.5.4.97"), organization_identifier)
        )
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class SigningCA:
    """A root certificate and a way to issue signing certificates from it."""

    def __init__(self, name="Testowy Urząd Certyfikacji"):
        self.key = _key()
        now = datetime.datetime.now(datetime.UTC)
        self.certificate = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(_name(name))
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(self.key, hashes.SHA256())
        )

    @property
    def asn1_certificate(self):
        return asn1_x509.Certificate.load(self.certificate.public_bytes(serialization.Encoding.DER))

    def pem(self):
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def issue_pkcs12(self, common_name, password=b"haslo-testowe", **subject):
        """A PKCS#12 archive with a signing key and certificate for ``common_name``.

        ``subject``: ``organization`` and ``organization_identifier`` of the subject.
        """
        key = _key()
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, **subject))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        return pkcs12.serialize_key_and_certificates(
            common_name.encode(),
            key,
            certificate,
            [self.certificate],
            serialization.BestAvailableEncryption(password),
        )

    def issue_trusted_profile_seal(self, password=b"haslo-testowe"):
        """A PKCS#12 archive of a seal with the subject of podpis zaufany's."""
        subject = dict(TRUSTED_PROFILE_SEAL)
        return self.issue_pkcs12(subject.pop("common_name"), password, **subject)


def sign_in_field(data, field_name, pkcs12_data, reason, name=None, password=b"haslo-testowe"):
    """``data`` signed in ``field_name`` as a participant's software would (pyHanko), with the
    signature dictionary's /Reason and, when given, /Name."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from cus import signing

    signer = signing.signers.SimpleSigner.load_pkcs12_data(
        pkcs12_data, other_certs=[], passphrase=password
    )
    metadata = signing.signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, name=name, location="Polska"
    )
    out = io.BytesIO()
    signing.signers.PdfSigner(metadata, signer=signer, stamp_style=_stamp_style()).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(data)), output=out
    )
    return out.getvalue()


def _stamp_style():
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    from cus import signing

    font = GlyphAccumulatorFactory(signing.stamp_font_path(), font_size=8)
    return TextStampStyle(stamp_text="%(signer)s\n%(ts)s", text_box_style=TextBoxStyle(font=font))
