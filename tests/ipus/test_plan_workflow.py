"""IPUS from assessment to signed contract: transitions, numbering, capacity, PDF, signatures, annexes."""

import io
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cus.documents import Upload
from cus.models import YearSequence
from ipus import capacity, pdf, workflows
from ipus.choices import PlanStatus, RequestStatus, VersionStatus
from ipus.models import InvalidTransition, Plan, PlanItem, PlanTransition, PlanVersion
from services.models import Service
from tests.ipus.conftest import (
    PDF_SCAN,
    add_seed_items,
    approved_plan,
    draft_plan,
    local_noon_days_ago,
    make_assessed_request,
    signed_plan,
    whole_period_item,
)
from tests.signing_ca import SigningCA


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- creation and workflow -------------------------------------------------------------


def post_new_plan(client, assessment, days=200, **changes):
    """Submit the new-plan form: from today for ``days`` days, monitored every 3 months."""
    today = timezone.localdate()
    data = {
        "drawn_up_on": today.isoformat(),
        "valid_from": today.isoformat(),
        "valid_to": (today + timedelta(days=days)).isoformat(),
        "expected_improvement": "x",
        "monitoring_every_months": 3,
        "quality_check_every_months": 3,
        "version": 1,
    }
    return client.post(reverse("ipus:plan-create", args=[assessment.pk]), data | changes)


def test_a_kipus_draws_up_a_plan_from_a_completed_assessment(client, kipus, assessment):
    client.force_login(kipus)
    response = post_new_plan(
        client,
        assessment,
        expected_improvement="Samodzielność w domu",
        quality_check_every_months=6,
        attachments="Regulamin",
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert plan.status == PlanStatus.DRAFT and plan.number is None
    assert plan.current_version.number == 0
    assert plan.approval_deadline == assessment.request.deadline
    assessment.request.refresh_from_db()
    assert assessment.request.status == RequestStatus.PLAN
    page = client.get(response.url)
    # The wanted services of the assessment are offered for the plan.
    assert (
        "Taksówka dla seniora" in page.content.decode()
        and "dodaj do planu" in page.content.decode()
    )


@pytest.mark.parametrize(
    ("days", "message"), [(400, "najwyżej rok"), (60, "co najmniej 3 miesiące")]
)
def test_the_plan_form_refuses_more_than_a_year_or_less_than_three_months(
    client, kipus, assessment, days, message
):
    client.force_login(kipus)
    response = post_new_plan(client, assessment, days)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_monitoring_less_often_than_quarterly_is_refused(client, kipus, assessment):
    client.force_login(kipus)
    response = post_new_plan(client, assessment, monitoring_every_months=4)
    assert "co najmniej raz na 3 miesiące" in response.content.decode()


def test_an_item_outside_the_plan_period_is_refused(client, kipus, assessment, seed_services):
    plan = draft_plan(assessment, kipus)
    version = plan.current_version
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:item-create", args=[version.pk]),
        {
            "service": seed_services["taxi"].pk,
            "starts_on": version.valid_from.isoformat(),
            "ends_on": (version.valid_to + timedelta(days=1)).isoformat(),
            "quantity": "2",
            "per": "month",
            "fee_per_unit": "0",
            "discount_percent": "0",
        },
    )
    assert "mieścić się w okresie planu" in response.content.decode()
    assert not PlanItem.objects.exists()


ALL_PLAN = set(PlanStatus.values)


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (start, target)
        for start in PlanStatus.values
        for target in PlanStatus.values
        if target not in Plan.TRANSITIONS.get(start, set())
    ],
)
def test_every_transition_outside_the_table_raises(db, kipus, assessment, start, target):
    plan = draft_plan(assessment, kipus)
    Plan.objects.filter(pk=plan.pk).update(status=start)
    with pytest.raises(InvalidTransition):
        plan.set_status(target, kipus)
    plan.refresh_from_db()
    assert plan.status == start


def test_version_transitions_outside_the_table_raise(db, kipus, assessment):
    plan = draft_plan(assessment, kipus)
    with pytest.raises(InvalidTransition):
        plan.current_version.set_status(VersionStatus.APPROVED, kipus)
    with pytest.raises(InvalidTransition):
        plan.current_version.set_status(VersionStatus.SIGNED, kipus)


def test_the_whole_path_is_recorded_and_numbered(db, kipus, director, assessment):
    plan = signed_plan(assessment, kipus, director)
    year = timezone.localdate().year
    assert plan.number == f"IPUS/{year}/1"
    assert plan.status == PlanStatus.ACTIVE  # starts today
    steps = [
        (t.from_status, t.to_status, t.plan_version_id is not None)
        for t in PlanTransition.objects.filter(plan=plan)
    ]
    assert ("draft", "submitted", False) in steps
    assert ("submitted", "approved", False) in steps
    assert ("approved", "signed", False) in steps
    assert ("signed", "active", False) in steps
    assert ("approved", "signed", True) in steps
    assert all(t.by_id for t in PlanTransition.objects.filter(plan=plan))
    assert plan.approved_on == timezone.localdate()


def test_a_plan_starting_later_waits_as_signed_until_its_date(db, kipus, director, assessment):
    start = timezone.localdate() + timedelta(days=10)
    plan = signed_plan(assessment, kipus, director, start=start)
    assert plan.status == PlanStatus.SIGNED
    assert workflows.activate_due_plans(director, today=start - timedelta(days=1)) == 0
    assert workflows.activate_due_plans(director, today=start) == 1
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE


def test_the_approver_can_return_a_plan_for_corrections(
    client, kipus, director, assessment, seed_services
):
    plan = draft_plan(assessment, kipus)
    add_seed_items(plan.current_version, seed_services)
    workflows.submit_version(plan.current_version, kipus)
    client.force_login(director)
    url = reverse("ipus:version-return", args=[plan.current_version.pk])
    assert client.post(url, {"note": ""}).status_code == 200  # a reason is required
    client.post(url, {"note": "Popraw zakres usługi opiekuńczej"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert plan.transitions.last().note == "Popraw zakres usługi opiekuńczej"


def test_an_empty_plan_cannot_be_submitted(client, kipus, assessment):
    plan = draft_plan(assessment, kipus)
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:version-submit", args=[plan.current_version.pk]), follow=True
    )
    assert "co najmniej jedną usługę" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_only_an_approver_approves_and_get_is_not_allowed(
    client, kipus, ous, director, assessment, seed_services
):
    plan = draft_plan(assessment, kipus)
    add_seed_items(plan.current_version, seed_services)
    workflows.submit_version(plan.current_version, kipus)
    url = reverse("ipus:version-approve", args=[plan.current_version.pk])
    client.force_login(kipus)
    assert client.post(url).status_code == 403
    client.force_login(ous)  # without the director's authorisation
    assert client.post(url).status_code == 403
    client.force_login(director)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_an_ous_authorised_by_the_director_approves(client, kipus, ous, assessment, seed_services):
    from django.contrib.auth.models import Permission

    ous.user_permissions.add(Permission.objects.get(codename="approve_ipus"))
    plan = draft_plan(assessment, kipus)
    add_seed_items(plan.current_version, seed_services)
    workflows.submit_version(plan.current_version, kipus)
    client.force_login(ous)
    client.post(reverse("ipus:version-approve", args=[plan.current_version.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_a_kipus_cannot_change_another_coordinators_plan(client, kipus, assessment, seed_services):
    from cus import roles
    from tests.factories import UserFactory

    other = UserFactory(username="t-kipus-2", role=roles.KIPUS)
    plan = draft_plan(assessment, kipus)
    client.force_login(other)
    assert client.get(reverse("ipus:plan-detail", args=[plan.pk])).status_code == 200
    assert (
        client.get(reverse("ipus:item-create", args=[plan.current_version.pk])).status_code == 404
    )
    assert (
        client.post(reverse("ipus:version-submit", args=[plan.current_version.pk])).status_code
        == 404
    )


def test_thirty_day_breaches_are_shown_and_counted(client, kipus, director, seed_services):
    late = make_assessed_request(
        kipus, seed_services, "Spóźniony", received_at=local_noon_days_ago(40)
    )
    plan = approved_plan(late, kipus, director)
    state, days = plan.deadline_state()
    assert state == "late" and days == 10
    assert Plan.objects.approval_breached(timezone.localdate()).count() == 1
    client.force_login(kipus)
    page = client.get(reverse("ipus:plan-list")).content.decode()
    assert "po terminie" in page


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_share_a_number(kipus, director, seed_services):
    plans = []
    for n in range(6):
        assessment = make_assessed_request(kipus, seed_services, f"Równoległa{n}")
        plan = draft_plan(assessment, kipus)
        whole_period_item(plan.current_version, seed_services["taxi"], 1, "month")
        workflows.submit_version(plan.current_version, kipus)
        plans.append(plan)
    barrier = threading.Barrier(len(plans))
    errors = []

    def approve(version):
        from django.db import connections

        try:
            barrier.wait()
            workflows.approve_version(version, director)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(plan.current_version,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    year = timezone.localdate().year
    numbers = sorted(Plan.objects.values_list("number", flat=True))
    assert numbers == sorted(f"IPUS/{year}/{n}" for n in range(1, 7))
    assert YearSequence.objects.get(kind="ipus", year=year).last == 6


# --- capacity --------------------------------------------------------------------------


def care_item_post(version, service, quantity="6", **extra):
    return {
        "service": service.pk,
        "starts_on": version.valid_from.isoformat(),
        "ends_on": version.valid_to.isoformat(),
        "quantity": quantity,
        "per": "week",
        "place": "Miejsce zamieszkania",
        "fee_per_unit": "0",
        "discount_percent": "0",
        **extra,
    }


@pytest.fixture
def full_care(kipus, director, seed_services):
    """Another person's approved plan takes all 100 monthly hours of home care."""
    other = make_assessed_request(
        kipus, seed_services, "Pierwsza", timezone.now() - timedelta(days=3)
    )
    plan = draft_plan(other, kipus)
    whole_period_item(plan.current_version, seed_services["care"], 100, "month")
    workflows.submit_version(plan.current_version, kipus)
    workflows.approve_version(plan.current_version, director)
    return plan


def test_a_full_service_is_refused_with_the_numbers(
    client, kipus, assessment, seed_services, full_care
):
    plan = draft_plan(assessment, kipus)
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:item-create", args=[plan.current_version.pk]),
        care_item_post(plan.current_version, seed_services["care"]),
    )
    text = response.content.decode()
    assert "Brak miejsc w usłudze „Usługa opiekuńcza”" in text
    assert "pozostało: 0 godzin" in text  # the unit named, in its form after 0
    assert not plan.current_version.items.exists()


def test_the_capacity_hint_shows_what_remains(client, kipus, assessment, seed_services, full_care):
    plan = draft_plan(assessment, kipus)
    version = plan.current_version
    client.force_login(kipus)
    response = client.get(
        reverse("ipus:item-capacity", args=[version.pk]),
        {
            "service": seed_services["care"].pk,
            "starts_on": version.valid_from,
            "ends_on": version.valid_to,
        },
    )
    assert "pozostało: <strong>0 godzin</strong>" in response.content.decode()  # whole units
    # Nonsense in the query string is a hint to choose, not an error.
    assert (
        client.get(reverse("ipus:item-capacity", args=[version.pk]), {"service": "x"}).status_code
        == 200
    )


def test_a_full_service_puts_the_item_on_the_waiting_list_in_filing_order(
    client, kipus, seed_services, full_care
):
    early = make_assessed_request(
        kipus, seed_services, "Wcześniejsza", timezone.now() - timedelta(days=2)
    )
    late = make_assessed_request(
        kipus, seed_services, "Późniejsza", timezone.now() - timedelta(days=1)
    )
    early_plan, late_plan = draft_plan(early, kipus), draft_plan(late, kipus)
    client.force_login(kipus)
    for plan in (late_plan, early_plan):
        client.post(
            reverse("ipus:item-create", args=[plan.current_version.pk]),
            care_item_post(plan.current_version, seed_services["care"], waiting="on"),
        )
    waiting = list(PlanItem.objects.waiting_list())
    assert [item.version.plan for item in waiting] == [early_plan, late_plan]
    page = client.get(reverse("ipus:waiting-list")).content.decode()
    assert page.index("Wcześniejsza") < page.index("Późniejsza")
    # The later request cannot jump the queue.
    late_item = late_plan.current_version.items.get()
    response = client.post(
        reverse("ipus:item-update", args=[late_item.pk]),
        {
            **care_item_post(late_plan.current_version, seed_services["care"]),
            "edit_version": late_item.edit_version,
        },
    )
    assert "wcześniej złożone wnioski" in response.content.decode()


def test_the_ous_overrides_capacity_with_a_written_reason(
    client, kipus, ous, assessment, seed_services, full_care
):
    plan = draft_plan(assessment, kipus)
    client.force_login(kipus)
    page = client.get(reverse("ipus:item-create", args=[plan.current_version.pk])).content.decode()
    assert "override_reason" not in page  # only the OUS decides
    client.force_login(ous)
    client.post(
        reverse("ipus:item-create", args=[plan.current_version.pk]),
        care_item_post(
            plan.current_version,
            seed_services["care"],
            override_reason="Sytuacja kryzysowa, brak opieki rodziny",
        ),
    )
    item = plan.current_version.items.get()
    assert item.override_by == ous and not item.waiting
    workflows.submit_version(plan.current_version, kipus)  # the override carries through


def test_the_catalogue_capacity_counts_plan_items_and_deliveries(
    db, kipus, director, assessment, seed_services
):
    start = timezone.localdate().replace(day=1) - timedelta(days=62)
    plan = signed_plan(assessment, kipus, director, start=start.replace(day=1))
    taxi = plan.current_version.items.get(service__name="Taksówka dla seniora")
    workflows.record_delivery(taxi, taxi.starts_on.replace(day=1), Decimal(2), kipus)
    first, last = plan.current_version.valid_from, plan.current_version.valid_to
    services = {s.name: s for s in Service.objects.all().capacity_table(first, last)}
    assert services["Taksówka dla seniora"].units_granted == 6
    assert services["Taksówka dla seniora"].units_used == Decimal("2.00")
    assert services["Taksówka dla seniora"].persons_using == 1
    assert services["Usługa opiekuńcza"].units_remaining < 600


# --- PDF and signatures ----------------------------------------------------------------


def test_the_contract_pdf_follows_the_template_with_polish_letters(db, kipus, director, assessment):
    plan = approved_plan(assessment, kipus, director)
    data = plan.current_version.document.read()
    text = pdf_text(data)
    for sentence in (
        f"INDYWIDUALNY PLAN USŁUG SPOŁECZNYCH NR {plan.number}",
        "sporządzany na podstawie indywidualnej diagnozy potrzeb przeprowadzonej w dniu",
        "Plan sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron.",
        "Zdzisława Wąsik",
        "ul. Źródlana 7",
        "6 godzin tygodniowo",
        "2 przejazdy w miesiącu, max. 6 w roku",
        "4 usługi w roku po max 2 godziny",
        "data, Uczestnik",
        "Strona 1 z",
    ):
        assert sentence in " ".join(text.split()), sentence
    assert "Cukrzyca" not in text  # no health data in the contract
    fields = PdfReader(io.BytesIO(data)).get_fields()
    assert {pdf.PARTICIPANT_FIELD, pdf.CENTRE_FIELD} <= set(fields)


def test_the_frozen_pdf_never_changes_after_edits_and_annexes(
    client, kipus, director, assessment, seed_services
):
    plan = signed_plan(assessment, kipus, director)
    version = plan.current_version
    frozen, digest = version.document.read(), version.document.sha256
    assessment.request.person.last_name = "Zmieniona"
    assessment.request.person.save()
    annex = workflows.start_annex(plan, kipus)
    annex.items.filter(service__name="Mobilny konserwator").delete()
    client.force_login(director)
    response = client.get(reverse("ipus:version-pdf", args=[version.pk]))
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content]) == frozen
    )
    version.document.refresh_from_db()
    assert version.document.sha256 == digest


def test_the_centre_signs_the_frozen_pdf_when_a_certificate_is_configured(
    db, kipus, director, assessment, tmp_path, settings
):
    ca = SigningCA()
    path = tmp_path / "centrum.p12"
    path.write_bytes(ca.issue_pkcs12("Centrum Usług Społecznych w Starachowicach"))
    settings.CUS_SIGNING_P12_PATH, settings.CUS_SIGNING_P12_PASSWORD = str(path), "haslo-testowe"
    plan = approved_plan(assessment, kipus, director)
    version = plan.current_version
    signed = version.centre_signed.read()
    assert signed.startswith(version.document.read())
    from cus import signing

    check = signing.check_signed_copy(signed, version.document.read(), roots=[ca.asn1_certificate])
    assert check.accepted and check.signatures[0].field == pdf.CENTRE_FIELD


def test_an_e_signed_copy_is_validated_and_a_tampered_or_foreign_one_rejected(
    client, kipus, director, assessment, seed_services, tmp_path, settings
):
    from cus import signing

    ca = SigningCA()
    participant = signing.signers.SimpleSigner.load_pkcs12_data(
        ca.issue_pkcs12("Zdzisława Wąsik"), other_certs=[], passphrase=b"haslo-testowe"
    )
    plan = approved_plan(assessment, kipus, director)
    version = plan.current_version
    frozen = version.document.read()
    url = reverse("ipus:version-signed-copy", args=[version.pk])
    client.force_login(kipus)

    # A document signed properly but not this plan: rejected, nothing stored.
    other = make_assessed_request(kipus, seed_services, "Obca")
    foreign = approved_plan(other, kipus, director).current_version.document.read()
    foreign_signed = signing.sign_as_centre(foreign, pdf.PARTICIPANT_FIELD, "x", signer=participant)
    response = client.post(url, {"kind": "e_signed", "document": _file(foreign_signed)})
    assert "różni się od zatwierdzonej wersji" in response.content.decode()

    # This plan, but changed after signing: rejected.
    signed = signing.sign_as_centre(frozen, pdf.PARTICIPANT_FIELD, "Akceptuję", signer=participant)
    tampered = bytearray(signed)
    tampered[len(frozen) + 200] ^= 1
    response = client.post(url, {"kind": "e_signed", "document": _file(bytes(tampered))})
    assert response.status_code == 200
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED and version.signed_copy is None

    # The real thing: validated, stored with the report, plan signed and active.
    response = client.post(url, {"kind": "e_signed", "document": _file(signed)})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.SIGNED
    report = version.signed_copy.signature_report
    assert report["matches_frozen"] and "Zdzisława Wąsik" in report["signatures"][0]["signer"]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE


def _file(data, name="umowa.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_scan_makes_the_plan_signed(client, kipus, director, assessment):
    plan = approved_plan(assessment, kipus, director)
    client.force_login(kipus)
    client.post(
        reverse("ipus:version-signed-copy", args=[plan.current_version.pk]),
        {"kind": "scan", "document": _file(PDF_SCAN, "skan.pdf")},
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert plan.current_version.signed_copy.sha256


def test_the_verify_page_recognises_a_registered_plan_version(client, kipus, director, assessment):
    plan = approved_plan(assessment, kipus, director)
    client.force_login(director)
    response = client.post(
        reverse("cus:document-verify"), {"document": _file(plan.current_version.document.read())}
    )
    assert f"IPUS {plan.number}" in response.content.decode()


# --- annexes ---------------------------------------------------------------------------


def test_an_annex_lists_its_changes_and_becomes_the_plan_in_force(
    client, kipus, director, assessment, seed_services
):
    plan = signed_plan(assessment, kipus, director)
    original = plan.current_version
    client.force_login(kipus)
    response = client.post(reverse("ipus:plan-annex", args=[plan.pk]))
    annex = PlanVersion.objects.get(plan=plan, number=1)
    assert response.url == annex.get_absolute_url()
    assert annex.items.count() == 3
    # Remove the repairs, change the taxi, add a new service.
    annex.items.get(service__name="Mobilny konserwator").delete()
    taxi = annex.items.get(service__name="Taksówka dla seniora")
    taxi.quantity = 3
    taxi.save()
    extra = Service.objects.create(name="Klub seniora", unit="visit")
    whole_period_item(annex, extra, 1, "week")
    client.post(
        reverse("ipus:version-update", args=[annex.pk]),
        {
            "reason": "needs",
            "reason_text": "Pogorszenie mobilności",
            "in_force_from": annex.in_force_from.isoformat(),
            "drawn_up_on": annex.drawn_up_on.isoformat(),
            "valid_to": annex.valid_to.isoformat(),
            "expected_improvement": annex.expected_improvement,
            "monitoring_every_months": 3,
            "quality_check_every_months": 3,
            "attachments": annex.attachments,
            "version": annex.version,
        },
    )
    workflows.submit_version(annex, kipus)
    plan.refresh_from_db()
    assert plan.current_version == original  # in force only once signed
    workflows.approve_version(annex, director)
    annex.refresh_from_db()
    text = " ".join(pdf_text(annex.document.read()).split())
    assert f"AKTUALIZACJA INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH NR {plan.number}" in text
    assert "Dodano: Klub seniora" in text
    assert "Usunięto: Mobilny konserwator" in text
    assert "Zmieniono: Taksówka dla seniora" in text and "3 przejazdy w miesiącu" in text
    assert "Plan po aktualizacji (tekst jednolity)" in text
    workflows.attach_signed_copy(annex, "scan", Upload(PDF_SCAN, "application/pdf", "s.pdf"), kipus)
    plan.refresh_from_db()
    assert plan.current_version == annex
    assert plan.number.startswith("IPUS/")  # the annex keeps the plan's number
    page = client.get(reverse("ipus:plan-detail", args=[plan.pk])).content.decode()
    assert "Aktualizacja 1" in page and "Klub seniora" in page


# --- monitoring, deliveries, closure -------------------------------------------------


def test_monitoring_is_due_from_the_plans_frequency(client, kipus, director, assessment):
    start = timezone.localdate() - timedelta(days=120)
    plan = signed_plan(assessment, kipus, director, start=start, months=8)
    from cus.dates import add_months

    assert plan.next_contact_due == add_months(start, 3)  # already overdue
    client.force_login(kipus)
    home = client.get(reverse("cus:home")).content.decode()
    assert "zaległy" in home and plan.number in home
    contacted = timezone.localdate() - timedelta(days=1)
    client.post(
        reverse("ipus:contact-create", args=[plan.pk]),
        {
            "contact-contacted_on": contacted.isoformat(),
            "contact-mode": "phone",
            "contact-notes": "Usługa opiekuńcza realizowana zgodnie z planem",
            "contact-satisfaction": "5",
        },
    )
    plan.refresh_from_db()
    assert plan.next_contact_due == add_months(contacted, 3)
    # A problem for the OUS needs a description.
    response = client.post(
        reverse("ipus:contact-create", args=[plan.pk]),
        {
            "contact-contacted_on": contacted.isoformat(),
            "contact-mode": "provider",
            "contact-notes": "x",
            "contact-problem": "on",
        },
    )
    assert "Opisz problem" in response.content.decode()


def test_deliveries_show_used_and_remaining_and_flag_over_delivery(
    client, kipus, director, assessment
):
    start = timezone.localdate().replace(day=1) - timedelta(days=40)
    plan = signed_plan(assessment, kipus, director, start=start.replace(day=1))
    taxi = plan.current_version.items.get(service__name="Taksówka dla seniora")
    client.force_login(kipus)
    month = taxi.starts_on.strftime("%Y-%m")
    response = client.post(
        reverse("ipus:delivery-save", args=[plan.pk]),
        {"delivery-line": taxi.pk, "delivery-month": month, "delivery-units": "3"},
        follow=True,
    )
    assert "więcej, niż przewiduje harmonogram" in response.content.decode()
    [row] = [item for item in capacity.delivery_summary(plan) if item.pk == taxi.pk]
    assert row.units_used == 3 and row.units_remaining == Decimal("3.00") and row.flagged
    # A month outside the item is refused.
    response = client.post(
        reverse("ipus:delivery-save", args=[plan.pk]),
        {"delivery-line": taxi.pk, "delivery-month": "2001-01", "delivery-units": "1"},
    )
    assert "poza okresem usługi" in response.content.decode()


def test_a_csv_import_reports_every_bad_line_and_stores_nothing(
    client, kipus, director, assessment
):
    from ipus.models import Delivery

    start = timezone.localdate().replace(day=1) - timedelta(days=40)
    plan = signed_plan(assessment, kipus, director, start=start.replace(day=1))
    month = plan.current_version.valid_from.strftime("%Y-%m")
    csv_text = (
        "numer_ipus;lp;miesiac;jednostki\n"
        f"{plan.number};1;{month};24\n"
        f"IPUS/1999/9;1;{month};2\n"
        f"{plan.number};7;{month};2\n"
        f"{plan.number};2;13-2026;2\n"
        f"{plan.number};2;{month};dwa\n"
    )
    client.force_login(kipus)
    url = reverse("ipus:delivery-import")
    response = client.post(url, {"file": _file(csv_text.encode(), "realizacja.csv")})
    text = response.content.decode()
    for line in (3, 4, 5, 6):
        assert f"Wiersz {line}:" in text
    assert "Wiersz 2:" not in text
    assert not Delivery.objects.exists()
    good = f"numer_ipus;lp;miesiac;jednostki\n{plan.number};1;{month};24\n{plan.number};2;{month};2,0\n"
    response = client.post(url, {"file": _file(good.encode(), "realizacja.csv")}, follow=True)
    assert "Wczytano 2 wiersze realizacji." in response.content.decode()
    assert Delivery.objects.count() == 2


def test_closing_a_plan_freezes_the_description_of_its_course(client, kipus, director, assessment):
    plan = signed_plan(
        assessment, kipus, director, start=timezone.localdate() - timedelta(days=100)
    )
    client.force_login(kipus)
    response = client.post(
        reverse("ipus:plan-close", args=[plan.pk]),
        {
            "closing_conversation_on": timezone.localdate().isoformat(),
            "closing_notes": "Pani Zdzisława zadowolona z opieki",
            "course_description": "Usługi realizowano bez przerw",
            "results_description": "Poczucie samotności zmniejszyło się; osoba bezpieczna w domu",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    text = " ".join(pdf_text(plan.closure_document.read()).split())
    assert "OPIS PRZEBIEGU REALIZACJI INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH" in text
    assert "Poczucie samotności zmniejszyło się" in text


def test_two_closing_one_plan_at_once_the_second_is_told_not_served_an_error(
    client, kipus, director, assessment, monkeypatch
):
    """Both pass the page's "is it active?" check; the first closes it, the second's move
    along the status table is refused (cus.middleware.ConcurrentChangeMiddleware)."""
    from ipus.views import plans as plan_views

    plan = signed_plan(
        assessment, kipus, director, start=timezone.localdate() - timedelta(days=100)
    )
    data = {
        "closing_conversation_on": timezone.localdate().isoformat(),
        "closing_notes": "Rozmowa końcowa",
        "course_description": "Bez przerw",
        "results_description": "Cele osiągnięte",
    }
    real_close = workflows.close_plan

    def closed_by_someone_else_first(stale_plan, form, user):
        other = Plan.objects.get(pk=stale_plan.pk)
        real_close(other, plan_views.ClosureForm(data, instance=other), director)
        return real_close(stale_plan, form, user)

    monkeypatch.setattr(plan_views, "close_plan", closed_by_someone_else_first)
    client.force_login(kipus)
    url = reverse("ipus:plan-close", args=[plan.pk])
    response = client.post(url, {**data, "closing_notes": "Moja wersja"}, follow=True)
    assert response.status_code == 200
    assert "Ktoś inny zmienił ten rekord w tej samej chwili" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    assert plan.closing_notes == "Rozmowa końcowa"  # the first close, not overwritten
    assert plan.transitions.filter(to_status=PlanStatus.CLOSED).count() == 1


def test_terminating_early_needs_a_reason(client, kipus, director, assessment):
    plan = signed_plan(assessment, kipus, director)
    client.force_login(kipus)
    url = reverse("ipus:plan-terminate", args=[plan.pk])
    assert client.post(url, {"terminate-reason": ""}).status_code == 200
    client.post(url, {"terminate-reason": "Przeprowadzka do innej gminy"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.TERMINATED and plan.termination_reason


def test_the_service_card_has_no_health_data(client, kipus, director, assessment):
    plan = approved_plan(assessment, kipus, director)
    item = plan.current_version.items.get(service__name="Usługa opiekuńcza")
    client.force_login(kipus)
    response = client.get(reverse("ipus:item-card", args=[item.pk]))
    text = " ".join(pdf_text(response.content).split())
    assert "KARTA USŁUG" in text and "Zdzisława Wąsik" in text and "6 godzin tygodniowo" in text
    assert "Cukrzyca" not in text


def test_the_director_sees_the_work_list(client, kipus, director, assessment, seed_services):
    plan = draft_plan(assessment, kipus)
    add_seed_items(plan.current_version, seed_services)
    workflows.submit_version(plan.current_version, kipus)
    client.force_login(director)
    page = client.get(reverse("ipus:plan-worklist")).content.decode()
    assert "Zdzisława Wąsik" in page
    home = client.get(reverse("cus:home")).content.decode()
    assert "IPUS do zatwierdzenia" in home


@pytest.mark.parametrize("rows", [3, 30])
def test_the_plan_list_has_a_constant_query_count(
    client, kipus, seed_services, django_assert_num_queries, rows
):
    for n in range(rows):
        draft_plan(make_assessed_request(kipus, seed_services, f"Lista{n}"), kipus)
    client.force_login(kipus)
    client.get(reverse("ipus:plan-list"))  # warm the session
    with django_assert_num_queries(QUERIES_PLAN_LIST):
        response = client.get(reverse("ipus:plan-list"))
    assert response.status_code == 200


# The page, its two cached counts (read in one query) and filters, and one INSERT of its
# rows into the access log.
QUERIES_PLAN_LIST = 7


def test_the_plan_list_finds_plans_by_name_newest_first(client, kipus, seed_services):
    older = draft_plan(make_assessed_request(kipus, seed_services, "Szukana"), kipus)
    draft_plan(make_assessed_request(kipus, seed_services, "Inna"), kipus)
    newer = draft_plan(make_assessed_request(kipus, seed_services, "Szukanowska"), kipus)
    Plan.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    client.force_login(kipus)
    response = client.get(reverse("ipus:plan-list") + "?q=szukan")
    assert response.status_code == 200
    assert [plan.pk for plan in response.context["object_list"]] == [newer.pk, older.pk]


_unused = (date, ALL_PLAN)


def test_the_daily_command_starts_signed_plans_on_their_date(db, kipus, director, assessment):
    import io as _io

    from django.core.management import call_command

    plan = signed_plan(assessment, kipus, director, start=timezone.localdate() - timedelta(days=1))
    assert plan.status == PlanStatus.ACTIVE  # already started when signed
    other = make_assessed_request(kipus, _services(), "Jutrzejsza")
    later = signed_plan(other, kipus, director, start=timezone.localdate() + timedelta(days=1))
    Plan.objects.filter(pk=later.pk).update(status=PlanStatus.SIGNED)
    PlanVersion.objects.filter(pk=later.current_version_id).update(valid_from=timezone.localdate())
    out = _io.StringIO()
    call_command("plans_daily", stdout=out)
    later.refresh_from_db()
    assert later.status == PlanStatus.ACTIVE and "1" in out.getvalue()
    assert later.transitions.last().by is None  # the system did it


def _services():
    return {
        "care": Service.objects.get(name="Usługa opiekuńcza"),
        "taxi": Service.objects.get(name="Taksówka dla seniora"),
        "repair": Service.objects.get(name="Mobilny konserwator"),
    }


def test_the_subject_access_export_includes_plans(client, kipus, director, assessment):
    import json

    plan = signed_plan(assessment, kipus, director)
    client.force_login(director)
    response = client.get(reverse("ipus:person-export", args=[assessment.request.person_id]))
    data = json.loads(response.content)
    [exported] = data["plany_ipus"]
    assert exported["numer"] == plan.number
    assert {row["usługa"] for row in exported["wersje"][0]["usługi"]} == {
        s.name for s in _services().values()
    }


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02garbage",
        b"numer;lp\n",
        b'"unterminated\n;;',
        "żółć".encode("cp1250"),
    ],
)
def test_a_malformed_csv_gets_a_message_not_an_error(client, kipus, content):
    client.force_login(kipus)
    response = client.post(reverse("ipus:delivery-import"), {"file": _file(content, "x.csv")})
    assert response.status_code == 200
    assert "nic nie zapisano" in response.content.decode() or "pusty" in response.content.decode()


def test_a_contact_without_an_author_shows_a_dash_not_none(client, kipus, director, assessment):
    from ipus.models import MonitoringContact

    plan = signed_plan(assessment, kipus, director)
    MonitoringContact.objects.create(plan=plan, mode="phone", notes="Rozmowa z córką")
    client.force_login(kipus)
    page = client.get(reverse("ipus:plan-detail", args=[plan.pk])).content.decode()
    assert "Rozmowa z córką" in page and "(None)" not in page and "(—)" in page
