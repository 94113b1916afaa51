"""Individual plans of social services (IPUS): versions and annexes, items, monitoring, deliveries."""

import calendar
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import DecimalField, F, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cus import law, roles
from cus.dates import add_months, months_between
from cus.history import HistoricalRecords
from cus.models import AuditedModel, VersionedModel, document_field
from cus.rows import day as _fmt
from cus.status import StatusMachine
from ipus.choices import (
    AnnexReason,
    ContactMode,
    DeliverySource,
    PlanStatus,
    VersionStatus,
)
from ipus.models.cases import NeedsAssessment, Request
from ipus.schedule import Per, describe, granted_units, monthly_units


class PlanQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Plans ``user`` may change: a KIPUS their own; the OUS every plan."""
        if user.is_superuser or user.has_role(roles.OUS):
            return self
        return self.filter(coordinator=user)

    def for_list(self):
        return self.select_related("request__person", "coordinator", "current_version")

    def for_table(self):
        """For list rows: only the columns a row shows (see RequestQuerySet.for_table)."""
        return self.for_list().only(
            "number",
            "status",
            "approval_deadline",
            "approved_on",
            "next_contact_due",
            "created_at",
            "request__received_at",
            "request__person__first_name",
            "request__person__last_name",
            "coordinator__first_name",
            "coordinator__last_name",
            "coordinator__username",
            "current_version__valid_from",
            "current_version__valid_to",
        )

    def reserving(self):
        """Plans whose current items hold places in the services (from submission on)."""
        return self.filter(status__in=Plan.RESERVING_STATUSES)

    def awaiting_approval(self):
        return self.filter(
            Q(status=PlanStatus.SUBMITTED)
            | Q(versions__status=VersionStatus.SUBMITTED, versions__number__gt=0)
        ).distinct()

    def awaiting_signature(self):
        return self.filter(
            Q(status=PlanStatus.APPROVED)
            | Q(versions__status=VersionStatus.APPROVED, versions__number__gt=0)
        ).distinct()

    def approval_breached(self, today):
        """Approved after the 30-day deadline, or not approved and past it."""
        return self.filter(
            Q(approved_on__gt=F("approval_deadline"))
            | Q(approved_on__isnull=True, approval_deadline__lt=today)
        )

    def monitoring_due(self, until):
        return self.filter(
            status__in=(PlanStatus.SIGNED, PlanStatus.ACTIVE), next_contact_due__lte=until
        ).order_by("next_contact_due", "pk")


class Plan(StatusMachine, VersionedModel, AuditedModel):
    """An individual plan of social services (IPUS): a contract between the person and the director.

    What the plan says lives in its versions (``PlanVersion``): number 0 is the
    plan as first approved, the next ones are its annexes. ``current_version``
    is the one in force.
    """

    # The only allowed status changes (STYLE.md: one table, everything else raises).
    TRANSITIONS = {
        PlanStatus.DRAFT: {PlanStatus.SUBMITTED},
        PlanStatus.SUBMITTED: {PlanStatus.DRAFT, PlanStatus.APPROVED},
        PlanStatus.APPROVED: {PlanStatus.SIGNED, PlanStatus.TERMINATED},
        PlanStatus.SIGNED: {PlanStatus.ACTIVE, PlanStatus.TERMINATED},
        PlanStatus.ACTIVE: {PlanStatus.CLOSED, PlanStatus.TERMINATED},
    }
    RESERVING_STATUSES = (
        PlanStatus.SUBMITTED,
        PlanStatus.APPROVED,
        PlanStatus.SIGNED,
        PlanStatus.ACTIVE,
    )
    LIVE_STATUSES = (PlanStatus.SIGNED, PlanStatus.ACTIVE)
    HISTORY_STATUSES = (
        PlanStatus.APPROVED,
        PlanStatus.SIGNED,
        PlanStatus.ACTIVE,
        PlanStatus.CLOSED,
        PlanStatus.TERMINATED,
    )

    request = models.OneToOneField(
        Request, verbose_name=_("wniosek"), on_delete=models.PROTECT, related_name="plan"
    )
    assessment = models.OneToOneField(
        NeedsAssessment,
        verbose_name=_("rozpoznanie potrzeb"),
        on_delete=models.PROTECT,
        related_name="plan",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("koordynator"),
        on_delete=models.PROTECT,
        related_name="coordinated_plans",
    )
    number = models.CharField(
        _("numer"), max_length=30, unique=True, null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PlanStatus.choices,
        default=PlanStatus.DRAFT,
        editable=False,
    )
    current_version = models.ForeignKey(
        "PlanVersion",
        verbose_name=_("wersja obowiązująca"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # The request's 30-day deadline, kept on the plan so breaches are counted in SQL.
    approval_deadline = models.DateField(_("termin zatwierdzenia"), editable=False)
    approved_on = models.DateField(_("data zatwierdzenia"), null=True, blank=True, editable=False)
    # Kept up to date by the monitoring workflow, so lists and home pages filter by index.
    next_contact_due = models.DateField(
        _("następny kontakt do"), null=True, blank=True, editable=False
    )
    next_quality_due = models.DateField(
        _("następne badanie jakości do"), null=True, blank=True, editable=False
    )
    # Closure (Zakończenie realizacji IPUS).
    closing_conversation_on = models.DateField(
        _("data rozmowy podsumowującej"), null=True, blank=True
    )
    closing_notes = models.TextField(_("przebieg rozmowy podsumowującej"), blank=True)
    course_description = models.TextField(_("opis przebiegu realizacji planu"), blank=True)
    results_description = models.TextField(
        _("rezultaty w porównaniu z oczekiwanymi efektami"), blank=True
    )
    termination_reason = models.TextField(_("powód przerwania"), blank=True)
    ended_on = models.DateField(_("data zakończenia"), null=True, blank=True, editable=False)
    closure_document = document_field(_("opis przebiegu realizacji (PDF)"))

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("IPUS")
        verbose_name_plural = _("IPUS")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("override_capacity", _("Może przyznać usługę ponad limit miejsc (z uzasadnieniem)")),
        ]
        indexes = [
            models.Index(fields=["status", "coordinator"], name="plan_status_coord_idx"),
            # The plan list, newest first (ordering), all and by status, paged without a sort.
            models.Index(fields=["created_at", "id"], name="plan_created_idx"),
            models.Index(fields=["status", "created_at", "id"], name="plan_status_created_idx"),
            models.Index(fields=["status", "next_contact_due"], name="plan_status_contact_idx"),
            # "Tylko moje" on the plan list, newest first, however few plans one has.
            models.Index(fields=["coordinator", "created_at", "id"], name="plan_coord_created_idx"),
        ]

    def __str__(self):
        return self.number or _("IPUS (projekt) — %(person)s") % {"person": self.request.person}

    def get_absolute_url(self):
        return reverse("ipus:plan-detail", args=[self.pk])

    @property
    def person(self):
        return self.request.person

    @property
    def access_person_id(self):
        """Whose data this is, for the access log (cus.access)."""
        return self.request.person_id

    @property
    def status_colour(self):
        return PlanStatus(self.status).colour

    def is_editable_by(self, user):
        """The rule of ``PlanQuerySet.editable_by`` for a loaded plan (no query)."""
        return bool(user.is_superuser or user.has_role(roles.OUS) or self.coordinator_id == user.pk)

    def deadline_state(self, today=None):
        """("ok"|"late"|"open"|"overdue", days): approved in time or late, or days left/overdue."""
        deadline = self.approval_deadline
        if self.approved_on:
            late = (self.approved_on - deadline).days
            return ("late", late) if late > 0 else ("ok", 0)
        left = (deadline - (today or timezone.localdate())).days
        return ("overdue", -left) if left < 0 else ("open", left)

    @property
    def approval_breached(self):
        state, _days = self.deadline_state()
        return state in ("late", "overdue")

    def record_transition(self, from_status, to_status, by, note):
        PlanTransition.objects.create(
            plan=self, from_status=from_status, to_status=to_status, by=by, note=note
        )

    def schedule_monitoring(self, last_contact=None, last_quality=None):
        """Next contact and quality check from the current version's cadence."""
        version = self.current_version
        start = version.valid_from
        self.next_contact_due = add_months(last_contact or start, version.monitoring_every_months)
        self.next_quality_due = add_months(
            last_quality or start, version.quality_check_every_months
        )


def default_monitoring_months():
    return law.value("monitoring_every_months")


class PlanVersionQuerySet(models.QuerySet):
    def editable_by(self, user):
        return self.filter(plan__in=Plan.objects.editable_by(user))


class PlanVersion(StatusMachine, VersionedModel, AuditedModel):
    """What a plan says at one point: the plan itself (number 0) or an annex (1, 2…)."""

    TRANSITIONS = {
        VersionStatus.DRAFT: {VersionStatus.SUBMITTED},
        VersionStatus.SUBMITTED: {VersionStatus.DRAFT, VersionStatus.APPROVED},
        VersionStatus.APPROVED: {VersionStatus.SIGNED},
    }

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("numer wersji"), default=0, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        editable=False,
    )
    drawn_up_on = models.DateField(_("data sporządzenia"), default=timezone.localdate)
    valid_from = models.DateField(_("obowiązuje od"))
    valid_to = models.DateField(_("obowiązuje do"))
    in_force_from = models.DateField(_("aktualizacja obowiązuje od"), null=True, blank=True)
    expected_improvement = models.TextField(_("oczekiwana poprawa sytuacji osoby (cele)"))
    monitoring_every_months = models.PositiveSmallIntegerField(
        _("monitorowanie co (miesięcy)"),
        default=default_monitoring_months,
        validators=[MinValueValidator(1)],
    )
    quality_check_every_months = models.PositiveSmallIntegerField(
        _("badanie jakości i zadowolenia co (miesięcy)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    attachments = models.TextField(
        _("załączniki (po jednym w wierszu)"),
        blank=True,
        default="Regulaminy poszczególnych usług\nRegulamin uczestnika\nOświadczenia uczestnika",
    )
    reason = models.CharField(
        _("powód aktualizacji"), max_length=10, choices=AnnexReason.choices, blank=True
    )
    reason_text = models.TextField(_("uzasadnienie aktualizacji"), blank=True)
    approved_at = models.DateTimeField(_("zatwierdzono"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zatwierdził(a)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    signed_at = models.DateTimeField(_("podpisano"), null=True, blank=True, editable=False)
    document = document_field(_("zatwierdzony PDF (zamrożony)"))
    centre_signed = document_field(_("PDF podpisany przez centrum"))
    signed_copy = document_field(_("podpisany egzemplarz"))

    objects = PlanVersionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wersja IPUS")
        verbose_name_plural = _("wersje IPUS")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self):
        if self.number == 0:
            return _("Plan z dnia %(date)s") % {"date": _fmt(self.drawn_up_on)}
        return _("Aktualizacja %(n)d z dnia %(date)s") % {
            "n": self.number,
            "date": _fmt(self.drawn_up_on),
        }

    def get_absolute_url(self):
        return reverse("ipus:version-detail", args=[self.pk])

    @property
    def access_person_id(self):
        """Whose data this is, for the access log (cus.access)."""
        return self.plan.request.person_id

    @property
    def is_annex(self):
        return self.number > 0

    @property
    def is_editable(self):
        return self.status == VersionStatus.DRAFT

    @property
    def status_colour(self):
        return VersionStatus(self.status).colour

    @property
    def effective_from(self):
        """The day this version comes into force: an annex's date, otherwise the plan's start."""
        return self.in_force_from if self.number and self.in_force_from else self.valid_from

    def status_text(self, today=None):
        """The status as shown: an approved or signed annex whose date has not come yet says
        from when it is in force (the version before it is in force until then)."""
        label = self.get_status_display()
        today = today or timezone.localdate()
        if (
            self.number
            and self.status in (VersionStatus.APPROVED, VersionStatus.SIGNED)
            and self.in_force_from
            and self.in_force_from > today
        ):
            return _("%(status)s, obowiązuje od %(date)s") % {
                "status": label,
                "date": _fmt(self.in_force_from),
            }
        return label

    @property
    def attachment_list(self):
        return [line.strip() for line in self.attachments.splitlines() if line.strip()]

    @property
    def last_valid_day(self):
        return add_months(self.valid_from, law.value("ipus_max_months")) - timedelta(days=1)

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_to:
            valid_to_errors = []
            shortest = add_months(self.valid_from, law.value("ipus_min_months")) - timedelta(days=1)
            if self.valid_to < shortest:
                valid_to_errors.append(
                    _(
                        "Plan obejmuje co najmniej %(period)s: sporządza się go, gdy usługi trzeba koordynować tak długo."
                    )
                    % {"period": law.period("ipus_min_months")}
                )
            if self.valid_to > self.last_valid_day:
                valid_to_errors.append(
                    _("Plan obowiązuje najwyżej %(period)s (do %(last)s).")
                    % {"period": law.period("ipus_max_months"), "last": _fmt(self.last_valid_day)}
                )
            if valid_to_errors:
                errors["valid_to"] = valid_to_errors
        if self.monitoring_every_months and (
            self.monitoring_every_months > law.value("monitoring_every_months")
        ):
            errors["monitoring_every_months"] = _(
                "Plan monitoruje się co najmniej raz na %(period)s."
            ) % {"period": law.period("monitoring_every_months")}
        if self.number > 0:
            if not self.reason:
                errors["reason"] = _("Podaj powód aktualizacji.")
            if not self.in_force_from:
                errors["in_force_from"] = _("Podaj, od kiedy aktualizacja obowiązuje.")
            elif (
                self.valid_from
                and self.valid_to
                and not (self.valid_from <= self.in_force_from <= self.valid_to)
            ):
                errors["in_force_from"] = _("Aktualizacja musi wejść w życie w okresie planu.")
            elif self.plan_id:
                base = (
                    PlanVersion.objects.filter(
                        plan=self.plan_id, number__lt=self.number, status=VersionStatus.SIGNED
                    )
                    .order_by("-number")
                    .first()
                )
                if base and self.in_force_from < base.effective_from:
                    errors["in_force_from"] = _(
                        "Aktualizacja wchodzi w życie najwcześniej wtedy, gdy wersja, którą "
                        "zmienia (%(date)s)."
                    ) % {"date": _fmt(base.effective_from)}
        if errors:
            raise ValidationError(errors)

    def record_transition(self, from_status, to_status, by, note):
        """A version's moves are recorded in its plan's history."""
        PlanTransition.objects.create(
            plan_id=self.plan_id,
            plan_version=self,
            from_status=from_status,
            to_status=to_status,
            by=by,
            note=note,
        )


class PlanTransition(models.Model):
    """One status change of a plan or of one of its versions: who, when, from, to."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="transitions")
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="transitions"
    )
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    at = models.DateTimeField(auto_now_add=True)
    # Empty when the system made the change (a signed plan becoming active on its start date).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("zmiana statusu IPUS")
        verbose_name_plural = _("zmiany statusu IPUS")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_label} → {self.to_label}"

    def _label(self, value):
        choices = VersionStatus if self.plan_version_id else PlanStatus
        return str(choices(value).label) if value in choices.values else value

    @property
    def from_label(self):
        return self._label(self.from_status)

    @property
    def to_label(self):
        return self._label(self.to_status)


def merged_history(transitions):
    """The plan's history with each event once.

    Moving the first version moves the plan too (submit, return, approve, sign), and both
    record it. Two rows are one event when one is the plan's and the other a version's, with
    the same statuses, by the same person, written within a minute of each other (they are
    written in one transaction): the plan's row is kept, with the note of either. An annex's
    rows have no plan counterpart and stay, named by the annex.
    """
    shown = []
    for transition in transitions:
        twin = next(
            (
                kept
                for kept in reversed(shown[-4:])
                if (kept.plan_version_id is None) != (transition.plan_version_id is None)
                and not getattr(kept, "merged", False)
                and (kept.from_status, kept.to_status, kept.by_id)
                == (transition.from_status, transition.to_status, transition.by_id)
                and abs((kept.at - transition.at).total_seconds()) <= 60
            ),
            None,
        )
        if twin is None:
            shown.append(transition)
            continue
        plan_row, version_row = (
            (twin, transition) if twin.plan_version_id is None else (transition, twin)
        )
        plan_row.note = plan_row.note or version_row.note
        plan_row.merged = True
        shown[shown.index(twin)] = plan_row
    return shown


# --- Items ------------------------------------------------------------------------


class GrantedIn(models.Func):
    """The whole units of an item's ``granted_by_month`` (one number per calendar month from
    the item's first) that fall in the months of [start, end]: the units the plan grants in
    the period, as the capacity numbers count them (ipus.capacity), never a pro-rated share
    of the item's average. Zero for an item outside the period."""

    output_field = DecimalField(max_digits=14, decimal_places=2)

    def __init__(self, start, end):
        first = ExtractYear(F("starts_on")) * 12 + ExtractMonth(F("starts_on"))
        super().__init__(
            F("granted_by_month"),
            models.Value(start.year * 12 + start.month) - first + 1,
            models.Value(end.year * 12 + end.month) - first + 1,
        )

    def as_sql(self, compiler, connection, **extra_context):
        months, low, high = (compiler.compile(expression) for expression in self.source_expressions)
        sql = (
            "(SELECT COALESCE(SUM(units.value::numeric), 0)"
            f" FROM jsonb_array_elements_text({months[0]}) WITH ORDINALITY AS units(value, number)"
            f" WHERE units.number BETWEEN {low[0]} AND {high[0]})"
        )
        return sql, (*months[1], *low[1], *high[1])


def granted_expression(start, end):
    """Units of an item (row) granted in the calendar months of [start, end]: the sum of its
    whole monthly units in those months (GrantedIn). Use with a filter to the items
    overlapping the period (the sum is zero outside it)."""
    return GrantedIn(start, end)


class PlanItemQuerySet(models.QuerySet):
    def granted_history(self):
        """Items of the version in force of plans approved at some point (for reviews of past
        quarters: closed and terminated plans count within their periods)."""
        return self.filter(
            waiting=False,
            version=F("version__plan__current_version"),
            version__plan__status__in=Plan.HISTORY_STATUSES,
        )

    def overlapping(self, start, end):
        return self.filter(starts_on__lte=end, ends_on__gte=start)

    def granted_in(self, start, end):
        """Annotate ``granted_in_period``: the whole units granted in the months of [start, end]."""
        return self.annotate(granted_in_period=granted_expression(start, end))

    def for_table(self):
        """Items with the catalogue names the items table shows (service name and unit,
        provider name), not the catalogue's whole rows: ~40 columns fewer to compile and
        convert on every plan page (issue 8). Ordered by pk: the default order (version, pk)
        joins the version and the plan only to sort by the plan's own ordering."""
        return (
            self.select_related("service", "provider")
            .order_by("pk")
            .only(
                *(field.name for field in self.model._meta.concrete_fields),
                "service__name",
                "service__unit",
                "provider__name",
            )
        )

    def numbered(self):
        """A version's granted items in the order of their numbers ("Lp"): the contract's
        table, the service card and the provider's CSV (ipus.imports) count them so."""
        return self.filter(waiting=False).order_by("pk")

    def waiting_list(self):
        """Items waiting for a place, in filing order of their requests."""
        return self.filter(
            waiting=True,
            version__status__in=(VersionStatus.DRAFT, VersionStatus.SUBMITTED),
        ).order_by("version__plan__request__received_at", "pk")


class PlanItem(VersionedModel):
    """A row of the plan's table: service, provider, period, schedule, scope, place, cost."""

    # The row's own edit counter is ``edit_version``: ``version`` is the plan version.
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="items")
    edit_version = models.PositiveIntegerField(_("wersja zapisu"), default=1, editable=False)
    version_field = "edit_version"
    # The same row across versions (annexes copy rows): deliveries are kept per line. A new
    # row is its own line, so RESTRICT, not PROTECT: a draft's row (or the whole draft) can
    # be deleted, while a row that a later version's copy still points to cannot.
    line = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="+", editable=False
    )
    service = models.ForeignKey(
        "services.Service", verbose_name=_("usługa"), on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "services.Provider",
        verbose_name=_("realizator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("od"))
    ends_on = models.DateField(_("do"))
    quantity = models.DecimalField(
        _("ilość"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    per = models.CharField(_("na okres"), max_length=5, choices=Per.choices)
    cap = models.DecimalField(
        _("limit"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    cap_per = models.CharField(_("limit na okres"), max_length=5, choices=Per.choices, blank=True)
    max_hours = models.DecimalField(
        _("jednorazowo najwyżej (godz.)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    scope = models.TextField(_("zakres"), blank=True)
    place = models.CharField(_("miejsce"), max_length=200, blank=True)
    fee_per_unit = models.DecimalField(
        _("odpłatność za jednostkę (zł)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    discount_percent = models.PositiveSmallIntegerField(
        _("ulga (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    # Capacity: a full service either puts the item on the waiting list or needs the
    # OUS's written override.
    waiting = models.BooleanField(_("na liście oczekujących"), default=False)
    override_reason = models.TextField(_("uzasadnienie przyznania ponad limit"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ponad limit przyznał(a)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    units_granted = models.DecimalField(
        _("jednostek przyznanych"), max_digits=10, decimal_places=2, default=0, editable=False
    )
    units_per_month = models.DecimalField(
        max_digits=12, decimal_places=4, default=0, editable=False
    )
    # Whole units granted in each calendar month from the first one (ipus.schedule rule),
    # so that counting capacity reads them instead of working each schedule out again.
    granted_by_month = models.JSONField(
        _("jednostki przyznane w miesiącach"), default=list, editable=False
    )

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("pozycja planu")
        verbose_name_plural = _("pozycje planu")
        ordering = ["version", "pk"]
        indexes = [
            models.Index(fields=["service", "starts_on", "ends_on"], name="planitem_service_idx"),
        ]

    def __str__(self):
        return f"{self.service} — {self.schedule}"

    def save(self, *args, **kwargs):
        self.granted_by_month = [units for _month, units in self.monthly_units()]
        self.units_granted = Decimal(sum(self.granted_by_month))
        self.units_per_month = (
            self.units_granted / months_between(self.starts_on, self.ends_on)
        ).quantize(Decimal("0.0001"))
        super().save(*args, **kwargs)
        if self.line_id is None:
            type(self).objects.filter(pk=self.pk).update(line=self.pk)
            self.line_id = self.pk

    @property
    def access_person_id(self):
        """Whose data this is, for the access log (cus.access)."""
        return self.version.plan.request.person_id

    @property
    def schedule(self):
        return describe(
            self.quantity, self.service.unit, self.per, self.cap, self.cap_per, self.max_hours
        )

    @property
    def period(self):
        """The template's "04-12.2021" form."""
        if self.starts_on.year == self.ends_on.year:
            return f"{self.starts_on:%m}-{self.ends_on:%m.%Y}"
        return f"{self.starts_on:%m.%Y}-{self.ends_on:%m.%Y}"

    @property
    def cost_per_unit(self):
        """What the person pays per unit after the discount (zero for free services)."""
        return (self.fee_per_unit * (100 - self.discount_percent) / 100).quantize(Decimal("0.01"))

    @cached_property
    def lp(self):
        """The item's "Lp" in its version (PlanItemQuerySet.numbered); None while waiting.
        Lists that number their items set it (ipus.capacity.delivery_summary)."""
        if self.waiting:
            return None
        return (
            type(self)
            .objects.filter(version=self.version_id)
            .numbered()
            .filter(pk__lte=self.pk)
            .count()
        )

    @property
    def line_id_or_self(self):
        return self.line_id or self.pk

    def compute_granted(self):
        """Whole units the schedule grants over the item's period (ipus.schedule.monthly_units)."""
        return Decimal(granted_units(*self.schedule_key))

    @property
    def schedule_key(self):
        """What the granted units depend on, in ``monthly_units``'s order."""
        return (
            self.quantity,
            self.per,
            self.cap or None,
            self.cap_per or "",
            self.starts_on,
            self.ends_on,
        )

    def monthly_units(self):
        """((month, whole units), …) over the item's period."""
        return monthly_units(*self.schedule_key)

    def month_allowance(self, month):
        """Most units the schedule allows in the calendar month starting ``month``."""
        first = max(month, self.starts_on)
        last = min(month.replace(day=calendar.monthrange(month.year, month.month)[1]), self.ends_on)
        if last < first:
            return Decimal(0)
        if self.per == Per.WEEK:
            allowed = self.quantity * Decimal((last - first).days + 1) / 7
        else:
            allowed = self.quantity
        if self.cap and self.cap_per in (Per.MONTH, Per.YEAR):
            allowed = min(allowed, self.cap)
        return allowed.quantize(Decimal("0.01"), rounding="ROUND_CEILING")

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Koniec nie może być przed początkiem.")
        version = self.version if self.version_id else None
        if (
            version
            and self.starts_on
            and self.ends_on
            and (self.starts_on < version.valid_from or self.ends_on > version.valid_to)
        ):
            errors["starts_on"] = _(
                "Usługa musi mieścić się w okresie planu (%(start)s–%(end)s)."
            ) % {"start": _fmt(version.valid_from), "end": _fmt(version.valid_to)}
        if bool(self.cap) != bool(self.cap_per):
            errors["cap_per"] = _("Limit wymaga podania okresu (i odwrotnie).")
        if errors:
            raise ValidationError(errors)


# --- Monitoring and deliveries ------------------------------------------------------


class MonitoringContact(AuditedModel):
    """A monitoring contact (Monitorowanie IPUS): how, what was found, satisfaction, problems."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contacts")
    contacted_on = models.DateField(_("data kontaktu"), default=timezone.localdate)
    mode = models.CharField(_("forma"), max_length=10, choices=ContactMode.choices)
    notes = models.TextField(_("ustalenia"))
    satisfaction = models.PositiveSmallIntegerField(
        _("zadowolenie (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    problem = models.BooleanField(_("problem z usługą — do wiadomości OUS"), default=False)
    problem_service = models.ForeignKey(
        "services.Service",
        verbose_name=_("której usługi dotyczy problem"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    problem_description = models.TextField(_("opis problemu"), blank=True)

    class Meta:
        verbose_name = _("kontakt monitorujący")
        verbose_name_plural = _("kontakty monitorujące")
        ordering = ["-contacted_on", "-pk"]
        indexes = [models.Index(fields=["plan", "contacted_on"], name="contact_plan_date_idx")]

    def __str__(self):
        return f"{_fmt(self.contacted_on)} — {self.get_mode_display()}"

    @property
    def access_person_id(self):
        """Whose data this is, for the access log (cus.access)."""
        return self.plan.request.person_id

    def clean(self):
        errors = {}
        if self.contacted_on and self.contacted_on > timezone.localdate():
            errors["contacted_on"] = _("Kontakt nie może mieć daty z przyszłości.")
        if self.problem and not self.problem_description:
            errors["problem_description"] = _("Opisz problem, który ma trafić do OUS.")
        if errors:
            raise ValidationError(errors)


class Delivery(models.Model):
    """Units of one plan line delivered in one calendar month."""

    line = models.ForeignKey(
        PlanItem, verbose_name=_("pozycja planu"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("miesiąc"))
    units = models.DecimalField(
        _("zrealizowano jednostek"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(
        _("źródło"), max_length=8, choices=DeliverySource.choices, default=DeliverySource.MANUAL
    )
    note = models.CharField(_("uwagi"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(_("zapisano"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zapisał(a)"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("realizacja usługi")
        verbose_name_plural = _("realizacje usług")
        ordering = ["month", "line"]
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="delivery_line_month_unique")
        ]
        indexes = [models.Index(fields=["month"], name="delivery_month_idx")]

    def __str__(self):
        return f"{self.month:%m.%Y}: {self.units}"
