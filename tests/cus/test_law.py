"""The law's numbers are written in one place (cus/law.py) and nowhere else.

With other values in the settings, as after an amendment of the law, no page or PDF
of the demo data shows the old numbers, and the new ones appear where the rule is cited.
"""

import io
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from cus import law, roles
from cus.models import User
from tests.cus.test_demo_documents import DEMO_ACCOUNT, walk

OLD = re.compile(r"\b30 dni|\b30[- ]dniow|\b14 dni\b|najwyżej rok\b")


def text_of(response):
    if response.get("Content-Type", "").startswith("application/pdf"):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        try:
            reader = PdfReader(io.BytesIO(body))
        except PdfReadError:
            return ""  # a demo scan of a signed copy: uploaded, not written by the app
        return " ".join(page.extract_text() for page in reader.pages)
    if response.get("Content-Type", "").startswith("text/html"):
        return re.sub(r"\s+", " ", response.content.decode())
    return ""


@pytest.mark.parametrize(
    ("days", "expected"),
    [(1, "1 dzień"), (2, "2 dni"), (5, "5 dni"), (14, "14 dni"), (22, "22 dni")],
)
def test_days_in_polish(days, expected):
    assert law.days(days) == expected


@pytest.mark.parametrize(
    ("months", "words", "genitive"),
    [
        (1, "1 miesiąc", "1 miesiąca"),
        (3, "3 miesiące", "3 miesięcy"),
        (5, "5 miesięcy", "5 miesięcy"),
        (12, "rok", "roku"),
        (22, "22 miesiące", "22 miesięcy"),
    ],
)
def test_months_in_polish(months, words, genitive):
    assert law.months(months) == words
    assert law.months_genitive(months) == genitive


def test_every_rule_reads_its_setting_with_its_default(settings):
    for rule in law.RULES:
        assert getattr(settings, rule.setting) == rule.default, rule.setting
        assert rule.source and rule.meaning


@pytest.mark.django_db
@override_settings(CUS_IPUS_APPROVAL_DAYS=45, CUS_APPEAL_DAYS=21, CUS_IPUS_MAX_MONTHS=18)
def test_no_page_or_pdf_of_the_demo_shows_a_number_the_law_no_longer_sets(client, seed_demo):
    seed_demo()
    shown, cited = [], set()

    def read(url, response):
        text = text_of(response)
        shown.extend(
            f"{url}: …{m.string[max(0, m.start() - 60) : m.end() + 20]}…"
            for m in OLD.finditer(text)
        )
        cited.update(re.findall(r"\b45 dni|\b21 dni", text))

    for role in (roles.KIPUS, roles.OUS, roles.DIRECTOR):
        walk(User.objects.get(username=DEMO_ACCOUNT[role]), on_response=read)
    assert not shown, "\n".join(shown[:20])
    # The new numbers are where the rules are cited: the 30-day term and the appeal.
    assert cited == {"45 dni", "21 dni"}
    # Also in the quarterly review's tables, rendered (and cached) without a request.
    client.force_login(User.objects.get(username=DEMO_ACCOUNT[roles.OUS]))
    for _ in range(2):
        page = client.get(reverse("ipus:quarter-review")).content.decode()
        assert "Przekroczenia terminu zatwierdzenia (45 dni)" in page
