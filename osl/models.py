"""Community organizing (OSL): plans and their versions, communities, stages, schedules with
indicators, the activity log, registries (partners, leaders, volunteers) and the map of resources."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cus.dates import Quarter
from cus.history import HistoricalRecords
from cus.models import AuditedModel, VersionedModel, document_field
from cus.plurals import number
from cus.status import StatusMachine
from osl.choices import (
    PER_QUARTER,
    Area,
    Capital,
    CommunityKind,
    Component,
    CooperationForm,
    Frequency,
    PartnerKind,
    PlanStatus,
    SupportKind,
    SwotKind,
    TimingKind,
)

MONTHS_PL = (
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
)


class OslPlanQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("previous")
            .annotate(
                communities_count=models.Count("communities", distinct=True),
                items_count=models.Count("schedule_items", distinct=True),
            )
            .order_by("-period_start", "-version_number", "-pk")
        )


class OslPlan(StatusMachine, VersionedModel, AuditedModel):
    """Plan Organizowania Społeczności Lokalnej: adopted by the director's order, updated by versions."""

    TRANSITIONS = {
        PlanStatus.DRAFT: {PlanStatus.ADOPTED},
        PlanStatus.ADOPTED: {PlanStatus.COMPLETED},
    }

    title = models.CharField(_("tytuł"), max_length=200)
    period_start = models.DateField(_("okres od"))
    period_end = models.DateField(_("okres do"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PlanStatus.choices,
        default=PlanStatus.DRAFT,
        editable=False,
    )
    version_number = models.PositiveSmallIntegerField(_("wersja"), default=1, editable=False)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("poprzednia wersja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updates",
        editable=False,
    )
    update_reason = models.TextField(_("powód aktualizacji"), blank=True)
    based_on_summary = models.ForeignKey(
        "ipus.HalfYearSummary",
        verbose_name=_("na podstawie podsumowania IPUS"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order_number = models.CharField(
        _("numer zarządzenia"), max_length=50, blank=True, editable=False
    )
    order_date = models.DateField(_("data zarządzenia"), null=True, blank=True, editable=False)
    main_goals = models.TextField(_("cele główne (po jednym w wierszu)"))
    support_kinds = models.JSONField(_("rodzaje działań wspierających"), default=list, blank=True)
    monitoring_conclusions = models.TextField(_("wnioski z monitoringu"), blank=True)

    objects = OslPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan OSL")
        verbose_name_plural = _("plany OSL")
        ordering = ["-period_start", "-version_number", "-pk"]
        permissions = [("adopt_oslplan", _("Może przyjąć plan OSL zarządzeniem"))]

    def __str__(self):
        return f"{self.title} (v{self.version_number})"

    def get_absolute_url(self):
        return reverse("osl:plan-detail", args=[self.pk])

    @property
    def status_colour(self):
        return PlanStatus(self.status).colour

    @property
    def is_editable(self):
        return self.status == PlanStatus.DRAFT

    @property
    def goal_list(self):
        return [line.strip() for line in self.main_goals.splitlines() if line.strip()]

    @property
    def support_kind_labels(self):
        return [str(SupportKind(k).label) for k in self.support_kinds if k in SupportKind.values]

    @property
    def quarters(self):
        quarters, q = [], Quarter.of(self.period_start)
        while q.start <= self.period_end:
            quarters.append(q)
            q = q.next()
        return quarters

    @property
    def report_years(self):
        return list(range(self.period_start.year, self.period_end.year + 1))

    @staticmethod
    def report_deadline(year):
        """The annual report on a year is due by 31 March of the next (settings)."""
        return date(year + 1, settings.CUS_OSL_REPORT_DUE_MONTH, settings.CUS_OSL_REPORT_DUE_DAY)

    def clean(self):
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            raise ValidationError({"period_end": _("Koniec okresu musi być po jego początku.")})
        unknown = [k for k in self.support_kinds or [] if k not in SupportKind.values]
        if unknown:
            raise ValidationError({"support_kinds": _("Nieznany rodzaj działań.")})

    def record_transition(self, from_status, to_status, by, note):
        OslPlanTransition.objects.create(
            plan=self, from_status=from_status, to_status=to_status, by=by
        )


class OslPlanTransition(models.Model):
    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=PlanStatus.choices)
    to_status = models.CharField(max_length=10, choices=PlanStatus.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("zmiana statusu planu OSL")
        verbose_name_plural = _("zmiany statusu planów OSL")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class PlanSection(models.Model):
    """A titled section of the plan's narrative (introduction, legal basis, diagnosis…)."""

    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    title = models.CharField(_("tytuł rozdziału"), max_length=200)
    body = models.TextField(_("treść"))

    class Meta:
        verbose_name = _("rozdział planu OSL")
        verbose_name_plural = _("rozdziały planu OSL")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.title


class SwotEntry(models.Model):
    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="swot")
    kind = models.CharField(_("część"), max_length=1, choices=SwotKind.choices)
    text = models.CharField(_("treść"), max_length=300)

    class Meta:
        verbose_name = _("pozycja analizy SWOT")
        verbose_name_plural = _("pozycje analizy SWOT")
        ordering = ["plan", "kind", "pk"]

    def __str__(self):
        return self.text


class Community(VersionedModel):
    """A community the plan works with: territorial, categorical, or the whole municipality."""

    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(_("nazwa"), max_length=150)
    kind = models.CharField(_("rodzaj"), max_length=12, choices=CommunityKind.choices)
    boundaries = models.TextField(_("granice (ulice, miejscowości)"), blank=True)
    description = models.TextField(_("opis"), blank=True)
    potential = models.TextField(_("potencjał"), blank=True)
    tools_so_far = models.TextField(_("dotychczasowe narzędzia i działania"), blank=True)
    leaders_note = models.TextField(_("liderzy (opis)"), blank=True)
    baseline = models.TextField(_("stan wyjściowy (do ewaluacji)"), blank=True)

    class Meta:
        verbose_name = _("społeczność")
        verbose_name_plural = _("społeczności")
        ordering = ["plan", "pk"]

    def __str__(self):
        return self.name


class Stage(models.Model):
    """A stage (Przed wejściem, Wejście, Aktywizacja, Wyjście) with components and quarters."""

    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    name = models.CharField(_("etap"), max_length=100)
    operational_goals = models.TextField(_("cele operacyjne"), blank=True)
    components = models.JSONField(_("komponenty OSL"), default=list, blank=True)
    quarters = models.JSONField(_("kwartały realizacji"), default=list, blank=True)

    class Meta:
        verbose_name = _("etap planu OSL")
        verbose_name_plural = _("etapy planu OSL")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.name

    @property
    def component_codes(self):
        return "".join(code for code in Component.values if code in self.components)


class Partner(VersionedModel, AuditedModel):
    """A partner of community organizing (registry shared by all plans)."""

    name = models.CharField(_("nazwa"), max_length=200)
    kind = models.CharField(_("rodzaj"), max_length=12, choices=PartnerKind.choices)
    contact = models.CharField(_("kontakt"), max_length=200, blank=True)
    cooperation = models.CharField(
        _("forma współpracy"),
        max_length=12,
        choices=CooperationForm.choices,
        default=CooperationForm.INFORMAL,
    )
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partnerzy")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("osl:partner-list")


class Leader(VersionedModel, AuditedModel):
    community = models.ForeignKey(
        Community, verbose_name=_("społeczność"), on_delete=models.CASCADE, related_name="leaders"
    )
    name = models.CharField(_("imię i nazwisko"), max_length=150)
    contact = models.CharField(_("kontakt"), max_length=150, blank=True)
    notes = models.CharField(_("uwagi"), max_length=300, blank=True)
    # Leaders recorded before consents were kept have none (null); the form requires one.
    consent_on = models.DateField(_("data zgody na przetwarzanie danych"), null=True, blank=True)
    consent_scope = models.CharField(
        _("zakres zgody"), max_length=300, blank=True, default="kontakt w sprawie działań OSL"
    )

    class Meta:
        verbose_name = _("lider lokalny")
        verbose_name_plural = _("liderzy lokalni")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("osl:leader-list")

    def clean(self):
        _refuse_future_consent(self.consent_on)


class VolunteerQuerySet(models.QuerySet):
    def with_hours(self):
        """Each volunteer's total hours and the number of activities they helped at."""
        return self.annotate(
            total_hours=Coalesce(
                models.Sum("volunteerhours__hours"), Decimal(0), output_field=models.DecimalField()
            ),
            activities_count=models.Count("volunteerhours__activity", distinct=True),
        ).order_by("name")  # Meta.ordering does not reach a GROUP BY query


class Volunteer(VersionedModel, AuditedModel):
    """A volunteer: minimal data, consent recorded with its date and scope."""

    name = models.CharField(_("imię i nazwisko"), max_length=150)
    contact = models.CharField(_("kontakt"), max_length=150, blank=True)
    consent_on = models.DateField(_("data zgody na przetwarzanie danych"))
    consent_scope = models.CharField(
        _("zakres zgody"), max_length=300, default="kontakt w sprawie działań OSL"
    )
    availability = models.CharField(_("dostępność"), max_length=200, blank=True)
    skills = models.CharField(_("umiejętności"), max_length=300, blank=True)
    active = models.BooleanField(_("aktywny"), default=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("wolontariusz")
        verbose_name_plural = _("wolontariusze")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("osl:volunteer-list")

    def clean(self):
        _refuse_future_consent(self.consent_on)


def _refuse_future_consent(consent_on):
    if consent_on and consent_on > timezone.localdate():
        raise ValidationError(
            {
                "consent_on": _(
                    "Data zgody nie może być z przyszłości: wpisz dzień, w którym ją wyrażono."
                )
            }
        )


class Resource(VersionedModel, AuditedModel):
    """A resource or potential on the digital map (cyfrowa mapa zasobów i potencjałów)."""

    name = models.CharField(_("nazwa"), max_length=200)
    capital = models.CharField(_("rodzaj kapitału"), max_length=16, choices=Capital.choices)
    community = models.ForeignKey(
        Community,
        verbose_name=_("społeczność"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    address = models.CharField(_("adres"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("szerokość geograficzna"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("długość geograficzna"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    description = models.TextField(_("opis"), blank=True)

    class Meta:
        verbose_name = _("zasób")
        verbose_name_plural = _("zasoby")
        ordering = ["capital", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("osl:resource-list")

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Podaj obie współrzędne albo żadnej.")})


class ScheduleItemQuerySet(models.QuerySet):
    def for_table(self):
        return self.select_related("community").prefetch_related("indicators", "partners")


class ScheduleItem(VersionedModel):
    """A row of a schedule (harmonogram): what, how, who, when, for whom, and how it is measured."""

    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="schedule_items")
    community = models.ForeignKey(
        Community,
        verbose_name=_("społeczność"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedule_items",
        help_text=_("puste = cała gmina"),
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    area = models.CharField(_("obszar działań"), max_length=12, choices=Area.choices)
    goal = models.CharField(_("cel szczegółowy"), max_length=300, blank=True)
    task = models.CharField(_("zadanie / działanie"), max_length=300)
    method = models.TextField(_("sposób realizacji"), blank=True)
    implementers = models.CharField(_("realizatorzy"), max_length=300, default="OSL")
    partners = models.ManyToManyField(Partner, verbose_name=_("partnerzy"), blank=True)
    timing_kind = models.CharField(
        _("termin"), max_length=10, choices=TimingKind.choices, default=TimingKind.FREQUENCY
    )
    frequency = models.CharField(
        _("częstotliwość"), max_length=12, choices=Frequency.choices, blank=True
    )
    quarters = models.JSONField(_("kwartały (np. 2024-Q1)"), default=list, blank=True)
    months = models.JSONField(_("miesiące (np. 2023-11)"), default=list, blank=True)
    starts_on = models.DateField(_("od"), null=True, blank=True)
    ends_on = models.DateField(_("do"), null=True, blank=True)
    target_group = models.CharField(_("grupa docelowa"), max_length=200, blank=True)
    expected_participants = models.PositiveIntegerField(
        _("spodziewana liczba uczestników"), null=True, blank=True
    )
    alternative = models.TextField(_("działanie alternatywne"), blank=True)

    objects = ScheduleItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("pozycja harmonogramu")
        verbose_name_plural = _("pozycje harmonogramu")
        ordering = ["plan", "community", "area", "pk"]
        indexes = [models.Index(fields=["plan", "community"], name="osl_item_plan_comm_idx")]

    def __str__(self):
        return self.task

    def get_absolute_url(self):
        return reverse("osl:item-detail", args=[self.pk])

    @property
    def timing(self):
        """The timing as the seeds write it."""
        if self.timing_kind == TimingKind.FREQUENCY:
            return Frequency(self.frequency).label if self.frequency else "—"
        if self.timing_kind == TimingKind.QUARTERS:
            return ", ".join(
                Quarter.parse(q).short_label for q in self.quarters if Quarter.parse(q)
            )
        if self.timing_kind == TimingKind.MONTHS:
            return ", ".join(_month_label(m) for m in self.months)
        if self.timing_kind == TimingKind.RANGE and self.starts_on and self.ends_on:
            return f"{self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"
        if self.timing_kind == TimingKind.DATE and self.starts_on:
            return f"{self.starts_on:%d.%m.%Y}"
        return "—"

    def expected_in(self, quarter):
        """Occurrences expected in ``quarter`` (Decimal), or None for "as needed"/continuous work."""
        if not (self.plan.period_start <= quarter.end and quarter.start <= self.plan.period_end):
            return Decimal(0)
        if self.timing_kind == TimingKind.FREQUENCY:
            return PER_QUARTER.get(self.frequency)
        if self.timing_kind == TimingKind.QUARTERS:
            return Decimal(1 if quarter.slug in self.quarters else 0)
        if self.timing_kind == TimingKind.MONTHS:
            slugs = {f"{m:%Y-%m}" for m in quarter.months()}
            return Decimal(sum(1 for m in self.months if m in slugs))
        if self.timing_kind == TimingKind.RANGE:
            overlaps = (
                self.starts_on
                and self.ends_on
                and self.starts_on <= quarter.end
                and quarter.start <= self.ends_on
            )
            return Decimal(1 if overlaps else 0)
        if self.timing_kind == TimingKind.DATE:
            return Decimal(
                1 if self.starts_on and quarter.start <= self.starts_on <= quarter.end else 0
            )
        return None

    def clean(self):
        errors = {}
        if self.timing_kind == TimingKind.FREQUENCY and not self.frequency:
            errors["frequency"] = _("Wybierz częstotliwość.")
        if self.timing_kind == TimingKind.QUARTERS:
            bad = [q for q in self.quarters if Quarter.parse(q) is None]
            if not self.quarters or bad:
                errors["quarters"] = _("Podaj kwartały w postaci 2024-Q1.")
        if self.timing_kind == TimingKind.MONTHS:
            bad = [m for m in self.months if _parse_month(m) is None]
            if not self.months or bad:
                errors["months"] = _("Podaj miesiące w postaci 2023-11.")
        if self.timing_kind == TimingKind.RANGE:
            if not (self.starts_on and self.ends_on):
                errors["ends_on"] = _("Podaj początek i koniec okresu.")
            elif self.ends_on < self.starts_on:
                errors["ends_on"] = _("Koniec nie może być przed początkiem.")
        if self.timing_kind == TimingKind.DATE and not self.starts_on:
            errors["starts_on"] = _("Podaj datę.")
        if errors:
            raise ValidationError(errors)


def _parse_month(text):
    try:
        year, month = (int(part) for part in str(text).split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return None


def _month_label(text):
    day = _parse_month(text)
    return f"{MONTHS_PL[day.month - 1]} {day.year}" if day else str(text)


class Indicator(models.Model):
    """An indicator of a schedule item: minimum target, unit and the evidence that proves it."""

    item = models.ForeignKey(ScheduleItem, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("wskaźnik"), max_length=200)
    target = models.DecimalField(
        _("wartość minimalna"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("jednostka"), max_length=60)
    evidence = models.CharField(_("źródło weryfikacji"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("wskaźnik")
        verbose_name_plural = _("wskaźniki")
        ordering = ["item", "pk"]

    def __str__(self):
        return f"min. {number(self.target)} {self.unit}"


class ActivityQuerySet(models.QuerySet):
    def for_list(self):
        # Subqueries, not a GROUP BY over every joined column: the log stays one cheap query.
        rows = VolunteerHours.objects.filter(activity=models.OuterRef("pk")).values("activity")
        return (
            self.select_related("item__community", "item__plan", "created_by")
            .annotate(
                volunteer_hours=models.Subquery(rows.annotate(s=models.Sum("hours")).values("s")),
                volunteers_count=Coalesce(
                    models.Subquery(rows.annotate(n=models.Count("pk")).values("n")), 0
                ),
            )
            .order_by("-held_on", "-pk")
        )

    def visible_to(self, user):
        """Readers of the log see every activity; an animator sees the ones they logged."""
        if user.has_perm("osl.view_activity"):
            return self
        if user.has_perm("osl.add_activity"):
            return self.filter(created_by=user)
        return self.none()

    def editable_by(self, user):
        """The OSL organizer corrects any activity; its author (an animator) their own."""
        if user.has_perm("osl.change_activity"):
            return self
        if user.has_perm("osl.add_activity"):
            return self.filter(created_by=user)
        return self.none()


class Activity(VersionedModel, AuditedModel):
    """What actually happened (realizacja) for a schedule item."""

    item = models.ForeignKey(
        ScheduleItem,
        verbose_name=_("pozycja harmonogramu"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    held_on = models.DateField(_("data"), default=timezone.localdate)
    place = models.CharField(_("miejsce"), max_length=200)
    description = models.TextField(_("opis"))
    participants = models.PositiveIntegerField(_("uczestnicy razem"), default=0)
    children = models.PositiveIntegerField(_("w tym dzieci"), null=True, blank=True)
    youth = models.PositiveIntegerField(_("w tym młodzież"), null=True, blank=True)
    adults = models.PositiveIntegerField(_("w tym dorośli"), null=True, blank=True)
    seniors = models.PositiveIntegerField(_("w tym seniorzy"), null=True, blank=True)
    volunteers = models.ManyToManyField(
        Volunteer, through="VolunteerHours", verbose_name=_("wolontariusze"), blank=True
    )
    partners = models.ManyToManyField(Partner, verbose_name=_("partnerzy"), blank=True)
    notes = models.TextField(_("uwagi"), blank=True)

    objects = ActivityQuerySet.as_manager()
    # A correction after a report states its reason, which may be longer than 100 characters.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("działanie (realizacja)")
        verbose_name_plural = _("działania (realizacja)")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["item", "held_on"], name="osl_activity_item_date_idx"),
            # The activity log, newest first (ordering), paged without a sort.
            models.Index(fields=["held_on", "id"], name="osl_activity_date_idx"),
        ]

    def __str__(self):
        return f"{self.held_on:%d.%m.%Y} — {self.item.task}"

    def get_absolute_url(self):
        return reverse("osl:activity-detail", args=[self.pk])

    def clean(self):
        parts = [self.children, self.youth, self.adults, self.seniors]
        if sum(part or 0 for part in parts) > (self.participants or 0):
            raise ValidationError(
                {"participants": _("Suma grup wiekowych przekracza liczbę uczestników.")}
            )
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": _("Zapisuje się działanie, które się odbyło.")})
        plan = self.item.plan if self.item_id else None
        if plan and self.held_on and not plan.period_start <= self.held_on <= plan.period_end:
            raise ValidationError(
                {
                    "held_on": _(
                        "Data spoza okresu planu (%(start)s–%(end)s): działanie zapisuje się "
                        "w planie, w którego okresie się odbyło."
                    )
                    % {
                        "start": f"{plan.period_start:%d.%m.%Y}",
                        "end": f"{plan.period_end:%d.%m.%Y}",
                    }
                }
            )


class VolunteerHours(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE)
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("wolontariusz"), on_delete=models.PROTECT
    )
    hours = models.DecimalField(
        _("godziny"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("godziny wolontariusza")
        verbose_name_plural = _("godziny wolontariuszy")
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"], name="osl_volunteer_once")
        ]

    def __str__(self):
        return f"{self.volunteer}: {self.hours} h"


class IndicatorValue(models.Model):
    """How much an activity contributed to an indicator."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(
        _("wartość"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("wartość wskaźnika")
        verbose_name_plural = _("wartości wskaźników")
        constraints = [
            models.UniqueConstraint(fields=["activity", "indicator"], name="osl_value_once")
        ]

    def __str__(self):
        return f"{self.indicator.name}: {self.value}"


class Evidence(models.Model):
    """An attendance list scan or a photo proving an activity (stored, hashed, access-logged)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("opis"), max_length=200, blank=True)
    document = models.ForeignKey("cus.StoredDocument", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("dowód realizacji działania")
        verbose_name_plural = _("dowody realizacji działań")
        ordering = ["pk"]

    def __str__(self):
        return self.title or str(self.document)


class AnnualReport(AuditedModel):
    """Sprawozdanie z realizacji Planu OSL for a year (due by 31 March of the next)."""

    plan = models.ForeignKey(OslPlan, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("rok"))
    narrative = models.TextField(_("opis realizacji i wnioski"))
    numbers = models.JSONField(default=dict, editable=False)
    document = document_field()

    class Meta:
        verbose_name = _("sprawozdanie z realizacji planu OSL")
        verbose_name_plural = _("sprawozdania z realizacji planu OSL")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return _("Sprawozdanie z realizacji planu OSL za %(year)d") % {"year": self.year}

    @property
    def deadline(self):
        return OslPlan.report_deadline(self.year)
