import io

import pypdf
import pytest

from cus.models import CentreProfile
from cus.pdf import render_pdf


def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def centre(db):
    centre = CentreProfile(
        name="Centrum Usług Społecznych w Starachowicach",
        street="ul. Majówka 21a",
        postal_code="27-200",
        town="Starachowice",
        phone="41 000 00 00",
        email="sekretariat@cus.example.pl",
        director_name="Anna Kowalska-Łęcka",
    )
    centre.save()
    return centre


def test_the_pdf_helper_keeps_polish_letters(centre):
    data = render_pdf("pdf/letterhead_sample.html")
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "Zażółć gęślą jaźń" in text
    assert "ZAŻÓŁĆ GĘŚLĄ JAŹŃ" in text
    assert "Centrum Usług Społecznych w Starachowicach" in text
    assert "Anna Kowalska-Łęcka" in text


def test_the_pdf_has_a_letterhead_and_a_page_footer(centre):
    text = pdf_text(render_pdf("pdf/letterhead_sample.html")).replace("\xa0", " ")
    assert "ul. Majówka 21a, 27-200 Starachowice" in text
    assert "Strona 1 z 1" in text


def test_the_pdf_embeds_its_fonts(centre):
    reader = pypdf.PdfReader(io.BytesIO(render_pdf("pdf/letterhead_sample.html")))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()


def test_documents_cannot_pull_in_files_from_outside_the_app(centre, tmp_path, settings):
    from cus.pdf import LocalFilesOnly

    fetcher = LocalFilesOnly()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("http://127.0.0.1/logo.png")
