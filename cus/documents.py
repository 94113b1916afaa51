"""Uploaded and stored documents: checking uploads by content, serving them safely.

Uploads (signed scans, e-signed PDFs, evidence photos) are accepted by what the
bytes are, not by the name or the browser's claim, and up to a size limit. Stored
files are served only through views that check permissions and write the access
log; they are never rendered as HTML (nosniff and a sandboxing CSP).
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cus.access import log_access
from cus.choices import AccessAction
from cus.pdf import PDF_CSP

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

SIGNATURES = {
    PDF: (b"%PDF-",),
    JPEG: (b"\xff\xd8\xff",),
    PNG: (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}


def sniff_content_type(data):
    """The type the bytes really are (PDF, JPEG or PNG), or None."""
    for content_type, magics in SIGNATURES.items():
        if any(data.startswith(magic) for magic in magics):
            return content_type
    return None


@dataclass(frozen=True)
class Upload:
    """A checked upload: its bytes, real type and the name it came with."""

    data: bytes
    content_type: str
    name: str


class DocumentUploadField(forms.FileField):
    """A file field that accepts only the given real types, up to CUS_UPLOAD_MAX_BYTES.

    ``clean`` returns an :class:`Upload`.
    """

    def __init__(self, *args, content_types=(PDF, JPEG, PNG), **kwargs):
        self.content_types = tuple(content_types)
        kwargs.setdefault(
            "help_text",
            _("Dozwolone: %(types)s, do %(size)s.")
            % {
                "types": ", ".join(LABELS[t] for t in self.content_types),
                "size": filesizeformat(settings.CUS_UPLOAD_MAX_BYTES),
            },
        )
        super().__init__(*args, **kwargs)
        accept = ",".join(f".{EXTENSIONS[t]}" for t in self.content_types)
        self.widget.attrs.setdefault("accept", accept)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return uploaded
        if uploaded.size > settings.CUS_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Plik jest za duży (%(size)s); dopuszczalne najwyżej %(limit)s.")
                % {
                    "size": filesizeformat(uploaded.size),
                    "limit": filesizeformat(settings.CUS_UPLOAD_MAX_BYTES),
                }
            )
        content = uploaded.read()
        content_type = sniff_content_type(content)
        if content_type not in self.content_types:
            raise forms.ValidationError(
                _("Ten plik nie jest dokumentem %(types)s (sprawdzono jego zawartość).")
                % {"types": " ani ".join(LABELS[t] for t in self.content_types)}
            )
        return Upload(content, content_type, uploaded.name)


def gone(request, *, destroyed=None, anonymised_at=None):
    """410: a document destroyed at the end of its archival period, or one that would have
    to be generated from a person's data after it was anonymised (never done)."""
    return render(
        request,
        "cus/document_gone.html",
        {
            "destroyed": destroyed,
            "anonymised_at": anonymised_at,
            "archive": settings.CUS_ARCHIVE,
        },
        status=410,
    )


def document_response(request, document, logged_object, filename=None):
    """Serve a stored document's checked bytes and log the download of ``logged_object``.

    ``logged_object`` is None for public documents (e.g. a service's regulations). A
    document destroyed after its archival period answers 410 with the day it was.
    """
    if document.destroyed_on:
        return gone(request, destroyed=document)
    data = document.read()
    if logged_object is not None:
        log_access(request, logged_object, AccessAction.DOWNLOAD)
    response = HttpResponse(data, content_type=document.content_type)
    name = slugify(filename or document.title) or "dokument"
    extension = EXTENSIONS.get(document.content_type, "bin")
    disposition = "inline" if document.content_type == PDF else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    if document.content_type == PDF:
        response["Content-Security-Policy"] = PDF_CSP
    else:
        # Opened directly, an image can run nothing.
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response
