"""Exports of tables to XLSX (XlsxWriter), shared by every app.

``xlsx_response(filename, sheets)`` takes sheets as (title, headers, rows) and
returns a workbook; rows are plain values (dates and numbers stay typed, so the
spreadsheet can sort and sum them). ``csv_response`` writes the same rows as a
Polish-Excel-friendly CSV.

Text typed by users ends up in these cells, and a spreadsheet reads a cell that
starts like a formula as one (OWASP "CSV injection"): every text cell of both
formats passes through ``looks_like_formula``. In XLSX such a cell is written as
a string with Excel's quote prefix (it stays text when edited, and the value is
unchanged); a CSV can only say so with a leading apostrophe.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from itertools import islice

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limit; the rest is cut rather than the export failing.
MAX_CELL = 32_767


# The starts OWASP lists (equals, plus, minus, at, tab, carriage return, line feed) and
# their full-width and small forms, which spreadsheets in East Asian locales also take
# for a formula.
FORMULA_STARTS = (
    "=", "+", "-", "@", "\t", "\r", "\n",
    "\uff1d", "\uff0b", "\uff0d", "\uff20",  # ＝ ＋ － ＠
    "\ufe66", "\ufe62", "\ufe63",  # ﹦ ﹢ ﹣
)  # fmt: skip


def looks_like_formula(text):
    """Would a spreadsheet read ``text`` as a formula? Leading blanks do not hide a start."""
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def _cell(value):
    """``value`` as an XLSX cell value: numbers and times typed, everything else text."""
    if isinstance(value, datetime):
        # Excel has no time zones: show local (Warsaw) time without the offset.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, date):
        return value  # a date cell: the spreadsheet sorts and filters by it
    if isinstance(value, int | float | Decimal):
        return value  # a number cell: the spreadsheet sums it
    # Lazy translations and model instances too: their text is what the cell shows.
    return str(value)[:MAX_CELL]


# Column widths are measured on the first rows: a streamed sheet sets them up front.
WIDTH_SAMPLE = 500
# Characters a sheet's name may not hold (Excel's rule).
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


class _Formats:
    def __init__(self, workbook):
        self.header = workbook.add_format({"bold": True})
        self.text_kept = workbook.add_format({"quote_prefix": True})
        self.moment = workbook.add_format({"num_format": "DD.MM.YYYY HH:MM"})
        self.day = workbook.add_format({"num_format": "DD.MM.YYYY"})


def _write(sheet, formats, row, column, value, text_format=None):
    """Write one value from ``_cell``: typed, formula-like text kept as quote-prefixed text."""
    if isinstance(value, datetime):
        sheet.write_datetime(row, column, value, formats.moment)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, formats.day)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, column, float(value))
    elif value == "":
        return
    elif looks_like_formula(value):
        sheet.write_string(row, column, value, formats.text_kept)
    else:
        sheet.write_string(row, column, value, text_format)


def workbook_bytes(sheets):
    """The workbook of ``sheets``, streamed row by row (XlsxWriter's constant-memory mode:
    an export of tens of thousands of rows takes seconds and little memory)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
            # Text stays text: never read as a formula, a link or a number.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    formats = _Formats(workbook)
    for title, headers, all_rows in sheets:
        sheet = workbook.add_worksheet(str(title).translate(SHEET_NAME_FORBIDDEN)[:31])
        rows = iter(all_rows)
        sample = [[_cell(value) for value in row] for row in islice(rows, WIDTH_SAMPLE)]
        widths = [len(str(header)) for header in headers]
        for values in sample:
            widths = [max(w, min(len(str(v)), 60)) for w, v in zip(widths, values, strict=False)]
        for index, width in enumerate(widths):
            sheet.set_column(index, index, width + 2)
        sheet.freeze_panes(1, 0)
        for column, header in enumerate(headers):
            _write(sheet, formats, 0, column, _cell(header), formats.header)
        for number, values in enumerate(sample, start=1):
            for column, value in enumerate(values):
                _write(sheet, formats, number, column, value)
        for number, row in enumerate(rows, start=len(sample) + 1):
            for column, value in enumerate(row):
                _write(sheet, formats, number, column, _cell(value))
    workbook.close()
    return buffer.getvalue()


def xlsx_response(filename, sheets):
    """An attachment response with the workbook; ``filename`` without the extension."""
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX)
    name = slugify(filename) or "eksport"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _csv_cell(value):
    # Polish spreadsheets read ";"-separated files with decimal commas.
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    value = _cell(value)
    if isinstance(value, str) and looks_like_formula(value):
        return f"'{value}"
    return value


def csv_response(filename, headers, rows):
    """A UTF-8 (with BOM, for Excel) semicolon-separated attachment."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_csv_cell(str(header)) for header in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = slugify(filename) or "eksport"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
