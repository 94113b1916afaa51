"""Retention: persons past the period are listed, then anonymised keeping what statistics need."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from cus import pesel
from ipus import retention
from ipus.choices import RequestStatus
from ipus.models import NeedsAssessment, Person, Request


@pytest.fixture
def old_case(db, kipus):
    person = Person.objects.create(
        first_name="Anna",
        last_name="Dawna",
        pesel=pesel.make(date(1930, 5, 5), sex=pesel.FEMALE),
        birth_date=date(1930, 5, 5),
        sex="K",
        health="Choroba",
        street="ul. Stara",
        building="1",
        previous_social_assistance="yes",
    )
    request_obj = Request.objects.create(
        person=person, channel="phone", coordinator=kipus, requested_text="Opieka"
    )
    NeedsAssessment.objects.create(
        request=request_obj,
        coordinator=kipus,
        problems="Samotność",
        person_snapshot={"last_name": "Dawna", "household_size": 1},
    )
    request_obj.set_status(RequestStatus.WITHDRAWN, kipus)
    Request.objects.filter(pk=request_obj.pk).update(
        closed_at=timezone.now() - timedelta(days=365 * 11)
    )
    return person


@pytest.fixture
def recent_case(db, kipus):
    person = Person.objects.create(
        first_name="Ewa",
        last_name="Nowa",
        birth_date=date(1950, 1, 1),
        id_document_type="passport",
        id_document_number="1",
    )
    Request.objects.create(person=person, channel="phone", coordinator=kipus, requested_text="x")
    return person


def test_the_dry_run_lists_only_persons_past_retention_and_changes_nothing(old_case, recent_case):
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert f"id {old_case.pk}" in out.getvalue()
    assert f"id {recent_case.pk}" not in out.getvalue()
    old_case.refresh_from_db()
    assert old_case.last_name == "Dawna"


def test_anonymising_keeps_the_numbers_statistics_need(old_case):
    call_command("retention", apply=True, stdout=io.StringIO())
    person = Person.objects.get(pk=old_case.pk)
    assert person.last_name == retention.ANONYMISED
    assert person.pesel is None and person.health == "" and person.street == ""
    assert (person.sex, person.birth_date.year, person.previous_social_assistance) == (
        "K",
        1930,
        "yes",
    )
    assert not person.history.exists()
    request_obj = person.requests.get()
    assert request_obj.status == RequestStatus.WITHDRAWN and request_obj.requested_text == ""
    assessment = request_obj.assessment
    assert assessment.problems == "" and assessment.person_snapshot == {"household_size": 1}
    # Anonymised persons are not listed again.
    assert not retention.due().exists()


def test_the_period_follows_the_setting(old_case, settings):
    settings.CUS_RETENTION_YEARS = {"case_files": 20}
    assert not retention.due().exists()


def test_a_closed_plan_past_retention_loses_its_texts_and_documents(
    db, kipus, director, seed_services
):
    from ipus.choices import PlanStatus
    from ipus.models import Plan, PlanItem
    from tests.ipus.conftest import make_assessed_request, signed_plan

    assessment = make_assessed_request(kipus, seed_services, "Dawniejsza")
    plan = signed_plan(assessment, kipus, director)
    version = plan.current_version
    files = [version.document.file.path, version.signed_copy.file.path]
    person = assessment.request.person
    # Still active: never due, whatever the dates.
    Request.objects.filter(pk=assessment.request_id).update(
        closed_at=timezone.now() - timedelta(days=365 * 11)
    )
    assert person not in retention.due()
    Plan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.CLOSED,
        ended_on=timezone.localdate() - timedelta(days=365 * 11),
        course_description="Pani Dawniejsza czuje się lepiej",
    )
    assert person in retention.due()
    retention.anonymise(person)
    plan.refresh_from_db()
    version.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.course_description == ""
    version.document.refresh_from_db()
    # Closed 11 years ago: its archival period (10 full years) is over, the files go now.
    assert version.document.destroyed_on == timezone.localdate()
    assert version.signed_copy.destroyed_on == timezone.localdate()
    assert version.expected_improvement == retention.ANONYMISED
    assert PlanItem.objects.filter(version=version).count() == 3  # statistics keep the items
    import os

    assert not any(os.path.exists(path) for path in files)


# --- Every record of a person, whatever model it is in -------------------------------

MARKER = "Źdźbłowska Krystyna, ul. Wesoła 5, cukrzyca"


def _marked(field):
    if isinstance(field, models.JSONField):
        return [MARKER] if field.get_default() == [] else {"uwagi": MARKER}
    return MARKER[: field.max_length] if field.max_length else MARKER


def _holds_marker(value):
    if value in (None, ""):
        return False
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return any(part in text for part in (MARKER[:6], "Wesoła", "cukrzyca"))


@pytest.fixture
def whole_case(db, kipus, director, seed_services, settings):
    """A person with a row in every model that belongs to a person: two requests (one
    refused by a decision), an assessment with rows and transitions, a signed plan with
    items, a contact, a delivery and a closure description; everything closed long ago."""
    from cus.models import StoredDocument
    from ipus.choices import PlanStatus
    from ipus.models import (
        AssessmentTransition,
        Delivery,
        MonitoringContact,
        Plan,
        RefusalDecision,
        RefusalTransition,
    )
    from tests.ipus.conftest import PDF_SCAN, make_assessed_request, signed_plan

    assessment = make_assessed_request(kipus, seed_services, "Źdźbłowska")
    plan = signed_plan(assessment, kipus, director)
    person = assessment.request.person
    AssessmentTransition.objects.create(
        assessment=assessment, from_status="draft", to_status="completed", by=kipus
    )
    item = plan.current_version.items.first()
    MonitoringContact.objects.create(
        plan=plan, contacted_on=timezone.localdate(), mode="phone", notes="ok"
    )
    Delivery.objects.create(
        line=item, month=item.starts_on.replace(day=1), units=2, source="manual", recorded_by=kipus
    )
    refused = Request.objects.create(person=person, channel="phone", coordinator=kipus)
    decision_pdf = StoredDocument.store(PDF_SCAN, kind="frozen", title="Decyzja", user=kipus)
    decision = RefusalDecision.objects.create(
        request=refused,
        number="D/1/2015",
        decision="Odmawia się",
        justification="-",
        document=decision_pdf,
        status="issued",
        delivery_channel="e_delivery",
        delivery_address="AE:PL-12345-67890-ABCDE-12",
        receipt=StoredDocument.store(PDF_SCAN, kind="signed_scan", title="UPO", user=kipus),
    )
    RefusalTransition.objects.create(
        decision=decision, from_status="prepared", to_status="issued", by=kipus, note="D/1/2015"
    )
    closure = StoredDocument.store(PDF_SCAN, kind="frozen", title="Opis", user=kipus)
    long_ago = timezone.localdate() - timedelta(days=365 * 11)
    Plan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.CLOSED, ended_on=long_ago, closure_document=closure
    )
    Request.objects.filter(person=person).update(
        status=RequestStatus.WITHDRAWN, closed_at=timezone.now() - timedelta(days=365 * 11)
    )
    return person


def test_every_text_field_of_a_persons_records_is_classified():
    """A new text, JSON or file field on a model that belongs to a person must be cleared
    by anonymising (CLEARED) or kept for a stated reason (KEPT)."""
    unclassified = []
    for model, _path in retention.person_models().items():
        name = retention.label(model)
        classified = set(retention.CLEARED.get(name, {})) | set(retention.KEPT.get(name, {}))
        if model is Person:
            classified |= set(retention.PERSON)
        unclassified += [
            f"{name}.{field.name}"
            for field in retention.text_fields(model)
            if field.name not in classified
        ]
    assert unclassified == []


def test_anonymising_clears_every_text_of_every_record_and_history_of_the_person(whole_case):
    """Every text, JSON and file field of every row that belongs to the person (found by
    following the foreign keys, history included) is written with the person's words; after
    anonymising none of them is left, except the fields KEPT for a reason."""
    from cus.models import StoredDocument

    person = whole_case
    graph = retention.person_models()
    assert len(graph) >= 12  # Person, requests, decisions, assessments, plans, items, …
    documents = set()
    for model, path in graph.items():
        rows = model.objects.filter(**{path: person.pk})
        assert rows.exists(), f"the case has no {retention.label(model)} row"
        kept = retention.KEPT.get(retention.label(model), {})
        marks = {f.name: _marked(f) for f in retention.text_fields(model) if f.name not in kept}
        rows.update(**marks)
        history = getattr(model, "history", None)
        if history is not None:
            for row in rows:  # a change of each row, so the history holds the words too
                row.save()
            assert model.history.filter(id__in=rows.values("pk")).exists()
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is StoredDocument:
                documents |= set(
                    rows.exclude(**{field.attname: None}).values_list(field.attname, flat=True)
                )
    assert len(documents) >= 4  # the contract, its signed copy, the decision, the closure
    StoredDocument.objects.filter(pk__in=documents).update(
        title=MARKER, signature_report={"signer": MARKER}
    )
    from django.contrib.admin.models import CHANGE, LogEntry

    LogEntry.objects.log_actions(
        user_id=Request.objects.filter(person=person).first().coordinator_id,
        queryset=[person],
        action_flag=CHANGE,
        change_message=MARKER,
    )
    assert _holds_marker(LogEntry.objects.get().object_repr)

    retention.anonymise(person)

    left = []
    for model, path in graph.items():
        kept = retention.KEPT.get(retention.label(model), {})
        for row in model.objects.filter(**{path: person.pk}):
            left += [
                f"{retention.label(model)}.{f.name}"
                for f in retention.text_fields(model)
                if f.name not in kept and _holds_marker(getattr(row, f.attname))
            ]
        history = getattr(model, "history", None)
        if history is not None:
            ids = model.objects.filter(**{path: person.pk}).values("pk")
            assert not model.history.filter(id__in=ids).exists(), retention.label(model)
    for document in StoredDocument.objects.filter(pk__in=documents):
        left += [
            f"StoredDocument {document.pk}.{f}"
            for f in ("title", "signature_report")
            if _holds_marker(getattr(document, f))
        ]
    left += [f"LogEntry {e.pk}" for e in LogEntry.objects.all() if _holds_marker(e.object_repr)]
    assert left == []


def test_documents_are_kept_until_their_archival_period_ends_then_destroyed(
    whole_case, settings, client, kipus
):
    """The originals stay (unchanged bytes) while their JRWA period runs; then their files
    are destroyed and their pages say when. Nothing is generated again from the anonymised
    data: the contract draft, the assessment and the service cards answer 410."""
    from django.urls import reverse

    from cus.models import StoredDocument

    settings.CUS_ARCHIVE = {"category": "B25", "years": 25}
    person = whole_case
    plan = person.requests.get(plan__isnull=False).plan
    version = plan.current_version
    original = version.document.read()
    retention.anonymise(person)
    version.document.refresh_from_db()
    closed = timezone.localdate() - timedelta(days=365 * 11)
    assert version.document.keep_until == date(closed.year + 25, 12, 31)
    assert version.document.read() == original  # the archival copy, byte for byte
    client.force_login(kipus)
    contract = client.get(reverse("ipus:version-pdf", args=[version.pk]))
    assert contract.status_code == 200 and contract.content == original
    item = version.items.first()
    card = client.get(reverse("ipus:item-card", args=[item.pk]))
    assert card.status_code == 410 and "zanonimizowano" in card.text
    assert b"%PDF" not in card.content

    # The period ends: the files go, the rows keep their hash and the day.
    later = version.document.keep_until + timedelta(days=1)
    kept = StoredDocument.objects.exclude(keep_until=None)
    assert retention.destroy_expired(later) == kept.count() >= 4
    gone = client.get(reverse("ipus:version-pdf", args=[version.pk]))
    assert gone.status_code == 410
    assert f"zniszczono {later:%d.%m.%Y}" in gone.text and "B25" in gone.text
