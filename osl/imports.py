"""The schedule as a spreadsheet: the export's rows, and the import that reads the same columns.

The first eleven columns are the plan's table (Lp. · społeczność · cel szczegółowy · działanie ·
opis realizacji · grupa docelowa · zakładana liczba uczestników · termin · wskaźniki realizacji ·
realizatorzy/partnerzy · działanie alternatywne); the ones after them carry what the printed
"termin" and the other cells cannot say exactly, so that export → import gives the same rows.
Every row is checked by the schedule item's own form; one wrong row saves nothing.
"""

import io
import re
import zipfile
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from cus.plurals import counted, number
from osl.choices import Area, Frequency, IndicatorKind, ParticipantsBasis
from osl.models import Partner

COLUMNS = (
    gettext_lazy("Lp."),
    gettext_lazy("Społeczność"),
    gettext_lazy("Cel szczegółowy"),
    gettext_lazy("Działanie"),
    gettext_lazy("Opis realizacji"),
    gettext_lazy("Grupa docelowa"),
    gettext_lazy("Zakładana liczba uczestników"),
    gettext_lazy("Termin"),
    gettext_lazy("Wskaźniki realizacji"),
    gettext_lazy("Realizatorzy / partnerzy"),
    gettext_lazy("Działanie alternatywne"),
    # For the round trip:
    gettext_lazy("Obszar"),
    gettext_lazy("Uczestnicy liczeni"),
    gettext_lazy("Częstotliwość"),
    gettext_lazy("Kwartały"),
    gettext_lazy("Miesiące"),
    gettext_lazy("Od"),
    gettext_lazy("Do"),
    gettext_lazy("Termin — uwagi"),
)
GMINA = gettext_lazy("cała gmina")
NOT_COUNTED = gettext_lazy("nie liczy się")
PARTNERS_PREFIX = "Partnerzy:"
QUALITATIVE = "jakościowy"
# "Spotkania: min. 10 spotkań [źródło: listy obecności]" or
# "Zmiana postaw: jakościowy — mieszkańcy sami proponują działania [źródło: wywiady]"
INDICATOR = re.compile(
    r"^(?P<name>.+?):\s*(?:min\.\s*(?P<target>\d+(?:[.,]\d+)?)\s*(?P<unit>[^\[]*?)"
    r"|jakościowy\s*[—–-]\s*(?P<description>[^\[]*?))"
    r"\s*(?:\[źródło:\s*(?P<evidence>[^\]]*)\])?\s*$",
    re.IGNORECASE,
)
SCHEDULE_FORMAT = {
    "columns": COLUMNS,
    "quantitative": "Spotkania: min. 10 spotkań [źródło: listy obecności]",
    "qualitative": "Zmiana postaw: jakościowy — mieszkańcy sami proponują działania [źródło: wywiady]",
    "partners": "OSL, animator\nPartnerzy: Szkoła Podstawowa nr 1; Parafia św. Józefa",
}
# An unpacked workbook larger than this is refused before it is read (a "zip bomb").
MAX_UNPACKED = 50 * 1024 * 1024
MAX_ROWS = 500


def indicator_text(indicator):
    if indicator.is_quantitative:
        text = f"{indicator.name}: min. {number(indicator.target)} {indicator.unit}".rstrip()
    else:
        text = f"{indicator.name}: {QUALITATIVE} — {indicator.description}"
    if indicator.evidence:
        text += f" [źródło: {indicator.evidence}]"
    return text


def export_rows(items):
    """The rows of the schedule XLSX (items from ``ScheduleItem.objects.for_table()``)."""
    for item in items:
        people = item.implementers
        partners = [partner.name for partner in item.partners.all()]
        if partners:
            people += f"\n{PARTNERS_PREFIX} {'; '.join(partners)}"
        yield (
            item.number,
            item.community.name if item.community else str(GMINA),
            item.specific_goal.title if item.specific_goal else "",
            item.task,
            item.method,
            item.target_group,
            item.participants,
            item.timing,
            "\n".join(indicator_text(i) for i in item.indicators.all()),
            people,
            item.alternative,
            item.get_area_display() if item.area else "",
            item.get_participants_basis_display() if item.participants_basis else str(NOT_COUNTED),
            item.get_frequency_display() if item.frequency else "",
            ", ".join(item.quarters),
            ", ".join(item.months),
            item.starts_on,
            item.ends_on if item.ends_on else None,
            item.timing_note,
        )


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _day(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _text(value)
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return text  # the form says what is wrong with it


def _choice(choices, text):
    """A choice's value from its label or value ("raz w miesiącu" or "monthly")."""
    text = text.strip().lower()
    for value, label in choices:
        if text in (str(value).lower(), str(label).lower()):
            return value
    return None


def read_rows(data):
    """The workbook's first sheet as lists of cells after the header, or raises ValueError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise ValueError(_("Plik jest za duży po rozpakowaniu."))
            if "xl/workbook.xml" not in archive.namelist():
                raise ValueError(_("To nie jest skoroszyt XLSX."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise ValueError(_("Nie udało się odczytać pliku XLSX.")) from error
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    workbook.close()
    if not rows:
        raise ValueError(_("Arkusz jest pusty."))
    header = [_text(cell) for cell in rows[0]][: len(COLUMNS)]
    expected = [str(column) for column in COLUMNS]
    if [h.lower() for h in header[:11]] != [e.lower() for e in expected[:11]]:
        raise ValueError(
            _("Wiersz 1: nagłówek musi mieć kolumny eksportu: %(columns)s.")
            % {"columns": " · ".join(expected)}
        )
    if len(rows) > MAX_ROWS + 1:
        raise ValueError(
            _("Najwyżej %(rows)s w jednym pliku.") % {"rows": counted(MAX_ROWS, "wiersz")}
        )
    return [(list(row) + [None] * len(COLUMNS))[: len(COLUMNS)] for row in rows[1:]]


def _indicators(text, line):
    """The indicator forms' data for one cell (one indicator a line), or errors."""
    data, errors = [], []
    for order, part in enumerate((p.strip() for p in text.splitlines() if p.strip()), start=1):
        match = INDICATOR.match(part)
        if not match:
            errors.append(
                _(
                    "Wiersz %(n)d: nie rozumiem wskaźnika „%(text)s” — zapisz go jak "
                    "„Nazwa: min. 10 spotkań [źródło: …]” albo „Nazwa: jakościowy — opis”."
                )
                % {"n": line, "text": part[:80]}
            )
            continue
        quantitative = match["target"] is not None
        data.append(
            {
                "order": order,
                "kind": IndicatorKind.QUANTITATIVE if quantitative else IndicatorKind.QUALITATIVE,
                "name": match["name"].strip(),
                "target": match["target"].replace(",", ".") if quantitative else "",
                "unit": (match["unit"] or "").strip(),
                "description": (match["description"] or "").strip(),
                "evidence": (match["evidence"] or "").strip(),
            }
        )
    return data, errors


def _form_errors(form, line):
    messages = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            prefix = f"{label}: " if label else ""
            messages.append(_("Wiersz %(n)d: %(error)s") % {"n": line, "error": f"{prefix}{error}"})
    return messages


def import_schedule(plan, data):
    """Adds the workbook's rows to ``plan``'s schedules: (added, errors); nothing when errors."""
    from osl.forms import IndicatorForm, ScheduleItemForm

    try:
        rows = read_rows(data)
    except ValueError as error:
        return 0, [str(error)]
    communities = {c.name.strip().lower(): c for c in plan.communities.all()}
    goals = list(plan.goals.all())
    partners = {p.name.strip().lower(): p for p in Partner.objects.all()}
    errors, ready, taken = [], [], set()
    for line, row in enumerate(rows, start=2):
        cells = [_text(cell) for cell in row]
        if not any(cells):
            continue
        (lp, community_name, goal_text, task, method, group, participants, timing, indicators,
         people, alternative, area, basis, frequency, quarters, months, starts, ends,
         note) = cells  # fmt: skip
        row_errors = []
        community = None
        if community_name and community_name.lower() != str(GMINA).lower():
            community = communities.get(community_name.lower())
            if community is None:
                row_errors.append(
                    _("Wiersz %(n)d: nieznana społeczność „%(name)s” — dodaj ją najpierw do planu.")
                    % {"n": line, "name": community_name}
                )
        goal = None
        if goal_text:
            goal = next(
                (
                    g
                    for g in goals
                    if goal_text.lower() in (g.title.lower(), str(g).lower(), str(g.order))
                ),
                None,
            )
            if goal is None:
                row_errors.append(
                    _(
                        "Wiersz %(n)d: nieznany cel szczegółowy „%(goal)s” — dodaj go do celów "
                        "planu albo popraw nazwę."
                    )
                    % {"n": line, "goal": goal_text[:80]}
                )
        implementers, partner_pks = people, []
        lines = people.splitlines()
        named = [p for p in lines if p.lower().startswith(PARTNERS_PREFIX.lower())]
        if named:
            implementers = "\n".join(p for p in lines if p not in named).strip()
            for name in (n.strip() for n in named[0][len(PARTNERS_PREFIX) :].split(";")):
                if not name:
                    continue
                if name.lower() in partners:
                    partner_pks.append(partners[name.lower()].pk)
                else:
                    row_errors.append(
                        _("Wiersz %(n)d: nieznany partner „%(name)s” — dodaj go do rejestru.")
                        % {"n": line, "name": name}
                    )
        kinds = []
        if frequency:
            kinds.append("frequency")
        if quarters:
            kinds.append("quarters")
        if months:
            kinds.append("months")
        if starts and ends:
            kinds.append("range")
        elif starts:
            kinds.append("date")
        if not kinds and not note:
            note = timing  # a table typed in a word processor: its "termin" as written
        values = {
            "number": lp,
            "community": community.pk if community else "",
            "specific_goal": goal.pk if goal else "",
            "area": _choice(Area.choices, area) or area if area else "",
            "task": task,
            "method": method,
            "target_group": group,
            "participants": participants,
            "participants_basis": ""
            if not basis or basis.lower() == str(NOT_COUNTED).lower()
            else (_choice(ParticipantsBasis.choices, basis) or basis),
            "timing_kinds": kinds,
            "frequency": (_choice(Frequency.choices, frequency) or frequency) if frequency else "",
            "quarters": quarters,
            "months": months,
            "starts_on": _day(row[16]) if starts else "",
            "ends_on": _day(row[17]) if ends else "",
            "timing_note": note,
            "implementers": implementers or "OSL",
            "partners": partner_pks,
            "alternative": alternative,
        }
        form = ScheduleItemForm(values, plan=plan)
        row_errors += _form_errors(form, line)
        indicator_data, indicator_errors = _indicators(indicators, line)
        row_errors += indicator_errors
        indicator_forms = [IndicatorForm(d) for d in indicator_data]
        for indicator_form in indicator_forms:
            if not indicator_form.is_valid():
                row_errors += _form_errors(indicator_form, line)
        if form.is_valid():
            key = (community.pk if community else None, form.cleaned_data.get("number"))
            if key[1] and key in taken:
                row_errors.append(
                    _("Wiersz %(n)d: Lp. %(lp)s powtarza się w tym harmonogramie.")
                    % {"n": line, "lp": key[1]}
                )
            taken.add(key)
        errors += row_errors
        if not row_errors:
            ready.append((form, indicator_forms))
    if errors:
        return 0, errors
    if not ready:
        return 0, [_("W pliku nie ma żadnego wiersza harmonogramu.")]
    # Rows with their own Lp. first: a row numbered "next free" then never takes one of theirs.
    ready.sort(key=lambda pair: pair[0].cleaned_data.get("number") is None)
    with transaction.atomic():
        for form, indicator_forms in ready:
            item = form.save()
            for indicator_form in indicator_forms:
                indicator = indicator_form.save(commit=False)
                indicator.item = item
                indicator.save()
    return len(ready), []
