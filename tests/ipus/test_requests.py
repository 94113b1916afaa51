"""Requests: filing, the 30-day clock, outcomes through one transitions table, refusal decisions."""

import io
import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cus import law
from cus.models import AccessLog, YearSequence
from ipus import workflows
from ipus.choices import RequestStatus
from ipus.models import InvalidTransition, Person, RefusalDecision, Request
from tests.factories import pdf_bytes
from tests.ipus.conftest import local_noon_days_ago

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def person(db):
    return Person.objects.create(
        first_name="Zofia",
        last_name="Łęcka",
        birth_date=date(1940, 1, 2),
        town="Starachowice",
        street="ul. Długa",
        building="5",
        postal_code="27-200",
        id_document_type="id_card",
        id_document_number="ABC123",
    )


@pytest.fixture
def open_request(person, kipus):
    return Request.objects.create(
        person=person, channel="in_person", coordinator=kipus, requested_text="Opieka w domu"
    )


def request_form(kipus, **changes):
    data = {
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "phone",
        "filed_by": "person",
        "requested_text": "Pomoc w domu",
        "coordinator": kipus.pk,
    }
    data.update(changes)
    return data


def test_a_kipus_files_a_request_for_a_person(client, kipus, person):
    client.force_login(kipus)
    response = client.post(reverse("ipus:request-create", args=[person.pk]), request_form(kipus))
    request_obj = Request.objects.get()
    assert response.status_code == 302
    assert request_obj.status == RequestStatus.REGISTERED
    assert request_obj.person == person


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"filed_by": "guardian"}, "Podaj, kto złożył wniosek"),
        ({"requested_text": ""}, "Wskaż usługi z katalogu"),
        ({"received_at": "2999-01-01T10:00"}, "nie może być z przyszłości"),
        ({"received_at": "wczoraj"}, "Wpisz poprawną datę"),
    ],
)
def test_an_incomplete_request_is_refused_with_a_polish_message(
    client, kipus, person, changes, message
):
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:request-create", args=[person.pk]), request_form(kipus, **changes)
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (datetime(2026, 1, 31, 12, 0, tzinfo=WARSAW), date(2026, 3, 2)),  # across February
        (datetime(2026, 12, 15, 9, 0, tzinfo=WARSAW), date(2027, 1, 14)),  # across the year
        # 23:30 UTC on 31 March is already 1 April in Warsaw: the clock counts Warsaw days.
        (datetime(2026, 3, 31, 23, 30, tzinfo=ZoneInfo("UTC")), date(2026, 5, 1)),
    ],
)
def test_the_30_day_clock_counts_warsaw_calendar_days(open_request, received, deadline):
    open_request.received_at = received
    assert open_request.deadline == deadline
    assert open_request.days_left(deadline - timedelta(days=3)) == 3
    assert open_request.days_left(deadline + timedelta(days=2)) == -2


def test_the_deadline_follows_the_setting(open_request, settings):
    settings.CUS_IPUS_APPROVAL_DAYS = 21
    open_request.received_at = datetime(2026, 5, 1, 10, tzinfo=WARSAW)
    assert open_request.deadline == date(2026, 5, 22)


def test_the_kipus_home_lists_open_requests_overdue_first(client, kipus, person):
    old = Request.objects.create(
        person=person,
        channel="phone",
        coordinator=kipus,
        received_at=local_noon_days_ago(40),
        requested_text="x",
    )
    new = Request.objects.create(
        person=person, channel="phone", coordinator=kipus, requested_text="y"
    )
    client.force_login(kipus)
    response = client.get(reverse("cus:home"))
    assert [r.pk for r in response.context["my_open_requests"]] == [old.pk, new.pk]
    assert "po terminie 10 dni" in response.text


def test_every_transition_outside_the_table_raises(open_request, kipus):
    open_request.set_status(RequestStatus.WITHDRAWN, kipus)
    for status in RequestStatus:
        with pytest.raises(InvalidTransition):
            open_request.set_status(status, kipus)
    assert list(open_request.transitions.values_list("to_status", flat=True)) == ["withdrawn"]


def test_a_hand_off_needs_the_persons_consent_and_is_recorded(client, kipus, open_request):
    client.force_login(kipus)
    url = reverse("ipus:request-outcome", args=[open_request.pk, "handoff"])
    assert client.get(url).status_code == 405
    missing = client.post(
        url,
        {
            "handoff-handoff_to": "social_assistance",
            "handoff-handoff_recipient": "Zespół PS",
            "handoff-handoff_what": "Wniosek o zasiłek",
        },
    )
    assert "To pole jest wymagane" in missing.text
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.REGISTERED
    client.post(
        url,
        {
            "handoff-handoff_to": "social_assistance",
            "handoff-handoff_recipient": "Zespół PS",
            "handoff-handoff_what": "Wniosek o zasiłek",
            "handoff-handoff_consent_on": "2026-11-20",
        },
    )
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.HANDED_OFF
    assert open_request.transitions.get().by == kipus


def test_information_only_and_withdrawal_close_the_request(client, kipus, open_request, person):
    client.force_login(kipus)
    client.post(
        reverse("ipus:request-outcome", args=[open_request.pk, "information"]),
        {
            "information-information_given": "Informacja o dodatku",
            "information-referred_to": "MOPS",
        },
    )
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.INFORMATION
    second = Request.objects.create(
        person=person, channel="phone", coordinator=kipus, requested_text="z"
    )
    client.post(
        reverse("ipus:request-outcome", args=[second.pk, "withdraw"]),
        {"withdraw-withdrawal_reason": "Rezygnacja"},
    )
    second.refresh_from_db()
    assert second.status == RequestStatus.WITHDRAWN
    again = client.post(
        reverse("ipus:request-outcome", args=[second.pk, "information"]),
        {"information-information_given": "x", "information-referred_to": "y"},
        follow=True,
    )
    assert "już zakończony" in again.text


def test_a_refusal_is_a_numbered_decision_with_the_kpa_elements(
    client, kipus, director, open_request, settings, tmp_path
):
    """The coordinator prepares it, the director issues it (tests/ipus/test_refusal_decisions.py
    goes through every signer, channel and deadline)."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(kipus)
    client.post(
        reverse("ipus:request-refuse", args=[open_request.pk]),
        {
            "refusal-legal_basis": "art. 104 KPA",
            "refusal-decision": "Odmawia się przyznania usługi opiekuńczej.",
            "refusal-justification": "Potrzeby zaspokaja rodzina — żółć.",
        },
    )
    decision = RefusalDecision.objects.get()
    open_request.refresh_from_db()
    assert decision.status == "prepared" and decision.number is None
    assert open_request.is_open
    client.force_login(director)
    client.post(reverse("ipus:refusal-issue", args=[open_request.pk]))
    decision.refresh_from_db()
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.REFUSED
    year = timezone.localdate().year
    assert decision.number == f"CUS-ODM.{year}.1"
    response = client.get(reverse("ipus:refusal-pdf", args=[open_request.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for element in (
        "DECYZJA",
        f"Znak: CUS-ODM.{year}.1",
        "Zofia Łęcka",
        "art. 104 KPA",
        "Odmawia się przyznania",
        "Uzasadnienie",
        "Samorządowego Kolegium Odwoławczego",
        "14 dni",
        "Dyrektor",
        "żółć",
    ):
        assert element in text, element
    assert AccessLog.objects.filter(action="download").exists()
    frozen = decision.document.read()
    assert response.content == frozen


def test_delivery_and_appeal_are_tracked(client, kipus, director, open_request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(kipus)
    client.post(
        reverse("ipus:request-refuse", args=[open_request.pk]),
        {"refusal-legal_basis": "x", "refusal-decision": "y", "refusal-justification": "z"},
    )
    workflows.issue_refusal(RefusalDecision.objects.get(), director)
    url = reverse("ipus:refusal-followup", args=[open_request.pk])
    opened = {"followup-version": RefusalDecision.objects.get().version}
    today = timezone.localdate()
    early = client.post(
        url,
        {
            **opened,
            "followup-delivery_channel": "post",
            "followup-delivered_on": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert "przed wydaniem decyzji" in early.text
    client.post(
        url,
        {
            **opened,
            "followup-delivery_channel": "post",
            "followup-delivered_on": today.isoformat(),
            "followup-appeal_filed_on": today.isoformat(),
            "followup-receipt_file": SimpleUploadedFile("zwrotka.pdf", pdf_bytes()),
        },
    )
    decision = RefusalDecision.objects.get()
    assert decision.appeal_deadline == law.appeal_deadline(today)
    assert decision.appeal_filed_on == today
    assert decision.final_on is None  # appealed: not final


@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_never_share_a_number():
    numbers, errors = [], []

    def take():
        from django.db import transaction

        try:
            with transaction.atomic():
                numbers.append(YearSequence.next("test", 2026))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == list(range(1, 9))


@pytest.mark.parametrize(
    "persona", ["osl_organizer", "animator", "iod", "administrator"], indirect=True
)
def test_roles_without_case_access_see_no_request(client, persona, open_request):
    client.force_login(persona)
    assert client.get(reverse("ipus:request-detail", args=[open_request.pk])).status_code == 403
    assert client.get(reverse("ipus:request-list")).status_code == 403


def test_viewing_a_request_is_logged(client, director, open_request):
    client.force_login(director)
    assert client.get(reverse("ipus:request-detail", args=[open_request.pk])).status_code == 200
    assert AccessLog.objects.for_object(open_request).filter(user=director).exists()
    assert (
        "Zakończenie sprawy"
        not in client.get(reverse("ipus:request-detail", args=[open_request.pk])).text
    )


def test_the_request_list_keeps_a_constant_number_of_queries(client, kipus, person):
    from django.test.utils import CaptureQueriesContext

    client.force_login(kipus)
    for _ in range(3):
        Request.objects.create(
            person=person, channel="phone", coordinator=kipus, requested_text="a"
        )
    client.get(reverse("ipus:request-list"))
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("ipus:request-list"))
    for _ in range(27):
        Request.objects.create(
            person=person, channel="phone", coordinator=kipus, requested_text="a"
        )
    client.get(reverse("ipus:request-list"))  # the total is recounted once after a change
    with CaptureQueriesContext(connection) as thirty:
        client.get(reverse("ipus:request-list"))
    assert len(three) == len(thirty)
