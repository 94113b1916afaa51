"""Uploaded and stored documents: checking uploads by content, serving them safely.

Uploads (signed scans, e-signed PDFs, evidence photos) are accepted by what the
bytes are, not by the name or the browser's claim, and up to a size limit. A PDF
is parsed whole (pypdf) and refused when it could run anything in a reader
(``check_pdf``). Stored files are served only through views that check
permissions and write the access log; they are never rendered as HTML (nosniff
and a sandboxing CSP).
"""

import io
import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from cus.access import log_access
from cus.choices import AccessAction
from cus.pdf import PDF_CSP

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
# A spreadsheet to import (never stored): a ZIP container; its reader checks the workbook inside.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SIGNATURES = {
    PDF: (b"%PDF-",),
    JPEG: (b"\xff\xd8\xff",),
    PNG: (b"\x89PNG\r\n\x1a\n",),
    XLSX: (b"PK\x03\x04",),
}
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", XLSX: "xlsx"}
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", XLSX: "XLSX"}


def sniff_content_type(data):
    """The type the bytes really are (PDF, JPEG or PNG), or None."""
    for content_type, magics in SIGNATURES.items():
        if any(data.startswith(magic) for magic in magics):
            return content_type
    return None


# What a PDF may hold that a reader would run or open, named as the refusal says it.
PDF_JAVASCRIPT = _("skrypt (JavaScript)")
PDF_OPEN_ACTION = _("akcję wykonywaną przy otwarciu pliku")
PDF_ADDITIONAL_ACTIONS = _("akcje wykonywane przy zdarzeniach (/AA)")
PDF_LAUNCH = _("polecenie uruchomienia programu lub pliku")
PDF_ACTIONS = _("akcję wysyłającą lub wczytującą dane")
PDF_EMBEDDED_FILES = _("osadzone pliki")
PDF_XFA = _("formularz XFA")
PDF_HTML = _("kod HTML (plik udaje PDF)")

# Action types (/S) by what they do; /GoTo (a page of the same file) and /URI (a link
# the reader asks about) are harmless and stay allowed.
PDF_ACTION_TYPES = {
    "/JavaScript": PDF_JAVASCRIPT,
    "/Launch": PDF_LAUNCH,
    "/SubmitForm": PDF_ACTIONS,
    "/ImportData": PDF_ACTIONS,
    "/GoToR": PDF_LAUNCH,
    "/GoToE": PDF_EMBEDDED_FILES,
    "/RichMediaExecute": PDF_JAVASCRIPT,
    "/Rendition": PDF_JAVASCRIPT,
}
PDF_KEYS = {
    "/JS": PDF_JAVASCRIPT,
    "/JavaScript": PDF_JAVASCRIPT,
    "/AA": PDF_ADDITIONAL_ACTIONS,
    "/EmbeddedFiles": PDF_EMBEDDED_FILES,
    "/EF": PDF_EMBEDDED_FILES,
    "/XFA": PDF_XFA,
}
PDF_TYPES = {
    "/EmbeddedFile": PDF_EMBEDDED_FILES,
    "/FileAttachment": PDF_EMBEDDED_FILES,
    "/RichMedia": PDF_JAVASCRIPT,
}
# A file a browser would also take for a web page (a PDF/HTML polyglot).
HTML_IN_PDF = re.compile(rb"<\s*(script|html|body|iframe|svg|object|embed)[\s>/]", re.IGNORECASE)
# Enough for any real document; a file built to make the walk endless is refused.
PDF_MAX_OBJECTS = 200_000


def check_pdf(data):
    """Raise ValidationError unless ``data`` is a PDF that parses whole and can run nothing.

    Refused: files pypdf cannot read (truncated, damaged, only a PDF header), password-
    protected files, JavaScript, an action on opening other than going to a page,
    additional actions (/AA), launch, submit and import actions, embedded files, XFA
    forms and HTML (a polyglot that a browser would render).
    """
    if HTML_IN_PDF.search(data):
        raise _pdf_refused(PDF_HTML)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        locked = reader.is_encrypted and not reader.decrypt("")
        found = None if locked else _pdf_hazard(reader)
    except Exception:  # pypdf raises many kinds of error on hostile bytes; all mean unreadable
        raise forms.ValidationError(
            _(
                "Nie da się odczytać tego pliku PDF: jest uszkodzony, niepełny albo nie jest "
                "dokumentem PDF. Zapisz go ponownie jako PDF i dołącz jeszcze raz."
            ),
            code="pdf_unreadable",
        ) from None
    if locked:
        raise forms.ValidationError(
            _("Plik PDF jest chroniony hasłem: dołącz go bez zabezpieczenia hasłem."),
            code="pdf_encrypted",
        )
    if found:
        raise _pdf_refused(found)


def _pdf_refused(what):
    return forms.ValidationError(
        _(
            "Ten plik PDF zawiera %(what)s — ze względów bezpieczeństwa takich plików nie "
            "przyjmujemy. Zapisz dokument ponownie jako zwykły PDF (np. „Drukuj” → „Zapisz "
            "jako PDF”) i dołącz go jeszcze raz."
        )
        % {"what": what},
        code="pdf_active_content",
    )


def _pdf_hazard(reader):
    """The first thing in the document's objects that a reader would run, or None.

    Walks every object reachable from the trailer (the catalogue, pages, annotations,
    forms, name trees), each once; content streams are not decoded (a reader does not
    run them).
    """
    if not len(reader.pages):
        raise PyPdfError("a PDF without pages")
    root = reader.trailer["/Root"].get_object()
    opening = root.get("/OpenAction")
    if opening is not None:
        opening = opening.get_object()
        # An explicit destination (which page, what zoom) is not an action.
        if isinstance(opening, DictionaryObject) and opening.get("/S") != "/GoTo":
            return PDF_ACTION_TYPES.get(opening.get("/S"), PDF_OPEN_ACTION)
    seen, pending = set(), [reader.trailer]
    while pending:
        node = pending.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            if len(seen) > PDF_MAX_OBJECTS:
                raise PyPdfError("too many objects")
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            found = (
                next((PDF_KEYS[key] for key in node if key in PDF_KEYS), None)
                or PDF_ACTION_TYPES.get(node.get("/S"))
                or PDF_TYPES.get(node.get("/Type"))
                or PDF_TYPES.get(node.get("/Subtype"))
            )
            if found:
                return found
            pending.extend(node.values())
        elif isinstance(node, ArrayObject):
            pending.extend(node)
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
        if content_type == PDF:
            check_pdf(content)
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
