"""Exports of tables to XLSX (openpyxl), shared by every app.

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

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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


def _text_cell(sheet, value):
    """``value`` (from ``_cell``) as appended to ``sheet``; formula-like text made inert."""
    if not isinstance(value, str) or not looks_like_formula(value):
        return value
    # openpyxl would store a leading "=" as a formula: write a text cell, quote-prefixed.
    cell = Cell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def workbook_bytes(sheets):
    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append([_text_cell(sheet, _cell(header)) for header in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(header)) for header in headers]
        for row in rows:
            values = [_cell(value) for value in row]
            sheet.append([_text_cell(sheet, value) for value in values])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, datetime):
                    cell.number_format = "DD.MM.YYYY HH:MM"
                elif isinstance(cell.value, date):
                    cell.number_format = "DD.MM.YYYY"
            widths = [max(w, min(len(str(v)), 60)) for w, v in zip(widths, values, strict=False)]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width + 2
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
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
