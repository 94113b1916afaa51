"""Residents' cases: persons (this module), later requests, assessments and plans."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cus import pesel
from cus.models import AuditedModel, VersionedModel, phone_validator, postal_code_validator
from ipus.choices import (
    Disability,
    EmploymentSituation,
    IdDocumentType,
    MaritalStatus,
    Sex,
    YesNoUnknown,
)


class PersonQuerySet(models.QuerySet):
    def search(self, text="", birth_date=None):
        """By PESEL (11 digits, exact), by name words (surname or first name starts with), by birth date."""
        queryset = self
        text = (text or "").strip()
        if text.isdigit() and len(text) == 11:
            return queryset.filter(pesel=text)
        for word in text.replace(",", " ").split():
            queryset = queryset.filter(
                models.Q(last_name__istartswith=word) | models.Q(first_name__istartswith=word)
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
            # Search by surname (istartswith compares upper-cased text).
            models.Index(Upper("last_name"), name="person_last_name_upper_idx"),
            models.Index(fields=["birth_date"], name="person_birth_date_idx"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

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
