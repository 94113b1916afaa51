"""A provider's monthly CSV of deliveries: checked row by row, then stored all or none."""

import csv
import io
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cus.dates import month_start
from ipus.choices import DeliverySource, PlanStatus
from ipus.models import Plan
from ipus.workflows import record_delivery


def parse_delivery_csv(text, plans):
    """Rows of a provider's CSV → (rows, errors). ``plans``: the queryset the user may change.

    Columns numer_ipus;lp;miesiac;jednostki (comma or semicolon separated);
    errors name their line numbers; nothing is stored here.
    """
    text = text.replace("\x00", "")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,")
    except csv.Error:
        dialect = "excel"
    errors, parsed = [], []
    try:
        all_rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        return [], [_("Nie udało się odczytać pliku CSV: %(error)s.") % {"error": error}]
    reader = iter(all_rows)
    header = next(reader, None)
    expected = ["numer_ipus", "lp", "miesiac", "jednostki"]
    if header is None or [cell.strip().lower() for cell in header[:4]] != expected:
        return [], [
            _("Wiersz 1: nagłówek musi brzmieć: %(header)s.") % {"header": ";".join(expected)}
        ]
    rows = list(reader)
    numbers = {row[0].strip() for row in rows if row}
    by_number = {
        plan.number: plan
        for plan in plans.filter(number__in=numbers).select_related("current_version")
    }
    items_by_version = {}
    for plan in by_number.values():
        # "lp" counts the version's granted items as the contract and the card number them.
        items_by_version[plan.pk] = list(
            plan.current_version.items.numbered().select_related("service")
        )
    seen = set()
    for line_number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 4:
            errors.append(_("Wiersz %(n)d: za mało kolumn.") % {"n": line_number})
            continue
        number_text, position, month_text, units_text = (cell.strip() for cell in row[:4])
        plan = by_number.get(number_text)
        if plan is None:
            errors.append(
                _("Wiersz %(n)d: nie ma IPUS %(number)s (albo nie masz do niego dostępu).")
                % {"n": line_number, "number": number_text[:40]}
            )
            continue
        if plan.status not in (*Plan.LIVE_STATUSES, PlanStatus.CLOSED):
            errors.append(
                _("Wiersz %(n)d: IPUS %(number)s nie jest w realizacji.")
                % {"n": line_number, "number": plan.number}
            )
            continue
        items = items_by_version[plan.pk]
        try:
            item = items[int(position) - 1]
            if int(position) < 1:
                raise IndexError
        except (ValueError, IndexError):
            errors.append(
                _("Wiersz %(n)d: IPUS %(number)s nie ma pozycji „%(lp)s”.")
                % {"n": line_number, "number": plan.number, "lp": position[:10]}
            )
            continue
        try:
            year, month = (int(part) for part in month_text.split("-"))
            month_day = date(year, month, 1)
        except ValueError:
            errors.append(
                _("Wiersz %(n)d: miesiąc „%(month)s” — podaj go jako RRRR-MM.")
                % {"n": line_number, "month": month_text[:20]}
            )
            continue
        if not (month_start(item.starts_on) <= month_day <= item.ends_on):
            errors.append(
                _("Wiersz %(n)d: miesiąc %(month)s jest poza okresem usługi „%(service)s”.")
                % {"n": line_number, "month": month_text, "service": item.service.name}
            )
            continue
        if month_day > timezone.localdate():
            errors.append(_("Wiersz %(n)d: miesiąc z przyszłości.") % {"n": line_number})
            continue
        try:
            units = Decimal(units_text.replace(",", ".").replace(" ", ""))
            if not units.is_finite() or units < 0 or units >= 10**6:
                raise InvalidOperation
            units = units.quantize(Decimal("0.01"))
        except InvalidOperation:
            errors.append(
                _("Wiersz %(n)d: liczba jednostek „%(units)s” jest niepoprawna.")
                % {"n": line_number, "units": units_text[:20]}
            )
            continue
        key = (item.line_id_or_self, month_day)
        if key in seen:
            errors.append(
                _("Wiersz %(n)d: ta pozycja i miesiąc powtarzają się w pliku.") % {"n": line_number}
            )
            continue
        seen.add(key)
        parsed.append((item, month_day, units))
    if not parsed and not errors:
        errors.append(_("Plik nie zawiera żadnych wierszy z danymi."))
    return parsed, errors


@transaction.atomic
def import_deliveries(rows, user):
    for item, month, units in rows:
        record_delivery(item, month, units, user, source=DeliverySource.CSV)
    return len(rows)
