"""Polish numbers over the whole demo: every page and document each demo account reaches by
links (the walk of tests/cus/test_demo_documents.py over ``seed_demo``'s data) shows no
decimal point inside a number ("3.50", "(2.00)") and no count in the wrong form ("2
planów", "60 wizyta"); every XLSX keeps its numbers in number cells ("Przyznane
jednostki" was text) and every CSV writes them with the decimal comma.
"""

import csv
import html.parser
import io
import re

import pypdf
import pytest
from openpyxl import load_workbook

from cus import plurals
from cus.models import User
from services.choices import UNIT_FORMS
from tests.cus.test_demo_documents import DEMO_ACCOUNT, demo, walk  # noqa: F401 (the fixture)

# A number with one decimal point: not a date (01.12.2026: two points), not an address
# (127.0.0.1), not part of a word or a path (v1.2, /static/1.2/).
DECIMAL_POINT = re.compile(r"(?<![\w.,/:-])\d+\.\d+(?![\w/]|\.\d)")
# ...nor a short date: "20.12" (day.month, the to-do's labels), "11.2026" (month.year).
SHORT_DATE = re.compile(r"(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])|(0[1-9]|1[0-2])\.(19|20)\d\d")
# After these a count takes the genitive ("od 3 miesięcy", "z 5 usług"), or the number is a
# reference, not a count ("określone w pkt 3 działań" in the seeded plan, "art. 5 ustawy").
GENITIVE = re.compile(r"\b(od|do|z|ze|bez|dla|około|ponad|wśród|pkt|art|ust|nr)\.?\s+$")
# Forms of every counted word and unit, longest first (a count's noun in its wrong form).
NOUNS = [*plurals.WORDS.values(), *UNIT_FORMS.values()]
COUNT = re.compile(
    r"(?<![\w.,])(\d+(?:,\d+)?)\s+("
    + "|".join(
        re.escape(form)
        for form in sorted({f for forms in NOUNS for f in forms}, key=len, reverse=True)
    )
    + r")\b"
)
NUMBER_TEXT = re.compile(r"\s*-?\d+(?:[.,]\d+)?\s*")


# Where a page's text breaks: a number in one cell is not counting the word in the next.
BREAKS = {"td", "th", "tr", "li", "p", "div", "br", "dt", "dd", "option", "h1", "h2", "h3", "h4"}


class _Text(html.parser.HTMLParser):
    """What a person reads on a page: its text, without scripts and styles, a "|" between
    cells, items and paragraphs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        if tag in BREAKS:
            self.parts.append("|")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(content):
    parser = _Text()
    parser.feed(content.decode())
    return " ".join(" ".join(parser.parts).split())


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def wrong_counts(text):
    """("2 planów", expected "2 plany") for every count of a registered noun in a wrong form."""
    found = []
    for match in COUNT.finditer(text):
        shown, form = match.groups()
        n = plurals._decimal(shown.replace(",", "."))
        right = {forms.after(n) for forms in NOUNS if form in forms}
        if GENITIVE.search(text[max(0, match.start() - 12) : match.start()]):
            right |= {f for forms in NOUNS if form in forms for f in (forms.many, forms.fraction)}
        if form not in right:
            found.append((match.group(0), sorted(right)))
    return found


def problems(url, response):
    """What is wrong in one page or document of the walk."""
    kind = response.get("Content-Type", "")
    content = response.content
    if "spreadsheetml" in kind:
        found = []
        for sheet in load_workbook(io.BytesIO(content)).worksheets:
            # An identifier (the access log's record ids) is a label, not a quantity.
            labels = {
                cell.column for cell in sheet[1] if "identyfikator" in str(cell.value).lower()
            }
            found += [
                f"{url}: {sheet.title}!{cell.coordinate} {cell.value!r} is text"
                for row in sheet.iter_rows(min_row=2)
                for cell in row
                if cell.column not in labels
                and isinstance(cell.value, str)
                and NUMBER_TEXT.fullmatch(cell.value)
            ]
        return found
    if "text/csv" in kind:
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
        return [
            f"{url}: {value!r}" for row in rows for value in row if DECIMAL_POINT.fullmatch(value)
        ]
    if "application/pdf" in kind:
        try:
            text = pdf_text(content)
        except (pypdf.errors.PdfReadError, ValueError):
            return []  # an uploaded stand-in (the demo's "scans"), not a PDF the app made
    elif "text/html" in kind and response.status_code == 200:
        text = page_text(content)
    else:
        return []
    found = [
        f"{url}: decimal point in {m.group(0)!r}"
        for m in DECIMAL_POINT.finditer(text)
        if not SHORT_DATE.fullmatch(m.group(0))
    ]
    found += [f"{url}: {shown!r}, should be {right}" for shown, right in wrong_counts(text)]
    return found


@pytest.fixture(scope="module")
def scanned(demo):  # noqa: F811 (the imported fixture)
    """Each role's demo account's walk, with what is wrong on the pages and documents it reached."""
    found, kinds = {}, {}
    for role, username in DEMO_ACCOUNT.items():
        found[role] = []
        seen = kinds.setdefault(role, set())

        def check(url, response, found=found[role], seen=seen):
            seen.add(response.get("Content-Type", "").split(";")[0])
            found.extend(problems(url, response))

        walk(User.objects.get(username=username), on_response=check)
    return found, kinds


def test_the_scan_reads_pages_pdfs_and_spreadsheets(scanned, db):
    _found, kinds = scanned
    every = set().union(*kinds.values())
    assert {"text/html", "application/pdf"} <= every
    assert any("spreadsheetml" in kind for kind in every)


@pytest.mark.parametrize("role", sorted(DEMO_ACCOUNT), ids=str)
def test_no_page_or_document_of_the_demo_shows_a_decimal_point_or_a_wrong_plural(scanned, db, role):
    found, _kinds = scanned
    assert not found.get(role), "\n".join(sorted(set(found.get(role, []))))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Przekroczenia: 2 planów.", True),
        ("Wczytano 2 wierszy realizacji.", True),
        ("1 programów w mocy", True),
        ("60 wizyta miesięcznie", True),
        ("80 przejazd miesięcznie", True),
        ("40 zajęcia miesięcznie", True),  # "zajęcia" is right after 2–4 only
        ("Zrealizowano 1 działań", True),
        ("2 plany, 5 planów, 22 plany, 12 planów, 1 plan, 1,5 godziny", False),
        ("plan od 3 miesięcy do roku", False),
        ("Limit | 3 | godzina", False),
    ],
)
def test_the_scan_catches_the_counts_seen(text, wrong):
    assert bool(wrong_counts(text)) is wrong


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Średnie zadowolenie 3.97", True),
        ("harmonogram (2.00).", True),
        ("zatwierdzono 01.12.2026 r.", False),
        ("o 10:30", False),
        ("adres 127.0.0.1", False),
        ("wniosek z 20.12", False),
        ("od 11.2026", False),
        ("3,97", False),
    ],
)
def test_the_decimal_point_pattern_spares_dates_and_addresses(text, flagged):
    found = [m for m in DECIMAL_POINT.findall(text) if not SHORT_DATE.fullmatch(m)]
    assert bool(found) is flagged
