"""Community organizing (OSL): plans and their versions, communities, stages, schedules with
indicators, the activity log, registries (partners, leaders, volunteers) and the map of resources."""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cus.dates import Quarter, add_months
from cus.history import HistoricalRecords
from cus.models import AuditedModel, VersionedModel, document_field
from cus.plurals import number
from cus.status import StatusMachine
from osl.choices import (
    CADENCE,
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


@dataclass(frozen=True, order=True)
class ReportPeriod:
    """A span of a plan that one annual report covers: a plan year, or a period the director set."""

    start: date
    end: date

    @classmethod
    def parse(cls, slug):
        """``2026-07-01_2027-06-30`` (the report form's choice) → the period, or None."""
        try:
            start, end = (date.fromisoformat(part) for part in str(slug).split("_"))
        except ValueError:
            return None
        return cls(start, end) if start <= end else None

    @property
    def slug(self):
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"

    @property
    def is_calendar_year(self):
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and (self.start.year == self.end.year)

    @property
    def label(self):
        """ "2025" for a calendar year, "01.07.2026–30.06.2027" otherwise."""
        if self.is_calendar_year:
            return str(self.start.year)
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    @property
    def deadline(self):
        """The report is due by the end of the CUS_OSL_REPORT_DUE_MONTHS-th month after the
        period's end: 31 March for a calendar year with the default 3, 30 September for a
        plan year ending on 30 June."""
        first_after = add_months(self.end.replace(day=1), settings.CUS_OSL_REPORT_DUE_MONTHS + 1)
        return first_after - timedelta(days=1)

    @property
    def last_quarter_start(self):
        """The first day of the period's last three months (when next year's schedule is made)."""
        return add_months(self.end + timedelta(days=1), -3)

    def overlaps(self, other):
        return self.start <= other.end and other.start <= self.end

    def __contains__(self, day):
        return self.start <= day <= self.end

    def __str__(self):
        return self.label


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

    def cycle_ends(self, frequency):
        """The last days of the cycles ``frequency`` cuts the period into, from its first day
        (the last cut at its end): the due days of a frequency item (ScheduleItem.expected_between).
        Computed once per plan instance and frequency: a dashboard's rows share them."""
        cache = self.__dict__.setdefault("_cycle_ends", {})
        key = (frequency, self.period_start, self.period_end)
        if key not in cache:
            unit, length = CADENCE[frequency]
            ends, cycle, following = [], 0, self.period_start
            while following <= self.period_end:
                cycle += 1
                following = (
                    self.period_start + timedelta(days=length * cycle)
                    if unit == "days"
                    else add_months(self.period_start, length * cycle)
                )
                ends.append(min(following - timedelta(days=1), self.period_end))
            cache[key] = ends
        return cache[key]

    @property
    def report_periods(self):
        """The plan years: consecutive 12 months from ``period_start``, the last cut at
        ``period_end`` (01.07.2026–30.06.2027; calendar years for a calendar-year plan)."""
        periods, start = [], self.period_start
        while start <= self.period_end:
            following = add_months(start, 12)
            periods.append(ReportPeriod(start, min(following - timedelta(days=1), self.period_end)))
            start = following
        return periods

    def plan_year_of(self, day):
        """The plan year holding ``day``; the first before the plan, the last after it."""
        periods = self.report_periods
        return next((p for p in periods if day <= p.end), periods[-1])

    def next_year_period(self, today):
        """The period of next year's schedule: the plan's length again, from the plan year
        after the one ``today`` falls in, so no month already past is planned again. Returns
        (period, years moved)."""
        periods = self.report_periods
        years = periods.index(self.plan_year_of(today)) + 1
        return (
            ReportPeriod(
                add_months(self.period_start, 12 * years), add_months(self.period_end, 12 * years)
            ),
            years,
        )

    def title_moved(self, years):
        """The title with its years moved by ``years`` ("na lata 2023–2024" → "2024–2025")."""
        return re.sub(r"\b(19|20)\d{2}\b", lambda m: str(int(m.group()) + years), self.title)

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

    class Meta:
        verbose_name = _("lider lokalny")
        verbose_name_plural = _("liderzy lokalni")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("osl:leader-list")


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

    class Meta:
        verbose_name = _("wolontariusz")
        verbose_name_plural = _("wolontariusze")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("osl:volunteer-list")


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
        return self.expected_between(quarter.start, quarter.end)

    def expected_between(self, start, end):
        """Occurrences due in [start, end] (a whole number), or None for "wg potrzeb" and
        continuous work.

        Each occurrence has a due day: a frequency cuts the plan period, from its first day,
        into cycles (7 days; 1, 3, 6 or 12 months; the last cut at the period's end) and one
        occurrence is due on each cycle's last day; a listed quarter or month on its last
        day, a range on its end, a date on itself. A window counts the occurrences due in
        it, so windows add up (a quarter's numbers sum to the year's) and nothing is ever a
        fraction: a half-yearly item in a calendar-year plan expects 1 in Q2 and 1 in Q4,
        0 in Q1 and Q3.
        """
        plan = self.plan
        start, end = max(start, plan.period_start), min(end, plan.period_end)
        if start > end:
            return 0
        if self.timing_kind == TimingKind.FREQUENCY:
            if self.frequency not in CADENCE:
                return None
            ends = plan.cycle_ends(self.frequency)
            return bisect_right(ends, end) - bisect_left(ends, start)
        return sum(1 for due in self._due_days() if start <= due <= end)

    def _due_days(self):
        if self.timing_kind == TimingKind.QUARTERS:
            yield from (q.end for q in map(Quarter.parse, self.quarters) if q)
        if self.timing_kind == TimingKind.MONTHS:
            for slug in self.months:
                month = _parse_month(slug)
                if month:
                    yield add_months(month, 1) - timedelta(days=1)
        if self.timing_kind == TimingKind.RANGE and self.starts_on and self.ends_on:
            yield self.ends_on
        if self.timing_kind == TimingKind.DATE and self.starts_on:
            yield self.starts_on

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
        return self.select_related("item__community", "item__plan", "created_by")


class Activity(AuditedModel):
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

    def clean(self):
        parts = [self.children, self.youth, self.adults, self.seniors]
        if sum(part or 0 for part in parts) > (self.participants or 0):
            raise ValidationError(
                {"participants": _("Suma grup wiekowych przekracza liczbę uczestników.")}
            )
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": _("Zapisuje się działanie, które się odbyło.")})


class VolunteerHours(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT)
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


class AnnualReportQuerySet(models.QuerySet):
    def current(self):
        """Reports not replaced by a corrected version."""
        return self.filter(replaced_by__isnull=True)


class AnnualReport(AuditedModel):
    """Sprawozdanie z realizacji Planu OSL for one plan year or a period the director set."""

    plan = models.ForeignKey(OslPlan, on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField(_("okres od"))
    period_end = models.DateField(_("okres do"))
    revision = models.PositiveSmallIntegerField(_("wersja"), default=1, editable=False)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("zastąpione wersją poprawioną"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        editable=False,
    )
    narrative = models.TextField(_("opis realizacji i wnioski"))
    numbers = models.JSONField(default=dict, editable=False)
    document = document_field()

    objects = AnnualReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sprawozdanie z realizacji planu OSL")
        verbose_name_plural = _("sprawozdania z realizacji planu OSL")
        ordering = ["-period_start", "-revision", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="osl_report_period_order",
            )
        ]

    def __str__(self):
        text = _("Sprawozdanie z realizacji planu OSL za %(period)s") % {
            "period": self.period.label
            if self.period.is_calendar_year
            else _("okres %(p)s") % {"p": self.period}
        }
        if self.revision > 1:
            text += " " + _("(wersja poprawiona %(n)d)") % {"n": self.revision}
        return text

    @property
    def period(self):
        return ReportPeriod(self.period_start, self.period_end)

    @property
    def deadline(self):
        return self.period.deadline
