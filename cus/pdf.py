"""Rendering documents to PDF (WeasyPrint, A4, embedded DejaVu fonts, letterhead).

Every printed document goes through ``render_pdf``: templates extend
``pdf/base.html``, which sets the page, the fonts with Polish glyphs, the centre's
letterhead and the "Strona X z Y" footer.
"""

import hashlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from cus.models import CentreProfile

# Browsers show PDFs in a viewer that the site's object-src 'none' would block;
# a PDF cannot run page scripts, so only framing is restricted.
PDF_CSP = "frame-ancestors 'none'"

FONTS_DIR = settings.BASE_DIR / "static" / "vendor" / "fonts" / "dejavu"


class LocalFilesOnly(URLFetcher):
    """Lets documents load only the app's own static files and the centre's logo.

    Text typed by users ends up in documents; it must never make the server
    fetch from the network or read arbitrary files.
    """

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file":
            raise ValueError(f"Blocked non-local resource in a PDF: {parts.scheme}:")
        path = Path(unquote(parts.path)).resolve()
        roots = (settings.BASE_DIR / "static", Path(settings.MEDIA_ROOT) / "centre")
        if not any(path.is_relative_to(root.resolve()) for root in roots):
            raise ValueError("Blocked file outside static/ and the centre's logo")
        return super().fetch(url, headers)


def _html(template_name, context, request):
    centre = CentreProfile.load()
    logo_uri = ""
    if centre.logo and Path(centre.logo.path).is_file():
        logo_uri = Path(centre.logo.path).as_uri()
    full_context = {
        "centre": centre,
        "centre_logo_uri": logo_uri,
        "fonts_uri": FONTS_DIR.as_uri(),
        **(context or {}),
    }
    html = render_to_string(template_name, full_context, request=request)
    return HTML(
        string=html,
        base_url=(settings.BASE_DIR / "static").as_uri() + "/",
        url_fetcher=LocalFilesOnly(allowed_protocols=("file", "data")),
    )


def _write(document):
    return document.write_pdf(
        pdf_variant=settings.CUS_PDF_VARIANT,
        # The documents are archived: keep a stable identifier-free output.
        custom_metadata=False,
    )


def render_pdf(template_name, context=None, request=None):
    """Render ``template_name`` with the centre's letterhead to PDF bytes."""
    return _write(_html(template_name, context, request).render(font_config=FontConfiguration()))


# CSS pixels (1/96 in) to PDF points (1/72 in).
PX_TO_PT = 0.75


def render_pdf_with_anchors(template_name, context=None, anchors=()):
    """Like ``render_pdf``, also telling where the elements with the ids in ``anchors`` landed.

    Returns (bytes, {id: (page index, (x1, y1, x2, y2))}): the element's box in
    PDF points, measured from the page's bottom-left (PDF coordinates) — what
    signature fields are placed by.
    """
    document = _html(template_name, context, None).render(font_config=FontConfiguration())
    positions = {}
    for index, page in enumerate(document.pages):
        for name, (left, top, right, bottom) in page.anchors.items():
            if name in anchors:
                positions[name] = (
                    index,
                    tuple(
                        round(value * PX_TO_PT)
                        for value in (left, page.height - bottom, right, page.height - top)
                    ),
                )
    return _write(document), positions


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def pdf_response(data, filename, inline=True):
    """An HttpResponse carrying PDF bytes; ``filename`` without the extension."""
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    safe_name = slugify(filename) or "dokument"
    response["Content-Disposition"] = f'{disposition}; filename="{safe_name}.pdf"'
    response["Content-Security-Policy"] = PDF_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response
