"""Every printed document keeps "ul." (and "al.", "pl.", "os.", "nr", "tel.") on the line of
the street that follows, never splits a table row across pages and repeats a long table's
header on every page.

Enumerates the document templates (templates/pdf/*.html, each one a kind of PDF): each
extends pdf/base.html, whose stylesheet holds the table rules; each column-header row is
in <thead>; each address it prints goes through |keep_abbreviations (9 templates × 3).
Then the letterhead, the assessment, the contract and the service card are rendered with
a centre and a resident whose addresses are full of abbreviations: no line of their text
ends with one.
"""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
from django.conf import settings

from cus.models import CentreProfile
from cus.pdf import render_pdf
from tests.ipus.conftest import assessment, seed_services  # noqa: F401 (fixtures)

PDF_TEMPLATES = sorted(
    path.name
    for path in (Path(settings.BASE_DIR) / "templates" / "pdf").glob("*.html")
    if path.name != "base.html"
)
ABBREVIATIONS = ("ul.", "al.", "pl.", "os.", "nr", "tel.")
# Addresses long enough to wrap, with an abbreviation at many places along the line: a
# break after one of them would happen somewhere without the no-break spaces.
STREET = ", ".join(
    f"{abbreviation} {'Wyszyńskiego'[: 4 + n]} {n}"
    for n, abbreviation in enumerate(ABBREVIATIONS * 3)
)


def _source(name):
    return (Path(settings.BASE_DIR) / "templates" / "pdf" / name).read_text()


def test_every_document_template_extends_the_base_with_the_table_rules():
    base = " ".join(_source("base.html").split())
    assert "tr { break-inside: avoid;" in base
    assert "thead { display: table-header-group; }" in base
    for name in PDF_TEMPLATES:
        assert _source(name).startswith('{% extends "pdf/base.html" %}'), name


class _HeaderRows(HTMLParser):
    """Rows made only of <th> cells (column headers) outside <thead>."""

    def __init__(self):
        super().__init__()
        self.in_thead, self.row, self.loose = False, None, []

    def handle_starttag(self, tag, attrs):
        if tag == "thead":
            self.in_thead = True
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.row.append(tag)

    def handle_endtag(self, tag):
        if tag == "thead":
            self.in_thead = False
        elif tag == "tr" and self.row is not None:
            if self.row and set(self.row) == {"th"} and not self.in_thead:
                self.loose.append(self.getpos()[0])
            self.row = None


@pytest.mark.parametrize("name", PDF_TEMPLATES)
def test_column_headers_are_in_thead_so_they_repeat_on_every_page(name):
    parser = _HeaderRows()
    parser.feed(_source(name))
    assert parser.loose == [], f"{name}: header rows outside <thead> at lines {parser.loose}"


def _lines(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


ENDING = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, ABBREVIATIONS)) + r")\s*$")


@pytest.mark.parametrize("name", PDF_TEMPLATES)
def test_every_address_a_document_prints_goes_through_keep_abbreviations(name):
    """The source half: whatever prints an address (``address_line``, a snapshot's
    ``address``) in any document template is filtered."""
    printed = re.findall(r"\{\{\s*([\w.]*address\w*)([^}]*)\}\}", _source(name))
    for variable, filters in printed:
        assert filters.lstrip().startswith("|keep_abbreviations"), (name, variable)


def test_the_letterhead_prints_a_short_address_on_one_line(db):
    CentreProfile(
        name="Centrum Usług Społecznych w Starachowicach",
        street="ul. Majówka 21a",
        postal_code="27-200",
        town="Starachowice",
        phone="41 000 00 00",
        email="sekretariat@cus.example.pl",
        director_name="Anna Kowalska",
    ).save()
    letterhead = [line.replace("\xa0", " ") for line in _lines(render_pdf("pdf/base.html"))]
    assert letterhead[0] == "Centrum Usług Społecznych w Starachowicach"
    assert letterhead[1].startswith("ul. Majówka 21a, 27-200 Starachowice · tel. 41 000 00 00")


def test_the_documents_keep_abbreviations_on_the_street_line(
    client,
    ous,
    kipus,
    director,
    assessment,  # noqa: F811
):
    """The rendering half, with addresses long enough to wrap: the letterhead (every PDF
    has it: the sample), the assessment, the contract and the service card."""
    from ipus import pdf
    from tests.ipus.conftest import approved_plan

    CentreProfile(
        name="Centrum Usług Społecznych",
        street=STREET[:200],
        postal_code="27-200",
        town="Starachowice",
        phone="41 000 00 00",
        email="sekretariat@cus.example.pl",
        director_name="Anna Kowalska",
    ).save()
    person = assessment.request.person
    person.street = STREET[:150]
    person.save()
    plan = approved_plan(assessment, kipus, director)
    documents = {
        "letterhead": render_pdf("pdf/letterhead_sample.html"),
        "assessment": pdf.assessment_pdf_bytes(assessment),
        "contract": pdf.contract_pdf(plan.current_version, draft=True),
        "card": pdf.service_card_pdf_bytes(plan.current_version.items.first()),
    }
    for kind, data in documents.items():
        lines = _lines(data)
        assert any("Wyszy" in line for line in lines), kind  # the address is printed
        broken = [line for line in lines if ENDING.search(line)]
        assert broken == [], f"{kind}: a line ends with an abbreviation: {broken}"
