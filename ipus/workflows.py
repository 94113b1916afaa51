"""Operations on cases that touch several models, each in one transaction."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cus import signing
from cus.choices import DocumentKind
from cus.models import Authorisation, StoredDocument, YearSequence
from ipus.annexes import changes_anything, previous_version, version_changes
from ipus.capacity import check_capacity
from ipus.choices import (
    RECEIPT_LABELS,
    AssessmentStatus,
    ContactMode,
    DecisionDeliveryChannel,
    DecisionStatus,
    DeliverySource,
    PlanStatus,
    RequestStatus,
    ServiceRowKind,
    VersionStatus,
)
from ipus.models import (
    AssessmentServiceRow,
    Delivery,
    InvalidTransition,
    NeedsAssessment,
    Plan,
    PlanVersion,
    RefusalDecision,
    assessment_snapshot,
)
from ipus.pdf import (
    CENTRE_FIELD,
    assessment_pdf_bytes,
    closure_pdf_bytes,
    contract_pdf,
    refusal_pdf_bytes,
    summary_pdf_bytes,
)


@transaction.atomic
def close_request(request_obj, form, status, user):
    """Record an outcome (hand-off, information, withdrawal) and close the request."""
    form.instance.stamp(user)
    form.save()
    request_obj.refresh_from_db()
    request_obj.set_status(status, user)


@transaction.atomic
def prepare_refusal(request_obj, form, user):
    """The coordinator's draft of a refusal decision, for the director or an authorised
    employee to sign and issue (issue_refusal); the request stays open until then."""
    decision = form.save(commit=False)
    decision.request = request_obj
    decision.stamp(user)
    decision.save()
    return decision


@transaction.atomic
def issue_refusal(decision, user):
    """Sign and issue a prepared decision: the signer checked against the register of
    authorisations (KPA art. 268a), the decision numbered, its PDF frozen, the request closed.

    ``SignerNotAuthorised`` (with the reason, in Polish) when ``user`` may not sign today;
    nothing is changed then.
    """
    decision = (
        RefusalDecision.objects.select_for_update(of=("self",))
        .select_related("request__person")
        .get(pk=decision.pk)
    )
    if decision.status != DecisionStatus.PREPARED or not decision.request.is_open:
        # Already issued, or the case was closed otherwise (withdrawn) after it was prepared.
        raise InvalidTransition(decision.status, DecisionStatus.ISSUED)
    today = timezone.localdate()
    decision.authorisation = Authorisation.for_signer(user, RefusalDecision.ACT, today)
    decision.signed_by = user
    decision.signer_name = user.get_full_name() or user.username
    decision.signer_position = user.job_title
    decision.decided_on = today
    # YearSequence locks its row until this transaction ends: numbers stay gap-free.
    decision.number = f"CUS-ODM.{today.year}.{YearSequence.next('refusal', today.year)}"
    decision.document = StoredDocument.store(
        refusal_pdf_bytes(decision, draft=False),
        kind=DocumentKind.FROZEN,
        title=_("Decyzja %(number)s") % {"number": decision.number},
        user=user,
    )
    decision.set_status(DecisionStatus.ISSUED, user, decision.number)
    request_obj = decision.request
    request_obj.set_status(RequestStatus.REFUSED, user, note=decision.number)
    return decision


@transaction.atomic
def record_refusal_delivery(form, upload, user):
    """Save the delivery (channel, date, the receipt stored as a document) and the appeal."""
    decision = form.instance
    if upload:
        decision.receipt = StoredDocument.store(
            upload.data,
            kind=DocumentKind.SIGNED_SCAN,
            title=_("Decyzja %(number)s — %(receipt)s")
            % {
                "number": decision.number,
                "receipt": RECEIPT_LABELS[DecisionDeliveryChannel(decision.delivery_channel)],
            },
            user=user,
            content_type=upload.content_type,
            original=decision.document,
        )
    decision.stamp(user)
    form.save()
    return decision


def refusal_for(request_obj):
    return RefusalDecision.objects.filter(request=request_obj).select_related("document").first()


@transaction.atomic
def start_assessment(request_obj, user):
    """The assessment of a request (made once), with the person's data as of today."""
    existing = NeedsAssessment.objects.filter(request=request_obj).first()
    if existing:
        return existing
    assessment = NeedsAssessment(
        request=request_obj,
        coordinator=request_obj.coordinator,
        person_snapshot=assessment_snapshot(request_obj),
    )
    assessment.stamp(user)
    assessment.save()
    # The services the request names are the first rows of the assessment's table.
    AssessmentServiceRow.objects.bulk_create(
        AssessmentServiceRow(
            assessment=assessment,
            kind=ServiceRowKind.WANTED,
            service=service,
            unit=service.get_unit_display(),
        )
        for service in request_obj.requested_services.order_by("name")
    )
    if request_obj.status == RequestStatus.REGISTERED:
        request_obj.set_status(RequestStatus.ASSESSING, user)
    return assessment


@transaction.atomic
def save_assessment(form, rows, user, complete=False):
    assessment = form.instance
    assessment.stamp(user)
    assessment.draft, assessment.draft_saved_at = {}, None
    form.save()
    rows.instance = assessment
    rows.save()
    if complete and assessment.status == AssessmentStatus.DRAFT:
        assessment.set_status(AssessmentStatus.COMPLETED, user)
    return assessment


@transaction.atomic
def sign_assessment(assessment, user):
    """Freeze the printed, signed assessment: stored bytes and hash, never rebuilt."""
    locked = NeedsAssessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.COMPLETED:
        raise ValueError("Only a completed assessment can be signed")
    locked.document = StoredDocument.store(
        assessment_pdf_bytes(locked),
        kind=DocumentKind.FROZEN,
        title=_("Indywidualna Diagnoza Potrzeb — %(person)s") % {"person": locked.request.person},
        user=user,
    )
    locked.set_status(AssessmentStatus.SIGNED, user)
    return locked


# --- Plans (IPUS) -------------------------------------------------------------------


class PlanError(Exception):
    """A plan operation that cannot be done now; the message is for the user."""


def check_approver(plan, user):
    """The approver is never the plan's own coordinator (DESIGN.md: segregation of duties)."""
    if plan.coordinator_id == user.pk:
        raise PlanError(
            _(
                "Nie zatwierdzasz ani nie zwracasz planu, który koordynujesz: decyzję "
                "podejmuje dyrektor albo upoważniony przez niego organizator usług społecznych."
            )
        )


@transaction.atomic
def create_plan(assessment, form, user):
    """The plan drawn up from a completed assessment: its first version, in draft."""
    request_obj = assessment.request
    plan = Plan(
        request=request_obj,
        assessment=assessment,
        coordinator=request_obj.coordinator,
        approval_deadline=request_obj.deadline,
    )
    plan.stamp(user)
    plan.save()
    version = form.save(commit=False)
    version.plan = plan
    version.number = 0
    version.stamp(user)
    version.save()
    plan.current_version = version
    plan.save(update_fields=["current_version"])
    request_obj.refresh_from_db()
    request_obj.set_status(RequestStatus.PLAN, user)
    return plan


def suggested_items(plan):
    """The assessment's wanted catalogue services not yet in the plan's current version."""
    in_plan = {item.service_id for item in plan.current_version.items.all()}
    return [
        row
        for row in plan.assessment.rows.select_related("service")
        if row.kind == ServiceRowKind.WANTED and row.service_id and row.service_id not in in_plan
    ]


@transaction.atomic
def submit_version(version, user, note=""):
    """Hand the plan (or annex) to the approver, if it has items and they all fit."""
    version = (
        PlanVersion.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=version.pk)
    )
    if not version.items.filter(waiting=False).exists():
        raise PlanError(_("Dodaj co najmniej jedną usługę, zanim przekażesz plan."))
    outside = [
        item.service.name
        for item in version.items.select_related("service")
        if item.starts_on < version.valid_from or item.ends_on > version.valid_to
    ]
    if outside:
        raise PlanError(
            _("Usługi poza okresem planu: %(services)s. Popraw ich terminy.")
            % {"services": ", ".join(outside)}
        )
    if version.number > 0:
        check_annex(version)
    problems = check_capacity(version)
    if problems:
        raise PlanError(" ".join(problems))
    version.set_status(VersionStatus.SUBMITTED, user, note)
    if version.number == 0:
        version.plan.set_status(PlanStatus.SUBMITTED, user, note)
    return version


def check_annex(annex):
    """An annex goes to the approver only with its reason, its justification and a change."""
    missing = []
    if not annex.reason:
        missing.append(_("powód aktualizacji"))
    if not annex.reason_text.strip():
        missing.append(_("uzasadnienie aktualizacji"))
    if missing:
        raise PlanError(
            _("Uzupełnij %(missing)s („Zmień okres, cele, powód”), zanim przekażesz aktualizację.")
            % {"missing": _(" i ").join(missing)}
        )
    previous = previous_version(annex)
    if previous and not changes_anything(version_changes(previous, annex)):
        raise PlanError(
            _(
                "Aktualizacja niczego nie zmienia względem %(previous)s: zmień usługi albo "
                "ustalenia planu, albo usuń projekt aktualizacji."
            )
            % {"previous": previous}
        )


@transaction.atomic
def return_version(version, user, note):
    """The approver sends the plan (or annex) back to the coordinator for corrections."""
    version = (
        PlanVersion.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=version.pk)
    )
    check_approver(version.plan, user)
    version.set_status(VersionStatus.DRAFT, user, note)
    if version.number == 0:
        version.plan.set_status(PlanStatus.DRAFT, user, note)
    return version


@transaction.atomic
def approve_version(version, user):
    """Approve: number the plan (first version), freeze the PDF, sign it for the centre if configured."""
    version = (
        PlanVersion.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=version.pk)
    )
    plan = (
        Plan.objects.select_for_update(of=("self",))
        .select_related("request__person")
        .get(pk=version.plan_id)
    )
    version.plan = plan
    check_approver(plan, user)
    if version.status != VersionStatus.SUBMITTED:
        raise InvalidTransition(version.status, VersionStatus.APPROVED)
    today = timezone.localdate()
    if version.number == 0:
        year = today.year
        # YearSequence locks its row until this transaction ends: two approvals at the same
        # instant get consecutive numbers, and a failed approval gives its number back.
        plan.number = f"IPUS/{year}/{YearSequence.next('ipus', year)}"
        plan.approved_on = today
        plan.set_status(PlanStatus.APPROVED, user, plan.number)
    version.approved_at, version.approved_by = timezone.now(), user
    version.set_status(VersionStatus.APPROVED, user)
    frozen = contract_pdf(version)
    title = (
        _("IPUS %(number)s") % {"number": plan.number}
        if version.number == 0
        else _("Aktualizacja %(n)d IPUS %(number)s") % {"n": version.number, "number": plan.number}
    )
    version.document = StoredDocument.store(
        frozen, kind=DocumentKind.FROZEN, title=title, user=user
    )
    signed = signing.sign_as_centre(
        frozen, CENTRE_FIELD, reason=_("Zatwierdzenie: %(title)s") % {"title": title}
    )
    if signed:
        version.centre_signed = StoredDocument.store(
            signed,
            kind=DocumentKind.CENTRE_SIGNED,
            title=title + " — " + _("podpis centrum"),
            user=user,
            original=version.document,
        )
    version.save(update_fields=["approved_at", "approved_by", "document", "centre_signed"])
    return version


@transaction.atomic
def attach_signed_copy(version, kind, upload, user):
    """Store the signed contract (scan or e-signed PDF) and move the version to "signed".

    An e-signed PDF must start with the frozen bytes and every signature must be
    intact; otherwise PlanError, and nothing is stored.
    """
    version = (
        PlanVersion.objects.select_for_update(of=("self",))
        .select_related("document", "plan")
        .get(pk=version.pk)
    )
    if version.status != VersionStatus.APPROVED or version.document is None:
        raise PlanError(_("Podpisany egzemplarz dołącza się do zatwierdzonej wersji."))
    frozen = version.document.read()
    if kind == "e_signed":
        check = signing.check_signed_copy(upload.data, frozen)
        if not check.accepted:
            raise PlanError(" ".join(check.problems))
        copy = StoredDocument.store(
            upload.data,
            kind=DocumentKind.E_SIGNED,
            title=version.document.title + " — " + _("podpisany elektronicznie"),
            user=user,
            original=version.document,
            signature_report=check.as_dict(),
        )
    else:
        copy = StoredDocument.store(
            upload.data,
            kind=DocumentKind.SIGNED_SCAN,
            title=version.document.title + " — " + _("skan podpisanego egzemplarza"),
            user=user,
            content_type=upload.content_type,
            original=version.document,
        )
    version.signed_copy, version.signed_at = copy, timezone.now()
    version.save(update_fields=["signed_copy", "signed_at"])
    version.set_status(VersionStatus.SIGNED, user)
    plan = Plan.objects.select_for_update().get(pk=version.plan_id)
    if version.number == 0:
        plan.current_version = version
        plan.set_status(PlanStatus.SIGNED, user)
        plan.schedule_monitoring()
        plan.save(update_fields=["current_version", "next_contact_due", "next_quality_due"])
        activate_if_due(plan, user)
    else:
        # An annex comes into force on its date: until then the version before it stays
        # in force (plans_daily switches on the day).
        switch_if_due(plan)
    return version


def switch_if_due(plan, today=None):
    """Make the latest signed annex whose date has come the version in force. True if switched."""
    today = today or timezone.localdate()
    due = (
        plan.versions.filter(status=VersionStatus.SIGNED, number__gt=0, in_force_from__lte=today)
        .order_by("-number")
        .first()
    )
    if due is None or due.pk == plan.current_version_id:
        return False
    current_number = plan.versions.filter(pk=plan.current_version_id).values_list(
        "number", flat=True
    )
    if current_number and current_number[0] > due.number:
        return False
    plan.current_version = due
    last = plan.contacts.order_by("-contacted_on").first()
    plan.schedule_monitoring(last.contacted_on if last else None)
    plan.save(update_fields=["current_version", "next_contact_due", "next_quality_due"])
    return True


def switch_due_versions(today=None):
    """Daily: signed annexes whose date has come become the versions in force. Returns how many."""
    today = today or timezone.localdate()
    plans = Plan.objects.filter(
        status__in=Plan.LIVE_STATUSES,
        versions__status=VersionStatus.SIGNED,
        versions__number__gt=0,
        versions__in_force_from__lte=today,
    ).distinct()
    count = 0
    for pk in plans.values_list("pk", flat=True):
        with transaction.atomic():
            plan = Plan.objects.select_for_update().get(pk=pk)
            count += switch_if_due(plan, today)
    return count


def activate_if_due(plan, user, today=None):
    """A signed plan becomes active on its start date."""
    today = today or timezone.localdate()
    if plan.status == PlanStatus.SIGNED and plan.current_version.valid_from <= today:
        plan.set_status(PlanStatus.ACTIVE, user, _("od daty rozpoczęcia planu"))
        return True
    return False


def activate_due_plans(user=None, today=None):
    """Daily: signed plans whose start date has come become active. Returns how many."""
    count = 0
    for plan in Plan.objects.filter(status=PlanStatus.SIGNED).select_related("current_version"):
        with transaction.atomic():
            count += activate_if_due(plan, user, today)
    return count


@transaction.atomic
def start_annex(plan, user):
    """A draft annex: a copy of the version in force and its items (rows keep their line)."""
    plan = (
        Plan.objects.select_for_update(of=("self",))
        .select_related("current_version")
        .get(pk=plan.pk)
    )
    if plan.status not in (PlanStatus.SIGNED, PlanStatus.ACTIVE):
        raise PlanError(_("Aktualizację sporządza się do podpisanego planu w realizacji."))
    pending = plan.versions.exclude(status=VersionStatus.SIGNED).filter(number__gt=0).first()
    if pending:
        return pending
    # The latest signed version: the one in force, or a signed annex not yet in force.
    current = plan.versions.filter(status=VersionStatus.SIGNED).order_by("-number").first()
    last_number = plan.versions.order_by("-number").values_list("number", flat=True).first()
    annex = PlanVersion(
        plan=plan,
        number=last_number + 1,
        drawn_up_on=timezone.localdate(),
        in_force_from=max(timezone.localdate(), current.effective_from),
        valid_from=current.valid_from,
        valid_to=current.valid_to,
        expected_improvement=current.expected_improvement,
        monitoring_every_months=current.monitoring_every_months,
        quality_check_every_months=current.quality_check_every_months,
        attachments=current.attachments,
    )
    annex.stamp(user)
    annex.save()
    for item in current.items.all():
        item.pk = None
        item.version = annex
        item._state.adding = True
        item.save()
    return annex


@transaction.atomic
def terminate_plan(plan, reason, user):
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.termination_reason = reason
    plan.ended_on = timezone.localdate()
    plan.set_status(PlanStatus.TERMINATED, user, reason)
    return plan


@transaction.atomic
def record_contact(plan, form, user):
    """Save a monitoring contact and move the next due dates on."""
    contact = form.save(commit=False)
    contact.plan = plan
    contact.stamp(user)
    contact.save()
    plan = (
        Plan.objects.select_for_update(of=("self",))
        .select_related("current_version")
        .get(pk=plan.pk)
    )
    last_contact = plan.contacts.order_by("-contacted_on").values_list("contacted_on", flat=True)
    last_quality = (
        plan.contacts.filter(mode=ContactMode.QUALITY)
        .order_by("-contacted_on")
        .values_list("contacted_on", flat=True)
    )
    plan.schedule_monitoring(last_contact.first(), last_quality.first())
    plan.save(update_fields=["next_contact_due", "next_quality_due"])
    return contact


@transaction.atomic
def close_plan(plan, form, user):
    """Record the closing conversation and the description, close the plan, freeze the description."""
    plan = form.save(commit=False)
    plan.ended_on = timezone.localdate()
    plan.stamp(user)
    plan.set_status(PlanStatus.CLOSED, user)
    plan.closure_document = StoredDocument.store(
        closure_pdf_bytes(plan),
        kind=DocumentKind.FROZEN,
        title=_("Opis przebiegu realizacji IPUS %(number)s") % {"number": plan.number},
        user=user,
    )
    plan.save(update_fields=["closure_document"])
    return plan


@transaction.atomic
def record_delivery(item, month, units, user, source=DeliverySource.MANUAL, note=""):
    delivery, _created = Delivery.objects.update_or_create(
        line_id=item.line_id_or_self,
        month=month,
        defaults={"units": units, "source": source, "note": note, "recorded_by": user},
    )
    return delivery


# --- Oversight ----------------------------------------------------------------------


def _plain(value):
    """JSON-safe copies of the review's numbers (Decimals as strings, no objects)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def summary_numbers(half, today=None):
    """The two quarters' aggregates: no plan numbers, no names (the OSL organizer reads it)."""
    from ipus.oversight import indicators, quarter_numbers, units_by

    quarters = half.quarters
    rows = indicators(quarters, today)["rows"]
    return {
        "quarters": [
            {
                "label": quarter.label,
                "numbers": _plain(quarter_numbers(quarter, today)),
                "by_service": _plain(units_by(quarter, "service")),
                "indicators": _plain({k: v for k, v in row.items() if k != "quarter"}),
            }
            for quarter, row in zip(quarters, rows, strict=True)
        ]
    }


@transaction.atomic
def generate_summary(half, form, user):
    """Freeze the half-year summary as a PDF and deliver it to the director and the OSL organizer."""
    from cus import roles
    from cus.models import User
    from ipus.models import InboxMessage

    summary = form.save(commit=False)
    summary.year, summary.half = half.year, half.number
    summary.numbers = summary_numbers(half)
    summary.stamp(user)
    summary.save()
    summary.document = StoredDocument.store(
        summary_pdf_bytes(summary, half),
        kind=DocumentKind.FROZEN,
        title=str(summary),
        user=user,
    )
    summary.save(update_fields=["document"])
    recipients = User.objects.filter(
        groups__name__in=[roles.DIRECTOR, roles.OSL], is_active=True
    ).distinct()
    InboxMessage.objects.bulk_create(
        [InboxMessage(recipient=recipient, summary=summary) for recipient in recipients]
    )
    return summary


def mark_read(message):
    """The first opening counts (a conditional UPDATE: a second tab does not move the time)."""
    from ipus.models import InboxMessage

    InboxMessage.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def record_meeting(quarter, form, actions, user):
    meeting = form.save(commit=False)
    meeting.year, meeting.quarter = quarter.year, quarter.number
    meeting.stamp(user)
    meeting.save()
    form.save_m2m()
    actions.instance = meeting
    actions.save()
    return meeting
