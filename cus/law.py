"""Every number the law sets, in one place: the rule, where it comes from, its setting.

The law is being amended, so each number is a setting (``cus/settings.py`` reads it from
the environment with the default below); models, forms, messages, templates (through
the builtin filters of ``cus/templatetags/cus_law.py``) and PDFs read it from here. No page, PDF or message
writes a legal number out itself: ``tests/cus/test_law.py`` changes the settings and
reads every page and PDF of the demo for the old numbers.

``law.value("ipus_approval_days")`` is the number, ``law.period("ipus_approval_days")``
the Polish words for it ("30 dni", "rok", "3 miesiące"); templates write
``{{ "ipus_approval_days"|law_period }}`` (cus/templatetags/cus_law.py, a builtin).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from cus import plurals
from cus.dates import kpa_deadline

ACT = "ustawa z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum usług społecznych"
KPA = "ustawa z dnia 14 czerwca 1960 r. — Kodeks postępowania administracyjnego"


@dataclass(frozen=True)
class Rule:
    """One rule: a number of days or months, its source, its setting and its default."""

    name: str
    source: str
    setting: str
    default: int
    unit: str  # "days" or "months"
    meaning: str

    @property
    def value(self):
        return getattr(settings, self.setting)

    @property
    def period(self):
        """The Polish words for the number: "30 dni", "3 miesiące", "rok"."""
        return days(self.value) if self.unit == "days" else months(self.value)


RULES = (
    Rule(
        "ipus_approval_days",
        f"{ACT} (termin zatwierdzenia IPUS od złożenia wniosku)",
        "CUS_IPUS_APPROVAL_DAYS",
        30,
        "days",
        "the IPUS is approved within this many days of the request",
    ),
    Rule(
        "appeal_days",
        f"{KPA}, art. 129 § 2",
        "CUS_APPEAL_DAYS",
        14,
        "days",
        "an appeal against a refusal decision, from its delivery",
    ),
    Rule(
        "ipus_min_months",
        f"{ACT}, art. 35",
        "CUS_IPUS_MIN_MONTHS",
        3,
        "months",
        "an IPUS is drawn up only for services needing coordination this long",
    ),
    Rule(
        "ipus_max_months",
        f"{ACT}, art. 40",
        "CUS_IPUS_MAX_MONTHS",
        12,
        "months",
        "an IPUS is valid at most this long",
    ),
    Rule(
        "monitoring_every_months",
        ACT,
        "CUS_MONITORING_EVERY_MONTHS",
        3,
        "months",
        "the coordinator monitors each plan at least this often",
    ),
    Rule(
        "meeting_every_months",
        ACT,
        "CUS_MEETING_EVERY_MONTHS",
        3,
        "months",
        "the OUS meets the coordinators at least this often",
    ),
    Rule(
        "summary_every_months",
        f"{ACT}, art. 46 ust. 1",
        "CUS_SUMMARY_EVERY_MONTHS",
        6,
        "months",
        "the OUS summarises IPUS realisation at least this often",
    ),
)
BY_NAME = {rule.name: rule for rule in RULES}


def value(name):
    return BY_NAME[name].value


def period(name):
    return BY_NAME[name].period


def appeal_deadline(delivered_on):
    """The last day to appeal a decision delivered on ``delivered_on`` (KPA art. 57 and 129)."""
    return kpa_deadline(delivered_on, value("appeal_days"))


def final_on(delivered_on):
    """The day a decision delivered on ``delivered_on`` becomes final when nobody appeals it:
    the day after the appeal period ends (KPA art. 16 § 1)."""
    return appeal_deadline(delivered_on) + timedelta(days=1)


def days(n):
    return plurals.counted(n, "dzień")


def months(n):
    """ "3 miesiące", "rok" (after "raz na", "najwyżej")."""
    if n == 12:
        return "rok"
    return plurals.counted(n, "miesiąc")


def months_genitive(n):
    """ "3 miesięcy", "roku" (after "od", "do")."""
    if n == 12:
        return "roku"
    return f"{n} {'miesiąca' if n == 1 else 'miesięcy'}"
