"""Polish counts: "1 plan", "2 plany", "5 planów", "22 plany", "1,5 godziny".

One helper for every "count + noun" a person reads, on pages (the ``|counted`` filter of
the Django templates and of the Jinja2 rows), in messages, PDFs and exports
(``counted(n, "plan")``). Which form a number takes is the rule of the Polish catalogue
(``Plural-Forms`` of locale/pl and of Django's own pl catalogue, read through Django's
translation): 1; 2–4 except 12–14; 0, 5+ and 12–14. Its fourth form is for fractions,
which take the genitive singular ("1,5 godziny"); Python's gettext gives it only to
integers, so a fraction is recognised here before the rule is asked.

A word counted anywhere is registered in ``WORDS`` with its four forms (units of measure
carry theirs in ``services.choices.Unit``); an unregistered word fails loudly, and
tests/cus/test_plurals.py counts every registered one with 0, 1, 2, 5, 12, 22, 25 and 1,5.
Numbers keep the Polish decimal comma and no trailing zeros ("2", "1,5", "3,97").
"""

from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import trans_real

ONE, FEW, MANY, FRACTION = range(4)


class Forms(NamedTuple):
    """The four forms of a counted word, in the order of the catalogue's plural indices."""

    one: str  # 1 plan
    few: str  # 2–4, 22–24 … plany (not 12–14)
    many: str  # 0, 5–21, 25 … planów
    fraction: str  # 1,5 planu (genitive singular)

    def after(self, n):
        """The form that follows the number ``n``."""
        return self[form_index(n)]


def _decimal(n):
    return n if isinstance(n, Decimal) else Decimal(str(n))


def form_index(n):
    """The catalogue's plural index of ``n`` (ONE, FEW, MANY), FRACTION for a fraction."""
    value = _decimal(n)
    if value != value.to_integral_value():
        return FRACTION
    return trans_real.translation("pl").plural(abs(int(value)))


def number(n):
    """``n`` as a person reads it: 2 → "2", Decimal("1.50") → "1,5", "3.97" → "3,97";
    None → "—". Strings too: the half-year summary keeps its numbers as JSON strings."""
    if n is None or n == "":
        return "—"
    value = _decimal(n)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}".replace(".", ",")


WORDS = {}


def word(one, few, many, fraction):
    """Register a counted word (keyed by its form after 1) and return its forms."""
    forms = Forms(one, few, many, fraction)
    WORDS[one] = forms
    return forms


def forms_of(noun):
    """``noun``'s forms: a ``Forms`` itself, or the name of a registered word."""
    return noun if isinstance(noun, Forms) else WORDS[noun]


def counted(n, noun):
    """ "2 plany": the number and ``noun`` (a registered word or ``Forms``) in the form it takes;
    "—" for no number (a service without a limit)."""
    forms = forms_of(noun)  # an unknown word fails even without a number
    if n is None or n == "":
        return number(n)
    return f"{number(n)} {forms.after(n)}"


def plural(n, noun):
    """Only the form of ``noun`` after ``n`` ("plany"), for a sentence that prints the number itself."""
    return forms_of(noun).after(n)


# The words counted on pages, in messages, PDFs and exports.
word("plan", "plany", "planów", "planu")
word("wiersz", "wiersze", "wierszy", "wiersza")
word("podmiot", "podmioty", "podmiotów", "podmiotu")
word("program", "programy", "programów", "programu")
word("usługa", "usługi", "usług", "usługi")
word("aktywna usługa", "aktywne usługi", "aktywnych usług", "aktywnej usługi")
word("odpłatna usługa", "odpłatne usługi", "odpłatnych usług", "odpłatnej usługi")
word("realizator", "realizatorzy", "realizatorów", "realizatora")
word(
    "aktywny realizator", "aktywni realizatorzy", "aktywnych realizatorów", "aktywnego realizatora"
)
word("działanie", "działania", "działań", "działania")
word("godzina", "godziny", "godzin", "godziny")
word("wolontariusz", "wolontariusze", "wolontariuszy", "wolontariusza")
word("uczestnik", "uczestnicy", "uczestników", "uczestnika")
word("osoba", "osoby", "osób", "osoby")
word("dzień", "dni", "dni", "dnia")
word("minuta", "minuty", "minut", "minuty")
word("miesiąc", "miesiące", "miesięcy", "miesiąca")
word("jednostka", "jednostki", "jednostek", "jednostki")
word("kod zapasowy", "kody zapasowe", "kodów zapasowych", "kodu zapasowego")
word("wniosek", "wnioski", "wniosków", "wniosku")
word("wynik", "wyniki", "wyników", "wyniku")
word("pozycja", "pozycje", "pozycji", "pozycji")
word("wskaźnik", "wskaźniki", "wskaźników", "wskaźnika")
word("społeczność", "społeczności", "społeczności", "społeczności")
# A verb agrees with the count too: "zostaje 1 dzień", "zostają 2 dni", "zostaje 5 dni".
word("zostaje", "zostają", "zostaje", "zostaje")
