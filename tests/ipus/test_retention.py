"""Retention: persons past the period are listed, then anonymised keeping what statistics need."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
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
    assert version.document is None and version.signed_copy is None
    assert version.expected_improvement == retention.ANONYMISED
    assert PlanItem.objects.filter(version=version).count() == 3  # statistics keep the items
    import os

    assert not any(os.path.exists(path) for path in files)
