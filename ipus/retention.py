"""Retention of case files: persons whose cases ended long enough ago are anonymised.

A person is due when they have no open request and their last request was
closed (or, with no requests, their record last changed) more than
``CUS_RETENTION_YEARS["case_files"]`` years ago. Anonymising removes everything
that identifies them or describes their health and problems, from every record that
belongs to them (``person_models()`` walks the foreign keys from Person, so a new
model or field is covered or fails tests/ipus/test_retention.py), and their change
history. It keeps what statistics and programme indicators count: sex, year of birth,
town, whether they were a social-assistance client before, the requests with their
dates and outcomes, the assessed and wanted services, and the plans' statuses, dates,
items and delivered units.

Stored documents about the person (assessments, decisions, contracts, signed copies,
closure descriptions) are archival records: they are kept, untouched, until the end of
their archival period (``settings.CUS_ARCHIVE``: the JRWA category, counted in full years
from 1 January of the year after the case closed), then their bytes are destroyed and
the row records when. No document is ever generated again from anonymised data.
"""

from datetime import date

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone

from cus import reports
from cus.models import StoredDocument
from ipus.choices import PlanStatus
from ipus.models import NeedsAssessment, Person, Request

UNFINISHED_PLANS = (
    PlanStatus.DRAFT,
    PlanStatus.SUBMITTED,
    PlanStatus.APPROVED,
    PlanStatus.SIGNED,
    PlanStatus.ACTIVE,
)

ANONYMISED = "(zanonimizowano)"
KEEP_IN_SNAPSHOT = {"employment", "household_size"}

# What anonymising writes into the person's own record.
PERSON = {
    "first_name": ANONYMISED,
    "last_name": ANONYMISED,
    "pesel": None,
    "id_document_type": "",
    "id_document_number": "",
    "street": "",
    "building": "",
    "flat": "",
    "postal_code": "",
    "phone": "",
    "email": "",
    "occupation": "",
    "disability_note": "",
    "health": "",
}

# What anonymising writes into the records that belong to the person, model by model
# (by "app_label.ModelName"). Every text, JSON and file field of such a model is either
# here or in KEPT, with its reason; the test fails on a field that is neither.
CLEARED = {
    "ipus.Request": {
        "filer_name": "",
        "filer_contact": "",
        "filer_authority": "",
        "requested_text": "",
        "handoff_recipient": "",
        "handoff_what": "",
        "information_given": "",
        "referred_to": "",
        "withdrawal_reason": "",
    },
    "ipus.RequestTransition": {"note": ""},
    "ipus.RefusalDecision": {
        "decision": ANONYMISED,
        "justification": ANONYMISED,
        "appeal_result": "",
        "delivery_address": "",
    },
    "ipus.RefusalTransition": {"note": ""},
    "ipus.NeedsAssessment": {
        "problem_areas": [],
        "problems": "",
        "coordinator_assessment": "",
        "notes": "",
        "readiness_note": "",
        "place_note": "",
        "draft": {},
    },
    "ipus.AssessmentTransition": {"note": ""},
    "ipus.AssessmentServiceRow": {"free_text": ""},
    "ipus.Plan": {
        "closing_notes": "",
        "course_description": "",
        "results_description": "",
        "termination_reason": "",
    },
    "ipus.PlanVersion": {"expected_improvement": ANONYMISED, "attachments": "", "reason_text": ""},
    "ipus.PlanTransition": {"note": ""},
    "ipus.PlanItem": {"scope": "", "place": "", "override_reason": ""},
    "ipus.MonitoringContact": {"notes": "", "problem_description": ""},
    "ipus.Delivery": {"note": ""},
}
# The fields of the person's records that stay, and why (codes and numbers, not their words).
KEPT = {
    "ipus.Person": {"town": "the gmina's statistics; no street, no building"},
    "ipus.RefusalDecision": {
        "number": "the decision's register number",
        "legal_basis": "the article of the law it applies",
        "signer_name": "the member of staff who signed, not the person",
        "signer_position": "the signer's position",
    },
    "ipus.RefusalTransition": {"from_status": "a status code", "to_status": "a status code"},
    "ipus.NeedsAssessment": {"person_snapshot": f"only {sorted(KEEP_IN_SNAPSHOT)} stay"},
    "ipus.AssessmentServiceRow": {
        "unit": "the unit of the assessed service",
        "frequency": "how often, for the statistics of needs",
    },
    "ipus.Plan": {"number": "the plan's register number"},
    "ipus.PlanTransition": {"from_status": "a status code", "to_status": "a status code"},
    "ipus.PlanItem": {"granted_by_month": "whole units per month, for the capacity numbers"},
}
# A stored document keeps its bytes until its archival period ends; its row loses what
# names the person.
DOCUMENT = {"title": f"Dokument {ANONYMISED}", "signature_report": {}}
DOCUMENT_KEPT = {
    "file": "the archival copy itself, destroyed when its period ends",
    "content_type": "the file's type",
    "sha256": "the proof of what was kept and destroyed",
}


def label(model):
    return f"{model._meta.app_label}.{model.__name__}"


def person_models():
    """{model: lookup from the model to the person's pk} for every model of the project
    whose rows belong to one person, found by following foreign keys to Person (and to
    the models found so far), not by a list that a new model could miss."""
    from django.apps import apps

    from cus.modules import PROJECT_APPS

    candidates = [
        model
        for app_label in PROJECT_APPS
        for model in apps.get_app_config(app_label).get_models()
        if not model.__name__.startswith("Historical") and model is not StoredDocument
    ]
    paths = {Person: "pk"}
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model in paths:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if (
                    target in paths
                    and target is not model
                    and field.name
                    not in (
                        "created_by",
                        "updated_by",
                    )
                ):
                    base = paths[target]
                    paths[model] = field.name if base == "pk" else f"{field.name}__{base}"
                    grew = True
                    break
    return paths


def text_fields(model):
    """The fields that can hold a person's words: text, JSON and files."""
    kinds = (models.CharField, models.TextField, models.JSONField, models.FileField)
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, kinds) and not field.choices and not field.is_relation
    ]


def cutoff(today=None):
    today = today or timezone.localdate()
    return _years_before(today, settings.CUS_RETENTION_YEARS["case_files"])


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def archive_end(closed_on):
    """The last day a case's documents are kept: ``CUS_ARCHIVE["years"]`` full years from
    1 January of the year after the case closed (as archival categories are counted)."""
    return date(closed_on.year + settings.CUS_ARCHIVE["years"], 12, 31)


def due(today=None):
    """Persons past retention, not yet anonymised."""
    limit = cutoff(today)
    return (
        Person.objects.filter(anonymised_at=None)
        .exclude(requests__status__in=Request.OPEN_STATUSES)
        .exclude(requests__plan__status__in=UNFINISHED_PLANS)
        .annotate(
            last_closed=Max("requests__closed_at"), last_plan_end=Max("requests__plan__ended_on")
        )
        .filter(
            Q(last_closed__date__lt=limit) | Q(last_closed__isnull=True, updated_at__date__lt=limit)
        )
        .filter(Q(last_plan_end__isnull=True) | Q(last_plan_end__lt=limit))
        .order_by("pk")
    )


def _closed_on(person):
    """When the person's case ended: their last request closed or last plan ended."""
    ends = Request.objects.filter(person=person).aggregate(
        closed=Max("closed_at"), ended=Max("plan__ended_on")
    )
    days = [timezone.localdate(ends["closed"]) if ends["closed"] else None, ends["ended"]]
    days = [day for day in days if day]
    return max(days) if days else timezone.localdate(person.updated_at)


@transaction.atomic
def anonymise(person, today=None):
    """Remove what identifies the person from every record of theirs; keep the numbers
    statistics need and the documents until their archival period ends."""
    today = today or timezone.localdate()
    closed_on = _closed_on(person)
    birth_year = person.birth_date.year if person.birth_date else None
    Person.objects.filter(pk=person.pk).update(
        **PERSON,
        birth_date=date(birth_year, 1, 1) if birth_year else None,
        anonymised_at=timezone.now(),
    )
    documents = set()
    for model, path in person_models().items():
        rows = model.objects.filter(**{path: person.pk})
        if model is NeedsAssessment:
            for pk, snapshot in rows.values_list("pk", "person_snapshot"):
                kept = {k: v for k, v in (snapshot or {}).items() if k in KEEP_IN_SNAPSHOT}
                NeedsAssessment.objects.filter(pk=pk).update(person_snapshot=kept)
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is StoredDocument:
                documents |= set(
                    rows.exclude(**{field.attname: None}).values_list(field.attname, flat=True)
                )
        if CLEARED.get(label(model)):
            rows.update(**CLEARED[label(model)])
        history = getattr(model, "history", None)
        if history is not None:  # the change history holds copies of the same data
            model.history.filter(id__in=rows.values("pk")).delete()
        # The admin's own log names each record it changed (str(): "Jan Kowalski").
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in rows.values_list("pk", flat=True)],
        ).update(object_repr=ANONYMISED, change_message="")
    _archive(documents, archive_end(closed_on), today)
    # Reports cached before may name the person (cus.reports).
    reports.clear()


def _archive(ids, keep_until, today):
    """The person's documents and their copies lose their names and are kept until
    ``keep_until``; those already past it are destroyed now."""
    documents = StoredDocument.objects.filter(Q(pk__in=ids) | Q(original__in=ids))
    documents.update(**DOCUMENT, keep_until=keep_until)
    destroy_expired(today)


def destroy_expired(today=None):
    """Destroy the bytes of documents past their archival period; the rows stay with
    their hash and the day of destruction. Returns how many were destroyed."""
    today = today or timezone.localdate()
    expired = StoredDocument.objects.filter(keep_until__lt=today, destroyed_on=None)
    count = 0
    for document in expired:
        document.file.delete(save=False)
        StoredDocument.objects.filter(pk=document.pk).update(file="", destroyed_on=today)
        count += 1
    return count


def anonymised_since(moment):
    """The persons anonymised after ``moment`` (ids and when): what restoring a backup
    made at ``moment`` would bring back."""
    return list(
        Person.objects.filter(anonymised_at__gt=moment)
        .order_by("anonymised_at")
        .values_list("pk", "anonymised_at")
    )


def anonymise_again(ids):
    """After a restore of an older backup: anonymise again the persons ``ids`` that were
    anonymised before it (their data came back with it). Returns how many."""
    persons = list(Person.objects.filter(pk__in=ids, anonymised_at=None))
    for person in persons:
        anonymise(person)
    return len(persons)
