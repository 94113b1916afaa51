"""The catalogue of social services: programmes, providers, services and their capacity."""

import functools
import hashlib
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.validators import MinValueValidator
from django.db import connection, models
from django.db.models import Case, DecimalField, ExpressionWrapper, F, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cus import dates
from cus.history import HistoricalRecords
from cus.lookups import SEARCH_CONFIG
from cus.models import (
    AuditedModel,
    VersionedModel,
    document_field,
    phone_validator,
    postal_code_validator,
)
from cus.status import StatusMachine, TransitionRecord
from services import capacity
from services.choices import (
    CapacityPeriod,
    ContractingMode,
    ProgrammeStatus,
    ProviderKind,
    ServiceKind,
    Unit,
)
from services.validators import normalise_nip, validate_krs, validate_nip

# Text search over name and description; a GIN index on exactly this expression
# (SEARCH_INDEX in migration 0002_areas_roles_search) serves it.
# Words without diacritics (cus.lookups.SEARCH_CONFIG); the GIN index of services 0007.
SEARCH_VECTOR = SearchVector("name", "description", config=SEARCH_CONFIG)


class StatutoryAreaQuerySet(models.QuerySet):
    def ensure_all(self):
        """Create any of the 14 statutory areas that is missing; returns them by code."""
        from services.choices import STATUTORY_AREAS

        for order, (code, name) in enumerate(STATUTORY_AREAS, start=1):
            self.get_or_create(code=code, defaults={"name": name, "order": order})
        return {area.code: area for area in self.all()}


class StatutoryArea(models.Model):
    """One of the 14 areas of social services listed in art. 2 of the Act (fixed rows)."""

    code = models.SlugField(_("kod"), unique=True)
    name = models.CharField(_("nazwa"), max_length=100)
    order = models.PositiveSmallIntegerField(_("kolejność"))

    objects = StatutoryAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("obszar usług (art. 2 ustawy)")
        verbose_name_plural = _("obszary usług (art. 2 ustawy)")
        ordering = ["order"]

    def __str__(self):
        return self.name


class Challenge(models.Model):
    """A challenge of the community that services answer (e.g. starość, izolacja społeczna)."""

    name = models.CharField(_("nazwa"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("wyzwanie wspólnoty")
        verbose_name_plural = _("wyzwania wspólnoty")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    """A group of residents a service is meant for (e.g. seniorzy)."""

    name = models.CharField(_("nazwa"), max_length=150, unique=True)

    class Meta:
        verbose_name = _("grupa docelowa")
        verbose_name_plural = _("grupy docelowe")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Programme(StatusMachine, VersionedModel, AuditedModel):
    """A programme of social services adopted by the municipal council (art. 4–5 of the Act).

    Its status moves by the OUS's buttons on its page (in force once adopted, ended),
    never through the edit form.
    """

    TRANSITIONS = {
        ProgrammeStatus.DRAFT: {ProgrammeStatus.IN_FORCE},
        ProgrammeStatus.IN_FORCE: {ProgrammeStatus.ENDED},
    }

    name = models.CharField(_("nazwa"), max_length=255)
    resolution_number = models.CharField(_("numer uchwały rady"), max_length=60, blank=True)
    resolution_date = models.DateField(_("data uchwały"), null=True, blank=True)
    period_start = models.DateField(_("okres realizacji od"))
    period_end = models.DateField(_("okres realizacji do"))
    main_goal = models.TextField(_("cel główny"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    fee_rules = models.TextField(_("zasady odpłatności"), blank=True)
    discounts = models.TextField(_("ulgi i zwolnienia"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program usług społecznych")
        verbose_name_plural = _("programy usług społecznych")
        ordering = ["-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="programme_period_ordered",
                violation_error_message=_("Koniec okresu nie może być przed jego początkiem."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:programme-detail", args=[self.pk])

    @property
    def status_colour(self):
        return ProgrammeStatus(self.status).colour

    def record_transition(self, from_status, to_status, by, note):
        ProgrammeTransition.objects.create(
            programme=self, from_status=from_status, to_status=to_status, by=by, note=note
        )


class ProgrammeTransition(TransitionRecord):
    """One status change of a programme: who, when, from, to."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=ProgrammeStatus.choices)
    to_status = models.CharField(max_length=10, choices=ProgrammeStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("zmiana statusu programu")
        verbose_name_plural = _("zmiany statusu programów")


class ProgrammeGoal(models.Model):
    """A specific (operational) goal of a programme with its expected results."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="goals"
    )
    number = models.PositiveSmallIntegerField(_("numer"))
    title = models.CharField(_("cel szczegółowy"), max_length=255)
    results = models.TextField(_("rezultaty (po jednym w wierszu)"), blank=True)

    class Meta:
        verbose_name = _("cel szczegółowy")
        verbose_name_plural = _("cele szczegółowe")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programme_goal_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def result_lines(self):
        return [line.strip(" -•") for line in self.results.splitlines() if line.strip(" -•")]


class ProviderQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Provider(VersionedModel, AuditedModel):
    """Who delivers services: a gmina unit, a social-economy entity, an NGO, a company, a CUS team."""

    name = models.CharField(_("nazwa"), max_length=255)
    kind = models.CharField(_("rodzaj"), max_length=10, choices=ProviderKind.choices)
    nip = models.CharField(
        _("NIP"), max_length=13, blank=True, validators=[validate_nip], help_text=_("opcjonalnie")
    )
    krs = models.CharField(
        _("KRS"), max_length=10, blank=True, validators=[validate_krs], help_text=_("opcjonalnie")
    )
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, blank=True, validators=[postal_code_validator]
    )
    town = models.CharField(_("miejscowość"), max_length=100, blank=True)
    contact_person = models.CharField(_("osoba kontaktowa"), max_length=150, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    contracting_mode = models.CharField(
        _("sposób zlecenia"),
        max_length=12,
        choices=ContractingMode.choices,
        default=ContractingMode.NOT_APPLICABLE,
    )
    active = models.BooleanField(_("aktywny"), default=True)

    objects = ProviderQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realizator")
        verbose_name_plural = _("realizatorzy")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:provider-detail", args=[self.pk])

    def clean(self):
        if self.nip:
            self.nip = normalise_nip(self.nip)

    @property
    def address_line(self):
        place = " ".join(part for part in (self.postal_code, self.town) if part)
        return ", ".join(part for part in (self.street, place) if part)


class ServiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def public(self):
        """What residents may see: active services only."""
        return self.active()

    def for_list(self):
        """With the programme; lists and exports read the names of a page of services with
        ``attach_table_names`` (one query), a single service with one query per relation."""
        return self.select_related("programme")

    def for_table(self):
        """The staff table's columns; the names come from ``attach_table_names``."""
        return self.only("name", "active", "unit", "is_free", "price_per_unit")

    def search(self, text):
        """Services whose name or description contain every word of ``text``: a word matches
        the words it begins, in any case, with or without Polish letters ("taksowka" finds
        "Taksówka", "przejazd" finds "przejazdy")."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
        if not words:
            return self
        query = SearchQuery(
            " & ".join(f"{word}:*" for word in words), search_type="raw", config=SEARCH_CONFIG
        )
        return self.annotate(search=SEARCH_VECTOR).filter(search=query)

    def with_limit(self, start, end):
        """Annotate ``limit_units``: the service's unit limit scaled to [start, end]."""
        months = Decimal(dates.months_between(start, end))
        scale = Case(
            *[
                When(capacity_period=period, then=Value(months / period.months))
                for period in CapacityPeriod
            ],
            default=Value(Decimal(0)),
            output_field=DecimalField(max_digits=12, decimal_places=4),
        )
        return self.annotate(
            limit_units=ExpressionWrapper(
                F("capacity_units") * scale,
                output_field=DecimalField(max_digits=14, decimal_places=2),
            )
        )

    def capacity_table(self, start, end):
        """The services with their capacity over [start, end] for the whole catalogue:
        ``limit_units``, ``units_granted``, ``units_used``, ``units_remaining`` (limit −
        max(granted, used) per limit period, summed) and ``persons_using``, from the registered
        source (services.capacity), cached until a source table changes (cus.reports). A
        service the source does not know keeps its limit scaled to the period and nothing
        granted or used."""
        from cus import reports

        services = list(self.with_limit(start, end))
        limits = tuple((s.pk, s.capacity_units, s.capacity_period) for s in services)
        # The source counts these services' limits; the key names them by a digest.
        digest = hashlib.sha256(repr(limits).encode()).hexdigest()[:16]
        numbers = reports.cached(
            "capacity",
            lambda start, end, _digest: capacity.totals(start, end, limits),
            start,
            end,
            digest,
        )
        for service in services:
            row = numbers.get(service.pk)
            if row is None:
                row = {"limit": service.limit_units, "remaining": service.limit_units}
            service.limit_units = row["limit"]
            service.units_granted = row.get("granted", 0)
            service.units_used = row.get("used", Decimal(0))
            service.persons_using = row.get("persons", 0)
            service.units_remaining = row["remaining"]
        return services


class Service(VersionedModel, AuditedModel):
    """A social service in the centre's catalogue ("bank usług")."""

    name = models.CharField(_("nazwa"), max_length=255)
    description = models.TextField(_("opis i zakres"), blank=True)
    areas = models.ManyToManyField(
        StatutoryArea, verbose_name=_("obszary (art. 2 ustawy)"), related_name="services"
    )
    challenges = models.ManyToManyField(
        Challenge, verbose_name=_("wyzwania wspólnoty"), related_name="services", blank=True
    )
    goal = models.TextField(_("cel usługi"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("grupy docelowe"), related_name="services", blank=True
    )
    place = models.CharField(_("miejsce świadczenia"), max_length=255, blank=True)
    unit = models.CharField(_("jednostka miary"), max_length=10, choices=Unit.choices)
    available_days = models.JSONField(_("dni dostępności"), default=list, blank=True)
    available_from = models.TimeField(_("godziny od"), null=True, blank=True)
    available_to = models.TimeField(_("godziny do"), null=True, blank=True)
    availability_note = models.CharField(_("uwagi o dostępności"), max_length=255, blank=True)
    is_free = models.BooleanField(_("bezpłatna"), default=True)
    price_per_unit = models.DecimalField(
        _("cena za jednostkę (zł)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    discount_rules = models.TextField(_("ulgi w odpłatności"), blank=True)
    kind = models.CharField(
        _("rodzaj usługi"), max_length=10, choices=ServiceKind.choices, default=ServiceKind.NEW
    )
    providers = models.ManyToManyField(
        Provider, verbose_name=_("realizatorzy"), related_name="services", blank=True
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    capacity_units = models.PositiveIntegerField(
        _("limit jednostek"), null=True, blank=True, help_text=_("puste = bez limitu")
    )
    capacity_period = models.CharField(
        _("okres limitu"), max_length=8, choices=CapacityPeriod.choices, blank=True
    )
    capacity_persons = models.PositiveIntegerField(
        _("najwięcej osób jednocześnie"), null=True, blank=True
    )
    regulations = document_field(_("regulamin usługi (PDF)"), editable=True)
    active = models.BooleanField(_("aktywna"), default=True)

    objects = ServiceQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        verbose_name = _("usługa społeczna")
        verbose_name_plural = _("usługi społeczne")
        ordering = ["name"]
        indexes = [
            # Lists filter by active and sort by name.
            models.Index(fields=["active", "name"], name="service_active_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_free=True) | models.Q(price_per_unit__isnull=False),
                name="paid_service_has_price",
                violation_error_message=_("Usługa odpłatna musi mieć cenę za jednostkę."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity_units__isnull=True) | ~models.Q(capacity_period=""),
                name="capacity_has_period",
                violation_error_message=_("Podaj, na jaki okres liczy się limit jednostek."),
            ),
        ]

    def __str__(self):
        return self.name

    def _names(self, attached, relation):
        """The names joined: as ``attach_table_names`` set them, or else read now."""
        names = getattr(self, attached, None)
        if names is None:
            names = [related.name for related in getattr(self, relation).all()]
        return ", ".join(names)

    @property
    def area_names(self):
        return self._names("area_list", "areas")

    @property
    def target_group_names(self):
        return self._names("target_group_list", "target_groups")

    @property
    def provider_names(self):
        return self._names("provider_list", "providers")

    def get_unit_display(self):
        """The unit's label straight from the enum (Django's generic display flattens every
        choice on each call: 0.3 ms a row on a 150-row capacity table)."""
        try:
            return Unit(self.unit).label
        except ValueError:
            return self.unit

    @property
    def unit_forms(self):
        """The unit's Polish forms after a number: ``{{ n|counted:service.unit_forms }}``."""
        return Unit(self.unit).forms

    def get_absolute_url(self):
        return reverse("services:service-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if not self.is_free and self.price_per_unit is None:
            errors["price_per_unit"] = _("Usługa odpłatna musi mieć cenę za jednostkę.")
        # A free service with a price or discounts would be shown to residents as
        # "bezpłatna" beside "50% dla posiadaczy Karty Seniora": refused, not cleared.
        if self.is_free and self.price_per_unit is not None:
            errors["price_per_unit"] = _(
                "Usługa bezpłatna nie ma ceny: usuń cenę albo odznacz „bezpłatna”."
            )
        if self.is_free and self.discount_rules.strip():
            errors["discount_rules"] = _(
                "Usługa bezpłatna nie ma ulg w odpłatności: usuń ulgi albo odznacz „bezpłatna”."
            )
        if self.capacity_units is not None and not self.capacity_period:
            errors["capacity_period"] = _("Podaj, na jaki okres liczy się limit jednostek.")
        if self.available_from and self.available_to and self.available_to <= self.available_from:
            errors["available_to"] = _("Godzina końca musi być późniejsza niż godzina początku.")
        if errors:
            from django.core.exceptions import ValidationError

            raise ValidationError(errors)

    @property
    def availability_display(self):
        from services.choices import Weekday

        days = ", ".join(str(Weekday(day).label) for day in sorted(self.available_days or []))
        hours = ""
        if self.available_from and self.available_to:
            hours = f"{self.available_from:%H:%M}–{self.available_to:%H:%M}"
        return " ".join(part for part in (days, hours) if part)


class ProgrammeEntry(models.Model):
    """A service offered by a programme to one target group (a row of the programme's table)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="entries"
    )
    target_group = models.ForeignKey(
        TargetGroup, verbose_name=_("grupa docelowa"), on_delete=models.PROTECT
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("usługa"),
        on_delete=models.CASCADE,
        related_name="programme_entries",
    )
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("pozycja programu")
        verbose_name_plural = _("pozycje programu")
        ordering = ["programme", "target_group__name", "order", "service__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "target_group", "service"], name="programme_entry_unique"
            )
        ]

    def __str__(self):
        return f"{self.target_group}: {self.service}"


def catalogue_summary(user):
    """The OUS's start-page numbers: active services, providers, programmes in force."""
    summary = Service.objects.aggregate(
        active_services=models.Count("pk", filter=models.Q(active=True)),
        paid_services=models.Count("pk", filter=models.Q(active=True, is_free=False)),
        unlimited_services=models.Count(
            "pk", filter=models.Q(active=True, capacity_units__isnull=True)
        ),
    )
    summary["providers"] = Provider.objects.active().count()
    summary["programmes"] = Programme.objects.filter(status=ProgrammeStatus.IN_FORCE).count()
    return {"catalogue_summary": summary}


# (attribute on Service, M2M relation, the related model's sort column): the same order as
# each model's Meta.ordering, so the names read as the relation itself gives them.
TABLE_NAMES = (
    ("area_list", "areas", "order"),
    ("target_group_list", "target_groups", "name"),
    ("provider_list", "providers", "name"),
)


def attach_table_names(services):
    """Set the names of ``services``' areas, target groups and providers (strings in
    ``area_list``, ``target_group_list``, ``provider_list``) with one query.

    Used by the staff and public catalogue lists and the exports: three prefetches built
    ~150 model instances for a page of 25 services (issue 8); the ORM's UNION of the three
    through tables cost ~3 ms of Python a page to build and compile, so its SQL is written
    once per process from the models' metadata (``_table_names_sql``) (issue 21).
    """
    services = list(services)
    by_pk = {service.pk: service for service in services}
    for service in services:
        for attribute, _relation, _sort in TABLE_NAMES:
            setattr(service, attribute, [])
    if not by_pk:
        return services
    with connection.cursor() as cursor:
        cursor.execute(_table_names_sql(), [list(by_pk)] * len(TABLE_NAMES))
        for kind, service_id, _sort, label in cursor.fetchall():
            getattr(by_pk[service_id], TABLE_NAMES[kind][0]).append(label)
    return services


@functools.cache
def _table_names_sql():
    """(kind, service id, sort, name) of the three relations for the ids in each ``%s``,
    ordered as ``TABLE_NAMES`` says; tables and columns from the models' metadata."""
    quote = connection.ops.quote_name
    parts = []
    for kind, (_attribute, relation, sort) in enumerate(TABLE_NAMES):
        field = Service._meta.get_field(relation)
        named = field.related_model._meta
        sort_column = f"n.{quote(named.get_field(sort).column)}" if sort != "name" else "0"
        parts.append(
            f"SELECT {kind}, t.{quote(field.m2m_column_name())}, {sort_column}, "
            f"n.{quote(named.get_field('name').column)} "
            f"FROM {quote(field.m2m_db_table())} t "
            f"JOIN {quote(named.db_table)} n ON n.{quote(named.pk.column)} = "
            f"t.{quote(field.m2m_reverse_name())} "
            f"WHERE t.{quote(field.m2m_column_name())} = ANY(%s)"
        )
    return " UNION ALL ".join(parts) + " ORDER BY 1, 2, 3, 4"
