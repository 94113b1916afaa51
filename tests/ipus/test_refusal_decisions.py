"""Refusal decisions as KPA wants them (issue 23, point 7): prepared by the coordinator, signed
by the director or an employee authorised under art. 268a, written without declined names,
delivered through a recorded channel with its receipt, the appeal deadline counted per art. 57
and the day the decision becomes final, both in the coordinator's to-do list."""

import io
import re
from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cus import law, todo
from cus.choices import SCOPES_COVERING, AuthorisationScope
from cus.dates import is_working_day, kpa_deadline, public_holidays
from cus.models import AccessLog, Authorisation, CentreProfile, StoredDocument
from ipus import workflows
from ipus.choices import RECEIPT_LABELS, DecisionDeliveryChannel, FiledBy, RequestStatus
from ipus.models import Person, RefusalDecision, Request
from tests.factories import pdf_bytes

CENTRE = "Centrum Usług Społecznych w Starachowicach"


def text_of(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(data):
    return " ".join(text_of(data).split())


@pytest.fixture
def centre(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CentreProfile.objects.create(
        name=CENTRE,
        street="ul. Radomska 24",
        postal_code="27-200",
        town="Starachowice",
        phone="41 275 00 00",
        email="cus@example.pl",
        director_name="Anna Dyrektorska",
    )


@pytest.fixture
def prepared(centre, kipus, client):
    """A decision the coordinator prepared through the page (the request stays open)."""
    person = Person.objects.create(
        first_name="Janina",
        last_name="Przykładowa",
        birth_date=date(1944, 4, 4),
        id_document_type="id_card",
        id_document_number="ABC777",
        street="ul. Krótka",
        building="1",
        postal_code="27-200",
        town="Starachowice",
    )
    request_obj = Request.objects.create(
        person=person, channel="letter", coordinator=kipus, requested_text="Usługa opiekuńcza"
    )
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:request-refuse", args=[request_obj.pk]),
        {
            "refusal-legal_basis": RefusalDecision._meta.get_field("legal_basis").default,
            "refusal-decision": "Odmawia się przyznania usługi opiekuńczej.",
            "refusal-justification": "Potrzeby zaspokaja rodzina.",
        },
    )
    assert response.status_code == 302
    client.logout()
    return RefusalDecision.objects.get(request=request_obj)


# --- who signs ---------------------------------------------------------------------


def authorise(user, scope, start, end=None, reference="CUS.077.1.2026"):
    return Authorisation.objects.create(
        user=user,
        scope=scope,
        reference=reference,
        valid_from=start,
        valid_to=end,
        document=StoredDocument.store(pdf_bytes(), kind="signed_scan", title="Upoważnienie"),
    )


TODAY = timezone.localdate()
DAY = timedelta(days=1)
# Every signer case: (who, the authorisation they hold or None, issued?, words of the refusal).
SIGNERS = {
    "director": ("director", None, True, None),
    "authorised for refusals, in force": (
        "ous",
        (AuthorisationScope.IPUS_REFUSALS, TODAY - 30 * DAY, TODAY + 30 * DAY),
        True,
        None,
    ),
    "authorised for all decisions, until revoked": (
        "ous",
        (AuthorisationScope.ALL_DECISIONS, TODAY - 30 * DAY, None),
        True,
        None,
    ),
    "authorised, last day": (
        "ous",
        (AuthorisationScope.IPUS_REFUSALS, TODAY - DAY, TODAY),
        True,
        None,
    ),
    "authorisation expired": (
        "ous",
        (AuthorisationScope.IPUS_REFUSALS, TODAY - 60 * DAY, TODAY - DAY),
        False,
        "wygasło",
    ),
    "authorisation not yet in force": (
        "ous",
        (AuthorisationScope.ALL_DECISIONS, TODAY + DAY, None),
        False,
        "obowiązuje dopiero od",
    ),
    "authorisation out of scope": (
        "ous",
        (AuthorisationScope.LETTERS, TODAY - 30 * DAY, None),
        False,
        "nie obejmuje",
    ),
    "no authorisation (the coordinator)": ("kipus", None, False, "nie masz takiego upoważnienia"),
}


def test_the_signer_cases_cover_every_scope():
    scopes = {case[1][0] for case in SIGNERS.values() if case[1]}
    assert scopes == set(AuthorisationScope)
    assert set(SCOPES_COVERING) == {RefusalDecision.ACT}


@pytest.mark.parametrize("case", list(SIGNERS))
def test_only_the_director_or_an_authorisation_in_force_for_decisions_issues(
    case, prepared, client, request
):
    who, held, issued, reason = SIGNERS[case]
    signer = request.getfixturevalue(who)
    signer.first_name, signer.last_name, signer.job_title = (
        "Ewa",
        "Podpisująca",
        "zastępca dyrektora",
    )
    signer.save()
    if held:
        authorise(signer, *held)
    client.force_login(signer)
    url = reverse("ipus:refusal-issue", args=[prepared.request_id])
    assert client.get(url).status_code == 405
    page = client.post(url, follow=True).text
    prepared.refresh_from_db()
    prepared.request.refresh_from_db()
    if not issued:
        assert reason in page
        assert prepared.status == "prepared" and prepared.number is None
        assert prepared.request.is_open and not prepared.transitions.exists()
        return
    assert prepared.status == "issued" and prepared.signed_by == signer
    assert prepared.request.status == RequestStatus.REFUSED
    transition = prepared.transitions.get()
    assert (transition.from_status, transition.to_status, transition.by) == (
        "prepared",
        "issued",
        signer,
    )
    text = flat(prepared.document.read())
    if who == "director":
        assert prepared.authorisation is None
        assert "z upoważnienia" not in text
        assert f"Ewa Podpisująca Dyrektor {CENTRE}" in text
    else:
        assert prepared.authorisation.user == signer
        assert f"z upoważnienia Dyrektora {CENTRE} Ewa Podpisująca zastępca dyrektora" in text


def test_a_prepared_decision_is_a_marked_draft_and_the_director_sees_it_to_sign(
    prepared, client, director
):
    client.force_login(director)
    draft = flat(client.get(reverse("ipus:refusal-pdf", args=[prepared.request_id])).content)
    assert "PROJEKT" in draft and "Znak: …" in draft
    page = client.get(reverse("ipus:request-detail", args=[prepared.request_id])).text
    assert "Podpisz i wydaj decyzję" in page
    due = [item for item in todo.items_for(director) if item.kind == "decision"]
    assert [item.uid for item in due] == [f"decision-sign-{prepared.pk}"]


# --- no declined names -------------------------------------------------------------

# What may stand right before a name on its line: a label, or nothing (a line of its own).
LABELS = ("Wnioskodawca", "W imieniu osoby działa", "Adresat:", "do rąk:", "PESEL:")


def names_after_labels_only(text, name):
    for line in text.splitlines():
        for match in re.finditer(re.escape(name), line):
            before = line[: match.start()].strip()
            assert before == "" or before.endswith(LABELS), line


def test_the_decision_needs_no_declension_of_any_name(prepared, director):
    request_obj = prepared.request
    request_obj.filed_by, request_obj.filer_name = FiledBy.LEGAL_REPRESENTATIVE, "Jan Opiekuński"
    request_obj.save()
    director.first_name, director.last_name = "Anna", "Dyrektorska"
    director.save()
    decision = workflows.issue_refusal(prepared, director)
    text = text_of(decision.document.read())
    for name in ("Janina Przykładowa", "Jan Opiekuński", "Anna Dyrektorska"):
        assert name in text
        names_after_labels_only(text, name)
    plain = " ".join(text.split())
    assert "Wnioskodawca Janina Przykładowa" in plain
    for declined in ("złożonego przez", "oraz ustawa", "Na podstawie"):
        assert declined not in plain
    # The legal basis is a list of provisions in the nominative, after its label.
    assert "Podstawa prawna ustawa z dnia 14 czerwca 1960 r." in plain


def test_the_template_writes_no_name_inside_a_sentence():
    """Every name variable of the template stands after a label, a tag or a line break."""
    source = (django_settings.BASE_DIR / "templates/pdf/refusal_decision.html").read_text()
    names = re.compile(
        r"\{\{\s*(person\.first_name|representative\.name|decision\.signer_name|centre\.director_name)"
    )
    found = 0
    for line in source.splitlines():
        for match in names.finditer(line):
            found += 1
            before = re.sub(r"\{%.*?%\}", "", line[: match.start()]).rstrip()
            assert before == "" or before.endswith((">", ":")), line
    assert found >= 4


# --- delivery and deadlines --------------------------------------------------------


def deliver(client, decision, channel, **fields):
    data = {
        "followup-version": decision.version,
        "followup-delivery_channel": channel,
        "followup-delivered_on": TODAY.isoformat(),
        "followup-receipt_file": SimpleUploadedFile("potwierdzenie.pdf", pdf_bytes()),
        **fields,
    }
    return client.post(reverse("ipus:refusal-followup", args=[decision.request_id]), data)


@pytest.mark.parametrize("channel", list(DecisionDeliveryChannel))
def test_every_channel_records_the_date_and_the_receipt(channel, prepared, client, kipus, director):
    decision = workflows.issue_refusal(prepared, director)
    client.force_login(kipus)
    extra = {}
    if channel == DecisionDeliveryChannel.E_DELIVERY:
        missing = deliver(client, decision, channel)
        assert "adres do doręczeń elektronicznych" in missing.text
        wrong = deliver(
            client, decision, channel, **{"followup-delivery_address": "jan@example.pl"}
        )
        assert "AE:PL-XXXXX-XXXXX-XXXXX-XX" in wrong.text
        extra = {"followup-delivery_address": "AE:PL-12345-67890-ABCDE-12"}
    no_receipt = deliver(client, decision, channel, **extra, **{"followup-receipt_file": ""})
    assert "Dołącz potwierdzenie doręczenia" in no_receipt.text
    assert deliver(client, decision, channel, **extra).status_code == 302
    decision.refresh_from_db()
    assert (decision.delivery_channel, decision.delivered_on) == (channel, TODAY)
    assert decision.receipt.original == decision.document
    assert str(RECEIPT_LABELS[channel]) in decision.receipt.title
    response = client.get(reverse("ipus:refusal-receipt", args=[decision.request_id]))
    assert response.content == pdf_bytes()
    assert AccessLog.objects.filter(action="download", object_id=str(decision.request_id)).exists()
    page = client.get(reverse("ipus:request-detail", args=[decision.request_id])).text
    assert str(DecisionDeliveryChannel(channel).label) in page
    assert decision.appeal_deadline.strftime("%d.%m.%Y") in page
    assert decision.final_on.strftime("%d.%m.%Y") in page


def test_a_hostile_receipt_is_refused_by_the_pdf_checks(prepared, client, kipus, director):
    decision = workflows.issue_refusal(prepared, director)
    client.force_login(kipus)
    hostile = SimpleUploadedFile("upo.pdf", b"%PDF-1.4 <script>alert(1)</script>")
    response = deliver(client, decision, "post", **{"followup-receipt_file": hostile})
    assert "ze względów bezpieczeństwa" in response.text
    decision.refresh_from_db()
    assert decision.delivered_on is None and decision.receipt is None


# Delivered on → last day to appeal (14 days from the next day; Saturdays, Sundays and
# public holidays move it to the next working day).
DEADLINES = {
    date(2026, 11, 23): date(2026, 12, 7),  # a Monday, nothing in the way
    date(2026, 11, 14): date(2026, 11, 30),  # ends on a Saturday
    date(2026, 11, 15): date(2026, 11, 30),  # ends on a Sunday
    date(2026, 10, 28): date(2026, 11, 12),  # 11 November (Independence Day)
    date(2026, 12, 10): date(2026, 12, 28),  # Wigilia, both days of Christmas, a weekend
    date(2026, 12, 18): date(2027, 1, 4),  # New Year's Day and a weekend
    date(2026, 12, 23): date(2027, 1, 7),  # Epiphany
    date(2027, 3, 15): date(2027, 3, 30),  # Easter Monday
    date(2026, 5, 21): date(2026, 6, 5),  # Corpus Christi
    date(2026, 4, 17): date(2026, 5, 4),  # 1 May, then Saturday, then 3 May on a Sunday
    date(2026, 8, 1): date(2026, 8, 17),  # 15 August on a Saturday
    date(2024, 12, 10): date(2024, 12, 24),  # before 2025 Wigilia was a working day
}


@pytest.mark.parametrize("delivered", list(DEADLINES))
def test_the_appeal_deadline_is_counted_as_kpa_says(delivered, db):
    deadline = law.appeal_deadline(delivered)
    assert deadline == DEADLINES[delivered]
    assert is_working_day(deadline)
    assert law.final_on(delivered) == deadline + timedelta(days=1)
    decision = RefusalDecision(delivered_on=delivered)
    assert (decision.appeal_deadline, decision.final_on) == (deadline, deadline + timedelta(days=1))


def test_the_appeal_period_is_the_setting(settings):
    settings.CUS_APPEAL_DAYS = 7
    assert law.appeal_deadline(date(2026, 11, 23)) == date(2026, 11, 30)
    assert kpa_deadline(date(2026, 11, 23), 7) == date(2026, 11, 30)


def test_the_public_holidays_of_a_year():
    assert sorted(public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 1, 6),
        date(2026, 4, 5),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 5, 3),
        date(2026, 5, 24),
        date(2026, 6, 4),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]
    assert date(2024, 12, 24) not in public_holidays(2024)


def test_the_deadline_and_the_final_day_are_in_the_coordinators_to_do(
    prepared, client, kipus, director
):
    decision = workflows.issue_refusal(prepared, director)
    client.force_login(kipus)
    assert deliver(client, decision, "in_person").status_code == 302
    decision.refresh_from_db()
    due = {item.uid: item for item in todo.items_for(kipus) if item.kind == "decision"}
    assert due[f"decision-appeal-{decision.pk}"].due == law.appeal_deadline(TODAY)
    assert due[f"decision-final-{decision.pk}"].due == law.final_on(TODAY)
    assert decision.number in due[f"decision-appeal-{decision.pk}"].title
    # Appealed: no longer counting down to a final decision.
    decision.appeal_filed_on = TODAY
    decision.save()
    assert not [item for item in todo.items_for(kipus) if item.kind == "decision"]


def test_two_preparing_one_decision_at_once_the_second_is_told_not_served_an_error(
    prepared, client, kipus, monkeypatch
):
    """Both pass the page's "no decision yet?" check; the second's row meets the first's
    (one decision a request): a message, not a server error (ConcurrentChangeMiddleware)."""
    from django.db.models import QuerySet

    request_obj = prepared.request
    real_exists = QuerySet.exists

    def not_yet(queryset):  # the second request checked before the first one saved
        if queryset.model is RefusalDecision:
            return False
        return real_exists(queryset)

    monkeypatch.setattr(QuerySet, "exists", not_yet)
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:request-refuse", args=[request_obj.pk]),
        {
            "refusal-legal_basis": "art. 1",
            "refusal-decision": "Druga wersja",
            "refusal-justification": "Druga wersja",
        },
        headers={"referer": reverse("ipus:request-detail", args=[request_obj.pk])},
        follow=True,
    )
    assert response.status_code == 200
    assert "Ktoś inny zmienił ten rekord w tej samej chwili" in response.content.decode()
    assert RefusalDecision.objects.get(request=request_obj).decision == prepared.decision
