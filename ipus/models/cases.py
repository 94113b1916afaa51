"""Residents' cases: persons and their requests (assessments and plans follow)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cus import law, pesel, roles
from cus.expressions import Inline
from cus.history import HistoricalRecords
from cus.models import (
    AuditedModel,
    Authorisation,
    VersionedModel,
    document_field,
    phone_validator,
    postal_code_validator,
)
from cus.status import StatusMachine, TransitionRecord
from ipus.choices import (
    AssessmentPlace,
    AssessmentStatus,
    DecisionDeliveryChannel,
    DecisionStatus,
    Disability,
    EmploymentSituation,
    FiledBy,
    HandOffTarget,
    IdDocumentType,
    LifeDomain,
    MaritalStatus,
    Readiness,
    RequestChannel,
    RequestStatus,
    ServiceRowKind,
    Sex,
    YesNoUnknown,
)

# An address for electronic delivery (adres do doręczeń elektronicznych, e-Doręczenia).
ade_validator = RegexValidator(
    r"^AE:PL-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}$",
    _("Adres do doręczeń elektronicznych ma postać AE:PL-XXXXX-XXXXX-XXXXX-XX."),
)


class PersonQuerySet(models.QuerySet):
    def search(self, text="", birth_date=None):
        """By PESEL (11 digits, exact), by name words (surname or first name starts with, in any
        case, with or without Polish letters), by birth date."""
        queryset = self
        text = (text or "").strip()
        if text.isdigit() and len(text) == 11:
            return queryset.filter(pesel=text)
        for word in text.replace(",", " ").split():
            queryset = queryset.filter(
                models.Q(last_name__iprefix=word) | models.Q(first_name__iprefix=word)
            )
        if birth_date:
            queryset = queryset.filter(birth_date=birth_date)
        return queryset

    def likely_duplicates(self, person):
        """Other persons who may be the same resident: same surname and birth date, or same
        first name, surname and town."""
        same = models.Q(last_name__iexact=person.last_name) & (
            models.Q(birth_date=person.birth_date)
            if person.birth_date
            else models.Q(first_name__iexact=person.first_name, town__iexact=person.town)
        )
        if person.birth_date:
            same |= models.Q(
                last_name__iexact=person.last_name,
                first_name__iexact=person.first_name,
                town__iexact=person.town,
            )
        return self.filter(same).exclude(pk=person.pk)


class Person(VersionedModel, AuditedModel):
    """A resident the centre works with (osoba zainteresowana, uczestnik)."""

    first_name = models.CharField(_("imię"), max_length=100)
    last_name = models.CharField(_("nazwisko"), max_length=150)
    pesel = models.CharField(
        _("PESEL"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[pesel.validate_pesel],
        error_messages={"unique": _("Osoba z tym numerem PESEL już istnieje w rejestrze.")},
    )
    id_document_type = models.CharField(
        _("rodzaj dokumentu tożsamości"), max_length=12, choices=IdDocumentType.choices, blank=True
    )
    id_document_number = models.CharField(_("numer dokumentu"), max_length=30, blank=True)
    birth_date = models.DateField(_("data urodzenia"), null=True, blank=True)
    sex = models.CharField(_("płeć"), max_length=1, choices=Sex.choices, blank=True)
    street = models.CharField(_("ulica"), max_length=150, blank=True)
    building = models.CharField(_("nr domu"), max_length=10, blank=True)
    flat = models.CharField(_("nr lokalu"), max_length=10, blank=True)
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, blank=True, validators=[postal_code_validator]
    )
    town = models.CharField(_("miejscowość"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    occupation = models.CharField(_("zawód"), max_length=100, blank=True)
    employment = models.CharField(
        _("sytuacja zawodowa"), max_length=12, choices=EmploymentSituation.choices, blank=True
    )
    marital_status = models.CharField(
        _("stan cywilny"), max_length=12, choices=MaritalStatus.choices, blank=True
    )
    household_size = models.PositiveSmallIntegerField(
        _("liczba osób w gospodarstwie domowym"), null=True, blank=True
    )
    disability = models.CharField(
        _("niepełnosprawność"), max_length=10, choices=Disability.choices, default=Disability.NONE
    )
    disability_note = models.TextField(_("niepełnosprawność — uwagi"), blank=True)
    health = models.TextField(_("stan zdrowia"), blank=True)
    # Set by retention (ipus/retention.py); restore lists who a backup would bring back.
    anonymised_at = models.DateTimeField(_("zanonimizowano"), null=True, blank=True, editable=False)
    previous_social_assistance = models.CharField(
        _("korzystał(a) wcześniej z pomocy społecznej"),
        max_length=8,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    gdpr_clause_given_on = models.DateField(
        _("data przekazania klauzuli informacyjnej RODO"), null=True, blank=True
    )
    is_demo = models.BooleanField(_("rekord demonstracyjny"), default=False, editable=False)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    # Special-category data (GDPR art. 9): shown only to roles with case access.
    SENSITIVE_FIELDS = ("disability", "disability_note", "health")

    class Meta:
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            # Exact surname matches (likely duplicates). Prefix search (iprefix: a prefix of the
            # names without diacritics, cus.lookups) uses the text_pattern_ops indexes of ipus 0023.
            models.Index(Upper("last_name"), name="person_last_name_upper_idx"),
            models.Index(fields=["birth_date"], name="person_birth_date_idx"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def access_person_id(self):
        """Whose data this is, for the access log (cus.access)."""
        return self.pk

    def get_absolute_url(self):
        return reverse("ipus:person-detail", args=[self.pk])

    @property
    def address_line(self):
        number = "/".join(part for part in (self.building, self.flat) if part)
        street = " ".join(part for part in (self.street, number) if part)
        place = " ".join(part for part in (self.postal_code, self.town) if part)
        return ", ".join(part for part in (street, place) if part)

    def clean(self):
        errors = {}
        if self.pesel:
            try:
                decoded = pesel.decode(self.pesel)
            except ValidationError:
                decoded = None  # the field validator reports it
            if decoded:
                self.birth_date, self.sex = decoded.birth_date, decoded.sex
        else:
            self.pesel = None
            if not self.id_document_type or not self.id_document_number:
                errors["id_document_number"] = _(
                    "Bez numeru PESEL podaj rodzaj i numer dokumentu tożsamości."
                )
            if not self.birth_date:
                errors["birth_date"] = _("Bez numeru PESEL podaj datę urodzenia.")
        if errors:
            raise ValidationError(errors)


# What a list row of requests shows (RequestQuerySet.for_table).
REQUEST_ROW_FIELDS = (
    "received_at",
    "status",
    "person__first_name",
    "person__last_name",
    "coordinator__first_name",
    "coordinator__last_name",
    "coordinator__username",
)


class RequestQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Cases ``user`` may change: a KIPUS their own; the OUS (who reassigns) every case."""
        if user.is_superuser or user.has_role(roles.OUS):
            return self
        return self.filter(coordinator=user)

    def open(self):
        # Written into the SQL (cus.expressions.Inline): open requests are a small share
        # and a prepared statement's generic plan must know which statuses it filters.
        return self.filter(status__in=[Inline(status) for status in Request.OPEN_STATUSES])

    def for_list(self):
        return self.select_related("person", "coordinator")

    def for_table(self):
        """For list rows: only what a row shows (who, when, status, coordinator).

        Lists never load a person's health or address to show a name, and rows of
        five columns build faster than rows of sixty (issue 8).
        """
        return self.for_list().only(*REQUEST_ROW_FIELDS)

    def by_urgency(self):
        """Oldest first: the 30-day clock runs from filing, so the oldest are the most urgent."""
        return self.order_by("received_at", "pk")


class Request(StatusMachine, VersionedModel, AuditedModel):
    """A request for social services (wniosek); filing starts the 30-day IPUS clock."""

    OPEN_STATUSES = (RequestStatus.REGISTERED, RequestStatus.ASSESSING)
    # The only allowed status changes (STYLE.md: one table, everything else raises).
    TRANSITIONS = {
        RequestStatus.REGISTERED: {
            RequestStatus.ASSESSING,
            RequestStatus.HANDED_OFF,
            RequestStatus.INFORMATION,
            RequestStatus.REFUSED,
            RequestStatus.WITHDRAWN,
        },
        RequestStatus.ASSESSING: {
            RequestStatus.PLAN,
            RequestStatus.HANDED_OFF,
            RequestStatus.INFORMATION,
            RequestStatus.REFUSED,
            RequestStatus.WITHDRAWN,
        },
    }

    person = models.ForeignKey(
        Person, verbose_name=_("osoba"), on_delete=models.PROTECT, related_name="requests"
    )
    received_at = models.DateTimeField(_("data i godzina wpływu"), default=timezone.now)
    channel = models.CharField(_("forma złożenia"), max_length=12, choices=RequestChannel.choices)
    filed_by = models.CharField(
        _("złożył(a)"), max_length=10, choices=FiledBy.choices, default=FiledBy.PERSON
    )
    filer_name = models.CharField(_("imię i nazwisko składającego"), max_length=150, blank=True)
    filer_contact = models.CharField(_("kontakt do składającego"), max_length=150, blank=True)
    filer_authority = models.CharField(
        _("dokument umocowania"),
        max_length=255,
        blank=True,
        help_text=_(
            "Przedstawiciel ustawowy: np. postanowienie sądu (sąd, data, sygnatura). Opiekun "
            "faktyczny zwykle nie ma dokumentu — zostaw puste."
        ),
    )
    requested_services = models.ManyToManyField(
        "services.Service", verbose_name=_("wnioskowane usługi"), blank=True, related_name="+"
    )
    requested_text = models.TextField(_("czego dotyczy wniosek"), blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("koordynator (KIPUS)"),
        on_delete=models.PROTECT,
        related_name="coordinated_requests",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RequestStatus.choices,
        default=RequestStatus.REGISTERED,
        editable=False,
    )
    closed_at = models.DateTimeField(_("zakończono"), null=True, blank=True, editable=False)
    # Outcome details, filled by the outcome forms.
    handoff_to = models.CharField(
        _("przekazano do"), max_length=20, choices=HandOffTarget.choices, blank=True
    )
    handoff_recipient = models.CharField(_("komu (zespół, jednostka)"), max_length=200, blank=True)
    handoff_what = models.TextField(_("co przekazano"), blank=True)
    handoff_consent_on = models.DateField(_("data zgody osoby"), null=True, blank=True)
    information_given = models.TextField(_("udzielone informacje"), blank=True)
    referred_to = models.CharField(_("gdzie skierowano"), max_length=200, blank=True)
    withdrawal_reason = models.TextField(_("powód wycofania"), blank=True)

    objects = RequestQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        verbose_name = _("wniosek")
        verbose_name_plural = _("wnioski")
        ordering = ["-received_at", "-pk"]
        indexes = [
            # The list of all requests, newest first (ordering), paged without a sort.
            models.Index(fields=["received_at", "id"], name="request_received_idx"),
            # Open requests by urgency, overall and per coordinator (home page, list filters).
            models.Index(fields=["status", "received_at"], name="request_status_received_idx"),
            models.Index(
                fields=["coordinator", "status", "received_at"], name="request_coord_status_idx"
            ),
            # The request list's default view: open requests, oldest first. Open ones are
            # the newest 1 %, so walking all requests by date to find 25 took 150-250 ms on
            # a fresh metro database. open() writes the statuses into its SQL (Inline), which
            # lets PostgreSQL prove this index applies. Keep in step with OPEN_STATUSES.
            models.Index(
                fields=["received_at", "id"],
                name="request_open_received_idx",
                condition=models.Q(status__in=["registered", "assessing"]),
            ),
        ]

    def __str__(self):
        return _("Wniosek z %(date)s — %(person)s") % {
            "date": timezone.localtime(self.received_at).strftime("%d.%m.%Y"),
            "person": self.person,
        }

    def get_absolute_url(self):
        return reverse("ipus:request-detail", args=[self.pk])

    @property
    def access_person_id(self):
        """Whose data this is, for the access log (cus.access)."""
        return self.person_id

    @property
    def status_colour(self):
        return RequestStatus(self.status).colour

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def deadline(self):
        """The last day for an approved IPUS: the law's approval period (cus.law) after filing (local date)."""
        return timezone.localdate(self.received_at) + timedelta(
            days=law.value("ipus_approval_days")
        )

    def days_left(self, today=None):
        return (self.deadline - (today or timezone.localdate())).days

    @classmethod
    def mark_deadlines(cls, requests, today=None):
        """Set days_left_today and days_overdue on each request, for lists (no queries)."""
        today = today or timezone.localdate()
        for item in requests:
            item.days_left_today = item.days_left(today)
            item.days_overdue = max(0, -item.days_left_today)
        return requests

    @property
    def representative(self):
        """Who acts for the person: name, capacity and document of authority, or None.

        A plain dict (it goes into the assessment's snapshot as it is); every document that
        names the person names the representative too (ipus.pdf.PERSON_DOCUMENTS).
        """
        if self.filed_by == FiledBy.PERSON or not self.filer_name:
            return None
        return {
            "name": self.filer_name,
            "capacity": str(FiledBy(self.filed_by).label),
            "authority": self.filer_authority,
            "contact": self.filer_contact,
        }

    def record_transition(self, from_status, to_status, by, note):
        RequestTransition.objects.create(
            request=self, from_status=from_status, to_status=to_status, by=by, note=note
        )

    def after_transition(self, to_status):
        if to_status not in self.OPEN_STATUSES:
            self.closed_at = timezone.now()


class RequestTransition(TransitionRecord):
    """One status change of a request: who, when, from, to."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=RequestStatus.choices)
    to_status = models.CharField(max_length=12, choices=RequestStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("zmiana statusu wniosku")
        verbose_name_plural = _("zmiany statusu wniosków")


# A list of provisions, each in the nominative: the decision prints it after "Podstawa
# prawna:", so nothing needs declining whatever the coordinator writes.
DEFAULT_LEGAL_BASIS = f"{law.KPA}, art. 104 i art. 107;\n{law.ACT}"


class AssessmentTransition(TransitionRecord):
    """One status change of a needs assessment: who, when, from, to."""

    assessment = models.ForeignKey(
        "ipus.NeedsAssessment", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=10, choices=AssessmentStatus.choices)
    to_status = models.CharField(max_length=10, choices=AssessmentStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("zmiana statusu diagnozy")
        verbose_name_plural = _("zmiany statusu diagnoz")


class RefusalTransition(TransitionRecord):
    """One status change of a refusal decision: who, when, from, to."""

    decision = models.ForeignKey(
        "ipus.RefusalDecision", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=10, choices=DecisionStatus.choices)
    to_status = models.CharField(max_length=10, choices=DecisionStatus.choices)

    class Meta(TransitionRecord.Meta):
        verbose_name = _("zmiana statusu decyzji")
        verbose_name_plural = _("zmiany statusu decyzji")


class RefusalDecisionQuerySet(models.QuerySet):
    def awaiting_signature(self):
        return self.filter(status=DecisionStatus.PREPARED)


class RefusalDecision(StatusMachine, VersionedModel, AuditedModel):
    """An administrative decision refusing services (KPA art. 107): prepared by the KIPUS,
    signed and issued by the director or an authorised employee, then delivered."""

    TRANSITIONS = {DecisionStatus.PREPARED: {DecisionStatus.ISSUED}}
    # The act an authorisation must cover for its holder to sign (cus.choices.SCOPES_COVERING).
    ACT = "ipus_refusal"

    request = models.OneToOneField(
        Request, verbose_name=_("wniosek"), on_delete=models.PROTECT, related_name="refusal"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DecisionStatus.choices,
        default=DecisionStatus.PREPARED,
        editable=False,
    )
    # Given when the decision is issued (gap-free per year: cus.models.YearSequence).
    number = models.CharField(
        _("znak decyzji"), max_length=30, unique=True, null=True, blank=True, editable=False
    )
    decided_on = models.DateField(_("data wydania"), null=True, blank=True, editable=False)
    legal_basis = models.TextField(_("podstawa prawna"), default=DEFAULT_LEGAL_BASIS)
    decision = models.TextField(_("rozstrzygnięcie"))
    justification = models.TextField(_("uzasadnienie"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("podpisał(a)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Empty when the director signed; otherwise the authorisation the signer acted under.
    authorisation = models.ForeignKey(
        "cus.Authorisation",
        verbose_name=_("upoważnienie podpisującego"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    signer_name = models.CharField(_("podpisujący"), max_length=150, blank=True, editable=False)
    signer_position = models.CharField(
        _("stanowisko podpisującego"), max_length=150, blank=True, editable=False
    )
    document = document_field(_("decyzja (PDF)"))
    delivery_channel = models.CharField(
        _("sposób doręczenia"), max_length=12, choices=DecisionDeliveryChannel.choices, blank=True
    )
    delivery_address = models.CharField(
        _("adres do doręczeń elektronicznych"),
        max_length=40,
        blank=True,
        validators=[ade_validator],
        help_text=_(
            "Przy e-Doręczeniach: adres z bazy adresów elektronicznych, np. AE:PL-12345-67890-ABCDE-12."
        ),
    )
    delivered_on = models.DateField(_("data doręczenia"), null=True, blank=True)
    receipt = document_field(_("potwierdzenie doręczenia (UPO, zwrotka)"))
    appeal_filed_on = models.DateField(_("data wniesienia odwołania"), null=True, blank=True)
    appeal_result = models.TextField(_("wynik odwołania (SKO)"), blank=True)

    objects = RefusalDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decyzja odmowna")
        verbose_name_plural = _("decyzje odmowne")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return self.number or str(_("projekt decyzji"))

    def get_absolute_url(self):
        return self.request.get_absolute_url()

    @property
    def access_person_id(self):
        """Whose data this is, for the access log (cus.access)."""
        return self.request.person_id

    @property
    def is_issued(self):
        return self.status == DecisionStatus.ISSUED

    @classmethod
    def may_be_issued_by(cls, user):
        """Whether to offer ``user`` the issue step: the director, or someone holding an
        authorisation that covers decisions (issuing checks its dates and says why not)."""
        if user.has_role(roles.DIRECTOR):
            return True
        return any(item.covers(cls.ACT) for item in Authorisation.objects.filter(user=user))

    @property
    def status_colour(self):
        return DecisionStatus(self.status).colour

    def record_transition(self, from_status, to_status, by, note):
        RefusalTransition.objects.create(
            decision=self, from_status=from_status, to_status=to_status, by=by, note=note
        )

    @property
    def appeal_deadline(self):
        """The last day to appeal: the law's period from the day after delivery (KPA art. 57)."""
        return law.appeal_deadline(self.delivered_on) if self.delivered_on else None

    @property
    def final_on(self):
        """The day the decision becomes final when nobody appealed; None while undelivered or appealed."""
        if not self.delivered_on or self.appeal_filed_on:
            return None
        return law.final_on(self.delivered_on)


SNAPSHOT_FIELDS = (
    "first_name",
    "last_name",
    "pesel",
    "birth_date",
    "street",
    "building",
    "flat",
    "postal_code",
    "town",
    "phone",
    "occupation",
    "employment",
    "marital_status",
    "household_size",
    "disability",
    "disability_note",
    "health",
)


def person_snapshot(person):
    """The person's data as of now, with choice labels, for the assessment record."""
    data = {}
    for name in SNAPSHOT_FIELDS:
        field = Person._meta.get_field(name)
        value = getattr(person, name)
        if field.choices and value:
            value = str(getattr(person, f"get_{name}_display")())
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["address"] = person.address_line
    return data


def assessment_snapshot(request_obj):
    """What the assessment records as of its day: the person's data and who acts for them."""
    return {**person_snapshot(request_obj.person), "representative": request_obj.representative}


class NeedsAssessmentQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Assessments of the cases ``user`` may change (see RequestQuerySet.editable_by)."""
        return self.filter(request__in=Request.objects.editable_by(user))


class NeedsAssessment(StatusMachine, VersionedModel, AuditedModel):
    """Indywidualna Diagnoza Potrzeb: the coordinator's assessment; signed, it is also the request."""

    # Typed in (draft), finished for printing (completed), signed and frozen (signed).
    TRANSITIONS = {
        AssessmentStatus.DRAFT: {AssessmentStatus.COMPLETED},
        AssessmentStatus.COMPLETED: {AssessmentStatus.SIGNED},
    }

    request = models.OneToOneField(
        Request, verbose_name=_("wniosek"), on_delete=models.PROTECT, related_name="assessment"
    )
    assessed_on = models.DateField(_("data rozpoznania"), default=timezone.localdate)
    place = models.CharField(
        _("miejsce"), max_length=10, choices=AssessmentPlace.choices, default=AssessmentPlace.OFFICE
    )
    place_note = models.CharField(_("miejsce — uwagi"), max_length=200, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("koordynator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    person_snapshot = models.JSONField(
        _("dane osoby w dniu rozpoznania"), default=dict, editable=False
    )
    problem_areas = models.JSONField(_("obszary problemów"), default=list, blank=True)
    problems = models.TextField(_("problemy i potrzeby"), blank=True)
    readiness = models.CharField(
        _("gotowość do zmiany"), max_length=8, choices=Readiness.choices, blank=True
    )
    readiness_note = models.CharField(_("gotowość — uwagi"), max_length=255, blank=True)
    coordinator_assessment = models.TextField(
        _("ocena koordynatora: czy usługi są zasadne i możliwe"), blank=True
    )
    fee_information_given = models.BooleanField(
        _("przekazano informację o odpłatności"), default=False
    )
    notes = models.TextField(_("uwagi"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        editable=False,
    )
    # What was typed but not yet saved (autosave), restored when the form is opened.
    draft = models.JSONField(
        _("szkic zapisany automatycznie"), default=dict, blank=True, editable=False
    )
    draft_saved_at = models.DateTimeField(
        _("szkic zapisano"), null=True, blank=True, editable=False
    )
    document = document_field(_("podpisana diagnoza (PDF)"))
    signed_scan = document_field(_("skan podpisanego dokumentu"))

    objects = NeedsAssessmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["draft", "draft_saved_at"])

    class Meta:
        verbose_name = _("rozpoznanie potrzeb")
        verbose_name_plural = _("rozpoznania potrzeb")
        ordering = ["-assessed_on", "-pk"]

    def record_transition(self, from_status, to_status, by, note):
        AssessmentTransition.objects.create(
            assessment=self, from_status=from_status, to_status=to_status, by=by, note=note
        )

    def __str__(self):
        return _("Diagnoza potrzeb z %(date)s — %(person)s") % {
            "date": self.assessed_on.strftime("%d.%m.%Y"),
            "person": self.request.person,
        }

    def get_absolute_url(self):
        return reverse("ipus:assessment-detail", args=[self.pk])

    @property
    def access_person_id(self):
        """Whose data this is, for the access log (cus.access)."""
        return self.request.person_id

    @property
    def status_colour(self):
        return AssessmentStatus(self.status).colour

    @property
    def is_editable(self):
        return self.status != AssessmentStatus.SIGNED

    @property
    def problem_area_labels(self):
        return [
            str(LifeDomain(code).label) for code in self.problem_areas if code in LifeDomain.values
        ]


class AssessmentServiceRow(models.Model):
    """A service the person uses now or wants: catalogue service or free text, unit, quantity, frequency."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="rows")
    kind = models.CharField(_("rodzaj"), max_length=8, choices=ServiceRowKind.choices)
    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("usługa z katalogu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    free_text = models.CharField(_("albo opis usługi"), max_length=200, blank=True)
    unit = models.CharField(_("jednostka"), max_length=40, blank=True)
    quantity = models.DecimalField(
        _("ilość"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    frequency = models.CharField(_("częstotliwość"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("usługa w rozpoznaniu")
        verbose_name_plural = _("usługi w rozpoznaniu")
        ordering = ["kind", "pk"]

    def __str__(self):
        return str(self.service or self.free_text)

    @property
    def label(self):
        return self.service.name if self.service_id else self.free_text
