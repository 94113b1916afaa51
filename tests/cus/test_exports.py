import io
from datetime import UTC, datetime
from decimal import Decimal

from openpyxl import load_workbook

from cus.exports import workbook_bytes


def test_cells_keep_types_and_formulas_are_neutralised():
    data = workbook_bytes(
        [
            (
                "Arkusz",
                ["Tekst", "Liczba", "Kiedy"],
                [("=HYPERLINK(1)", 3, datetime(2026, 1, 5, 11, 0, tzinfo=UTC))],
            )
        ]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    text, number, when = next(sheet.iter_rows(min_row=2, values_only=True))
    assert text == "=HYPERLINK(1)"  # the value as typed, in a quote-prefixed text cell
    assert (sheet["A2"].data_type, sheet["A2"].quotePrefix) == ("s", True)
    assert number == 3
    assert when == datetime(2026, 1, 5, 12, 0)  # Warsaw time, as staff read it


def test_decimals_are_number_cells():
    """ "Przyznane jednostki" of the indicators was text ("18.69"): a spreadsheet could not sum it."""
    data = workbook_bytes([("Arkusz", ["Jednostki"], [(Decimal("18.69"),), (Decimal("6"),)])])
    sheet = load_workbook(io.BytesIO(data)).active
    assert [cell.data_type for (cell,) in sheet.iter_rows(min_row=2)] == ["n", "n"]
    assert sheet["A2"].value == 18.69
