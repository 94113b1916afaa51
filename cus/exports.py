"""Exports of tables to XLSX (openpyxl), shared by every app.

``xlsx_response(filename, sheets)`` takes sheets as (title, headers, rows) and
returns a workbook; rows are plain values (dates and numbers stay typed, so the
spreadsheet can sort and sum them). ``csv_response`` writes the same rows as a
Polish-Excel-friendly CSV.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limit; the rest is cut rather than the export failing.
MAX_CELL = 32_767


def _cell(value):
    if isinstance(value, datetime):
        # Excel has no time zones: show local (Warsaw) time without the offset.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, str):
        # A leading "=", "+", "-" or "@" would be read as a formula (CSV/XLSX injection).
        value = value[:MAX_CELL]
        return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
    if value is None:
        return ""
    return value if isinstance(value, int | float) else str(value)


def workbook_bytes(sheets):
    workbook = Workbook(write_only=False)
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append([str(header) for header in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(header)) for header in headers]
        for row in rows:
            values = [_cell(value) for value in row]
            sheet.append(values)
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
    return _cell(value)


def csv_response(filename, headers, rows):
    """A UTF-8 (with BOM, for Excel) semicolon-separated attachment."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(header) for header in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = slugify(filename) or "eksport"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
