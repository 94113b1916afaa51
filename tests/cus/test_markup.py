"""The narrative markup (cus/markup.py): paragraphs, lists and emphasis from plain text, and
nothing typed ever becomes HTML."""

import pytest
from django.template import Context, Template

from cus.markup import render_markup


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("", ""),
        ("Jeden akapit.", "<p>Jeden akapit.</p>"),
        ("Pierwszy.\n\nDrugi.", "<p>Pierwszy.</p>\n<p>Drugi.</p>"),
        ("Wiersz\ndrugi wiersz", "<p>Wiersz<br>drugi wiersz</p>"),
        ("Okna\r\n\r\nDrzwi", "<p>Okna</p>\n<p>Drzwi</p>"),
        ("- jabłka\n- gruszki", "<ul><li>jabłka</li><li>gruszki</li></ul>"),
        ("• jabłka\n* gruszki", "<ul><li>jabłka</li><li>gruszki</li></ul>"),
        ("1. pierwszy\n2. drugi", "<ol><li>pierwszy</li><li>drugi</li></ol>"),
        ("3) trzeci\n4) czwarty", '<ol start="3"><li>trzeci</li><li>czwarty</li></ol>'),
        (
            "Wnioski:\n- więcej zajęć\n- wolontariat\nKoniec.",
            "<p>Wnioski:</p>\n<ul><li>więcej zajęć</li><li>wolontariat</li></ul>\n<p>Koniec.</p>",
        ),
        ("**Animacja** to *pobudzanie*", "<p><strong>Animacja</strong> to <em>pobudzanie</em></p>"),
        ("- **Diagnoza**: badanie", "<ul><li><strong>Diagnoza</strong>: badanie</li></ul>"),
        ("2 * 3 * 4 i a*b", "<p>2 * 3 * 4 i a*b</p>"),
        ("-bez spacji to nie lista", "<p>-bez spacji to nie lista</p>"),
    ],
)
def test_every_construct(text, html):
    assert render_markup(text) == html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '**<img src=x onerror="alert(1)">**',
        "- <b>pogrubione?</b>",
        "1. <a href='javascript:x'>link</a>",
        '*" onmouseover="x*',
    ],
)
def test_nothing_typed_becomes_html(hostile):
    html = render_markup(hostile)
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<b>" not in html
    assert "&lt;" in html or "&quot;" in html


def test_the_filter_in_django_templates_and_in_jinja2():
    from django.template import engines

    text = "- <i>x</i>\n- **y**"
    expected = "<ul><li>&lt;i&gt;x&lt;/i&gt;</li><li><strong>y</strong></li></ul>"
    assert Template("{{ text|markup }}").render(Context({"text": text})) == expected
    assert engines["jinja2"].from_string("{{ text|markup }}").render({"text": text}) == expected
