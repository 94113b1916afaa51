"""Community organizing (OSL): plans and their versions, communities, stages, schedules with
indicators, the activity log, registries (partners, leaders, volunteers) and the map of resources."""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
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
    IndicatorKind,
    ParticipantsBasis,
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
        PlanStatus.DRAFT: {PlanStatus.SUBMITTED},
        # Returned with the director's comments, or adopted by an order.
        PlanStatus.SUBMITTED: {PlanStatus.DRAFT, PlanStatus.ADOPTED},
        PlanStatus.ADOPTED: {PlanStatus.SUPERSEDED, PlanStatus.COMPLETED},
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
    def frozen_document(self):
        """The PDF stored when the plan stopped being a draft (handed over, then adopted):
        None for a draft, which is printed as it stands. Reads ``transitions`` (prefetch-aware)."""
        if self.is_editable:
            return None
        documents = [t.document for t in self.transitions.all() if t.document_id]
        return documents[-1] if documents else None

    @property
    def goal_list(self):
        """The plan's goals' titles, in their order (PlanGoal rows)."""
        return [goal.title for goal in self.goals.all()]

    def contains_day(self, day):
        return self.period_start <= day <= self.period_end

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
            plan=self, from_status=from_status, to_status=to_status, by=by, note=note
        )

    @property
    def order_label(self):
        """ "Zarządzenie nr 7/2025 z dnia 12.03.2025 r." once adopted, else ""."""
        if not self.order_number:
            return ""
        label = _("Zarządzenie nr %(number)s") % {"number": self.order_number}
        if self.order_date:
            label += " " + _("z dnia %(date)s r.") % {"date": f"{self.order_date:%d.%m.%Y}"}
        return label

    @property
    def returned_with(self):
        """The director's comments when the plan was last returned (a draft after submission)."""
        if self.status != PlanStatus.DRAFT:
            return None
        # All of them (in Meta.ordering): lists prefetch them, a plan has a handful.
        transitions = list(self.transitions.all())
        last = transitions[-1] if transitions else None
        if last and last.from_status == PlanStatus.SUBMITTED and last.to_status == PlanStatus.DRAFT:
            return last
        return None


class OslPlanTransition(models.Model):
    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=PlanStatus.choices)
    to_status = models.CharField(max_length=10, choices=PlanStatus.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("uwagi"), blank=True)
    # The plan as printed when it was handed to the director or adopted: the PDF the
    # director reads and the archive keeps (osl.workflows.freeze_document).
    document = document_field(_("plan jako dokument (PDF)"))

    class Meta:
        verbose_name = _("zmiana statusu planu OSL")
        verbose_name_plural = _("zmiany statusu planów OSL")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class PlanGoal(models.Model):
    """A goal of the plan (cel): schedule items name the one they serve (cel szczegółowy)."""

    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("Lp."), default=1)
    title = models.CharField(_("cel"), max_length=300)
    description = models.TextField(_("opis"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cel planu OSL")
        verbose_name_plural = _("cele planu OSL")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return f"{self.order}. {self.title}"


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


class CommunityQuerySet(models.QuerySet):
    def one_per_name(self, keep=None):
        """Each community once, though every plan version holds its own copy ("Wzgórze" ×4):
        the newest adopted version's (a draft's only when there is no other). ``keep``: a pk
        that stays offered (the one a record already points at)."""
        newest = (
            self.annotate(
                draft=models.Case(
                    models.When(plan__status=PlanStatus.DRAFT, then=1),
                    default=0,
                    output_field=models.IntegerField(),
                )
            )
            .order_by("name", "draft", "-plan__period_start", "-plan__version_number", "-pk")
            .distinct("name")
            .values("pk")
        )
        wanted = models.Q(pk__in=models.Subquery(newest))
        if keep:
            wanted |= models.Q(pk=keep)
        return Community.objects.filter(wanted).order_by("name", "pk")


class Community(VersionedModel):
    """A community the plan works with: territorial, categorical, or the whole municipality."""

    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="communities")
    order = models.PositiveSmallIntegerField(
        _("kolejność"),
        default=0,
        help_text=_("Społeczności idą w planie w kolejności tych numerów."),
    )
    name = models.CharField(_("nazwa"), max_length=150)
    kind = models.CharField(_("rodzaj"), max_length=12, choices=CommunityKind.choices)
    boundaries = models.TextField(_("granice (ulice, miejscowości)"), blank=True)
    description = models.TextField(_("opis"), blank=True)
    potential = models.TextField(_("potencjał"), blank=True)
    tools_so_far = models.TextField(_("dotychczasowe narzędzia i działania"), blank=True)
    leaders_note = models.TextField(_("liderzy (opis)"), blank=True)
    baseline = models.TextField(_("stan wyjściowy (do ewaluacji)"), blank=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("społeczność")
        verbose_name_plural = _("społeczności")
        ordering = ["plan", "order", "pk"]

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

    def clean(self):
        plan = getattr(self, "plan", None) if self.plan_id else None
        outside = quarters_outside(plan, self.quarters) if plan else []
        if outside:
            raise ValidationError({"quarters": outside_message(plan, outside)})


def quarters_outside(plan, slugs):
    """The quarter slugs of ``slugs`` that do not overlap the plan's period."""
    own = {q.slug for q in plan.quarters}
    return [slug for slug in slugs if slug not in own]


def outside_message(plan, values):
    return _("Poza okresem planu (%(start)s–%(end)s): %(values)s.") % {
        "start": f"{plan.period_start:%d.%m.%Y}",
        "end": f"{plan.period_end:%d.%m.%Y}",
        "values": ", ".join(str(v) for v in values[:4]),
    }


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
        return self.select_related("community", "specific_goal").prefetch_related(
            "indicators", "partners"
        )


# The order a plan writes a row's timing in: "01.09.2026–30.06.2027, raz w miesiącu".
TIMING_ORDER = (
    TimingKind.RANGE,
    TimingKind.DATE,
    TimingKind.QUARTERS,
    TimingKind.MONTHS,
    TimingKind.FREQUENCY,
)
PARTICIPANTS_NUMBERS = re.compile(r"\d+")


def parse_participants(text):
    """ "10–15" → (10, 15); "ok. 40 na spotkanie" → (40, 40); "stały udział" → (None, None)."""
    numbers = [int(n) for n in PARTICIPANTS_NUMBERS.findall(text or "")][:2]
    if not numbers:
        return None, None
    return min(numbers), max(numbers)


class ScheduleItem(VersionedModel):
    """A row of a schedule (harmonogram) as the plan prints it: Lp., goal, action and how it is
    carried out, for whom and how many, when (one or more timing forms), how it is measured,
    who carries it out, and the action taken if it cannot happen.

    An item without a community is the gmina-wide schedule ("cała gmina").
    """

    plan = models.ForeignKey(OslPlan, on_delete=models.CASCADE, related_name="schedule_items")
    number = models.PositiveSmallIntegerField(
        _("Lp."), blank=True, help_text=_("kolejność w harmonogramie społeczności")
    )
    community = models.ForeignKey(
        Community,
        verbose_name=_("społeczność"),
        # A community with items is not deleted (the page says so); the plan takes both along.
        on_delete=models.RESTRICT,
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
    specific_goal = models.ForeignKey(
        PlanGoal,
        verbose_name=_("cel szczegółowy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    area = models.CharField(_("obszar działań"), max_length=12, choices=Area.choices, blank=True)
    task = models.CharField(_("działanie"), max_length=300)
    method = models.TextField(_("opis realizacji"), blank=True)
    target_group = models.CharField(_("grupa docelowa"), max_length=200, blank=True)
    participants = models.CharField(
        _("zakładana liczba uczestników"),
        max_length=100,
        blank=True,
        help_text=_("jak w planie: „10–15”, „ok. 40 na spotkanie”, „stały, niewielki udział”"),
    )
    participants_min = models.PositiveIntegerField(null=True, blank=True, editable=False)
    participants_max = models.PositiveIntegerField(null=True, blank=True, editable=False)
    participants_basis = models.CharField(
        _("liczba uczestników liczona"),
        max_length=10,
        choices=ParticipantsBasis.choices,
        blank=True,
    )
    timing_kinds = models.JSONField(_("formy terminu"), default=list, blank=True)
    frequency = models.CharField(
        _("częstotliwość"), max_length=12, choices=Frequency.choices, blank=True
    )
    quarters = models.JSONField(_("kwartały (np. 2024-Q1)"), default=list, blank=True)
    months = models.JSONField(_("miesiące (np. 2023-11)"), default=list, blank=True)
    starts_on = models.DateField(_("od"), null=True, blank=True)
    ends_on = models.DateField(_("do"), null=True, blank=True)
    timing_note = models.CharField(_("termin — uwagi"), max_length=200, blank=True)
    implementers = models.CharField(_("realizatorzy"), max_length=300, default="OSL")
    partners = models.ManyToManyField(Partner, verbose_name=_("partnerzy"), blank=True)
    alternative = models.TextField(_("działanie alternatywne"), blank=True)

    objects = ScheduleItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("pozycja harmonogramu")
        verbose_name_plural = _("pozycje harmonogramu")
        ordering = ["plan", "community", "number", "pk"]
        indexes = [models.Index(fields=["plan", "community"], name="osl_item_plan_comm_idx")]
        constraints = [
            # One Lp. per schedule: a plan's community, or the plan's gmina-wide schedule.
            models.UniqueConstraint(
                fields=["plan", "community", "number"],
                name="osl_item_number_once",
                violation_error_message=_("Ta Lp. jest już zajęta w tym harmonogramie."),
            ),
            models.UniqueConstraint(
                fields=["plan", "number"],
                condition=models.Q(community__isnull=True),
                name="osl_item_gmina_number_once",
                violation_error_message=_("Ta Lp. jest już zajęta w harmonogramie całej gminy."),
            ),
        ]

    def __str__(self):
        return self.task

    def get_absolute_url(self):
        return reverse("osl:item-detail", args=[self.pk])

    @staticmethod
    def next_number(plan, community):
        last = ScheduleItem.objects.filter(plan=plan, community=community).aggregate(
            last=models.Max("number")
        )["last"]
        return (last or 0) + 1

    def save(self, *args, **kwargs):
        self.participants_min, self.participants_max = parse_participants(self.participants)
        self.timing_kinds = [k for k in TIMING_ORDER if k in (self.timing_kinds or [])]
        if not self.number and self.plan_id:
            self.number = self.next_number(self.plan, self.community)
        super().save(*args, **kwargs)

    @property
    def timing_kind_set(self):
        return [kind for kind in TIMING_ORDER if kind in (self.timing_kinds or [])]

    @property
    def timing(self):
        """The timing as the plan writes it: "01.09.2026–30.06.2027, raz w miesiącu"."""
        parts = [self._timing_part(kind) for kind in self.timing_kind_set]
        parts = [part for part in parts if part]
        if self.timing_note:
            # The plan's own wording of a form says it better than the form's label ("Raz na
            # pół roku lub w razie potrzeb", not "raz na pół roku, Raz na pół roku lub …").
            note = self.timing_note.casefold()
            parts = [part for part in parts if not note.startswith(part.casefold())]
            parts.append(self.timing_note)
        return ", ".join(parts) or "—"

    def _timing_part(self, kind):
        if kind == TimingKind.FREQUENCY:
            return str(Frequency(self.frequency).label) if self.frequency else ""
        if kind == TimingKind.QUARTERS:
            return ", ".join(
                Quarter.parse(q).short_label for q in self.quarters if Quarter.parse(q)
            )
        if kind == TimingKind.MONTHS:
            return ", ".join(_month_label(m) for m in self.months)
        if kind == TimingKind.RANGE and self.starts_on and self.ends_on:
            return f"{self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"
        if kind == TimingKind.DATE and self.starts_on:
            return f"{self.starts_on:%d.%m.%Y}"
        return ""

    @property
    def participants_label(self):
        if not self.participants:
            return ""
        if self.participants_basis:
            return f"{self.participants} ({self.get_participants_basis_display()})"
        return self.participants

    def expected_in(self, quarter):
        return self.expected_between(quarter.start, quarter.end)

    def expected_between(self, start, end):
        """Occurrences due in [start, end] (a whole number), or None for "wg potrzeb",
        continuous work and a row without a timing.

        Each occurrence has a due day: a frequency cuts the plan period, from its first day,
        into cycles (7 days; 1, 3, 6 or 12 months; the last cut at the period's end) and one
        occurrence is due on each cycle's last day; a listed month or quarter on its last
        day, a range on its end, a date on itself. A window counts the occurrences due in
        it, so windows add up (a quarter's numbers sum to the year's) and nothing is ever a
        fraction: a half-yearly item in a calendar-year plan expects 1 in Q2 and 1 in Q4,
        0 in Q1 and Q3.

        With several timing forms in one row, a frequency says how often within the window
        the others draw (a range, the listed quarters and months: cycles ending inside it);
        without a frequency, each listed month (else each listed quarter, else the range)
        and the date is one occurrence, inside the others' window.
        """
        plan = self.plan
        start, end = max(start, plan.period_start), min(end, plan.period_end)
        if start > end:
            return 0
        kinds = set(self.timing_kind_set)
        if not kinds:
            return None
        if TimingKind.FREQUENCY in kinds:
            if self.frequency not in CADENCE:
                return None
            ends = plan.cycle_ends(self.frequency)
            first, last = bisect_left(ends, start), bisect_right(ends, end)
            if kinds == {TimingKind.FREQUENCY}:
                return last - first
            return sum(1 for due in ends[first:last] if self.within_timing(due, kinds))
        return sum(1 for due in self._due_days(kinds) if start <= due <= end)

    def within_timing(self, day, kinds):
        """Whether ``day`` lies in the window of the range, quarters and months of the row."""
        if TimingKind.RANGE in kinds and not (
            self.starts_on and self.ends_on and self.starts_on <= day <= self.ends_on
        ):
            return False
        if TimingKind.QUARTERS in kinds and Quarter.of(day).slug not in self.quarters:
            return False
        return not (TimingKind.MONTHS in kinds and f"{day:%Y-%m}" not in self.months)

    def _due_days(self, kinds):
        days = []
        if TimingKind.MONTHS in kinds:
            for slug in self.months:
                month = _parse_month(slug)
                if month:
                    days.append(add_months(month, 1) - timedelta(days=1))
        elif TimingKind.QUARTERS in kinds:
            days += [q.end for q in map(Quarter.parse, self.quarters) if q]
        elif TimingKind.RANGE in kinds and self.starts_on and self.ends_on:
            days.append(self.ends_on)
        if TimingKind.DATE in kinds and self.starts_on:
            days.append(self.starts_on)
        return [day for day in days if self.within_timing(day, kinds - {TimingKind.DATE})]

    def clean(self):
        errors = {}
        kinds = self.timing_kinds or []
        unknown = [k for k in kinds if k not in TimingKind.values]
        if unknown:
            errors["timing_kinds"] = _("Nieznana forma terminu.")
        if TimingKind.RANGE in kinds and TimingKind.DATE in kinds:
            errors["timing_kinds"] = _("Wybierz okres albo jeden dzień, nie oba.")
        if TimingKind.FREQUENCY in kinds and not self.frequency:
            errors["frequency"] = _("Wybierz częstotliwość.")
        if TimingKind.QUARTERS in kinds:
            bad = [q for q in self.quarters if Quarter.parse(q) is None]
            if not self.quarters or bad:
                errors["quarters"] = _("Podaj kwartały w postaci 2024-Q1.")
        if TimingKind.MONTHS in kinds:
            bad = [m for m in self.months if _parse_month(m) is None]
            if not self.months or bad:
                errors["months"] = _("Podaj miesiące w postaci 2023-11.")
        if TimingKind.RANGE in kinds:
            if not (self.starts_on and self.ends_on):
                errors["ends_on"] = _("Podaj początek i koniec okresu.")
            elif self.ends_on < self.starts_on:
                errors["ends_on"] = _("Koniec nie może być przed początkiem.")
        if TimingKind.DATE in kinds and not self.starts_on:
            errors["starts_on"] = _("Podaj datę.")
        if self.plan_id and self.number:
            taken = ScheduleItem.objects.filter(
                plan_id=self.plan_id, community_id=self.community_id, number=self.number
            ).exclude(pk=self.pk)
            if taken.exists():
                errors["number"] = _("Ta Lp. jest już zajęta w tym harmonogramie.")
        if self.plan_id:
            self._clean_period(errors)
            if self.community_id and self.community.plan_id != self.plan_id:
                errors["community"] = _("Społeczność spoza tego planu.")
            if self.specific_goal_id and self.specific_goal.plan_id != self.plan_id:
                errors["specific_goal"] = _("Cel spoza tego planu.")
        if errors:
            raise ValidationError(errors)

    def _clean_period(self, errors):
        """Quarters, months and days outside the plan's period are refused, not dropped."""
        plan = self.plan
        quarters = quarters_outside(plan, self.quarters) if "quarters" not in errors else []
        if quarters:
            errors["quarters"] = outside_message(plan, quarters)
        if "months" not in errors:
            months = [
                m
                for m in self.months
                if not (
                    date(plan.period_start.year, plan.period_start.month, 1)
                    <= _parse_month(m)
                    <= plan.period_end
                )
            ]
            if months:
                errors["months"] = outside_message(plan, months)
        for name in ("starts_on", "ends_on"):
            day = getattr(self, name)
            if day and name not in errors and not plan.contains_day(day):
                errors[name] = outside_message(plan, [f"{day:%d.%m.%Y}"])


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
    """An indicator of a schedule item: quantitative (a minimum target and its unit) or qualitative
    (a description of the change), with the evidence that proves it (źródło weryfikacji)."""

    item = models.ForeignKey(ScheduleItem, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("kolejność"), default=1)
    kind = models.CharField(
        _("rodzaj"),
        max_length=12,
        choices=IndicatorKind.choices,
        default=IndicatorKind.QUANTITATIVE,
    )
    name = models.CharField(_("wskaźnik"), max_length=200)
    target = models.DecimalField(
        _("wartość minimalna"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("jednostka"), max_length=60, blank=True)
    description = models.TextField(_("opis (wskaźnik jakościowy)"), blank=True)
    evidence = models.CharField(_("źródło weryfikacji"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("wskaźnik")
        verbose_name_plural = _("wskaźniki")
        ordering = ["item", "order", "pk"]

    def __str__(self):
        return f"{self.name}: {self.measure}"

    @property
    def is_quantitative(self):
        return self.kind == IndicatorKind.QUANTITATIVE

    @property
    def measure(self):
        """ "min. 10 spotkań" or the qualitative description."""
        if self.is_quantitative:
            return (
                f"min. {number(self.target)} {self.unit}".strip() if self.target is not None else ""
            )
        return self.description

    def clean(self):
        errors = {}
        if self.is_quantitative:
            if self.target is None:
                errors["target"] = _("Wskaźnik ilościowy: podaj wartość minimalną.")
            if not self.unit:
                errors["unit"] = _("Wskaźnik ilościowy: podaj jednostkę (np. spotkań, osób).")
        else:
            if not self.description:
                errors["description"] = _("Wskaźnik jakościowy: opisz oczekiwaną zmianę.")
            if self.target is not None:
                errors["target"] = _("Wskaźnik jakościowy nie ma wartości liczbowej.")
        if errors:
            raise ValidationError(errors)


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
        return self._all_or_own(user, "osl.view_activity")

    def editable_by(self, user):
        """The OSL organizer corrects any activity; its author (an animator) their own."""
        return self._all_or_own(user, "osl.change_activity")

    def _all_or_own(self, user, permission):
        """Every activity for holders of ``permission``, the ones they logged for those who
        log activities, none for anyone else."""
        if user.has_perm(permission):
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
