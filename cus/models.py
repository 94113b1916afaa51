"""Core models: staff users, the centre profile, the access log, stored documents."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cus import roles
from cus.choices import (
    SCOPES_COVERING,
    AccessAction,
    AuthorisationScope,
    DocumentKind,
    GminaKind,
    RoleChangeKind,
)
from cus.history import HistoricalRecords

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$",
    _("Podaj numer telefonu: cyfry, spacje, nawiasy lub myślniki (6–20 znaków)."),
)
postal_code_validator = RegexValidator(
    r"^\d{2}-\d{3}$", _("Kod pocztowy ma postać NN-NNN, np. 27-200.")
)


class User(AbstractUser):
    """A member of the centre's staff; the role comes from the user's groups."""

    phone = models.CharField(
        _("telefon służbowy"), max_length=20, blank=True, validators=[phone_validator]
    )
    job_title = models.CharField(_("stanowisko"), max_length=150, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("użytkownik")
        verbose_name_plural = _("użytkownicy")
        permissions = [
            ("approve_ipus", roles.PERMISSION_LABELS[roles.APPROVE_IPUS]),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def access(self):
        """(role names, permissions), read in one query once per request (cus.backends)."""
        from cus.backends import load_access

        return load_access(self)

    @property
    def role_names(self):
        """Names of the roles (groups) this user holds."""
        if not self.is_authenticated or self.pk is None:
            return frozenset()
        return self.access[0]

    def has_role(self, *names):
        return bool(self.role_names.intersection(names))

    @property
    def role_labels(self):
        return [roles.ROLE_LABELS[name] for name in roles.ROLES if name in self.role_names]


class AuditedModel(models.Model):
    """Abstract base that records who created and last changed a row, and when."""

    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utworzył(a)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zmienił(a)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    AUDIT_FIELDS = ("created_at", "created_by", "updated_at", "updated_by")

    class Meta:
        abstract = True

    def stamp(self, user):
        """Record ``user`` as the author of the change about to be saved."""
        if user is not None and not user.is_authenticated:
            user = None
        if self._state.adding:
            self.created_by = user
        self.updated_by = user


class StaleObjectError(Exception):
    """Someone saved the record after this copy was opened; saving it would lose their change."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} changed since it was opened")
        self.current = current


class VersionedModel(models.Model):
    """Abstract base with an edit counter that stops lost updates.

    A form carries the version it was opened at; ``save_checked`` saves only if
    the row still has that version (a conditional UPDATE, so two simultaneous
    saves cannot both pass) and raises StaleObjectError otherwise. A model whose
    ``version`` means something else (a plan's row belongs to a plan version)
    overrides that field and names its counter in ``version_field``.
    """

    version = models.PositiveIntegerField(_("wersja zapisu"), default=1, editable=False)
    version_field = "version"

    class Meta:
        abstract = True

    def save_checked(self, expected_version, **kwargs):
        if self._state.adding:
            self.save(**kwargs)
            return
        counter = self.version_field
        with transaction.atomic():
            # Conditional UPDATE: of two saves of the same version, only one matches.
            claimed = (
                type(self)
                ._default_manager.filter(pk=self.pk, **{counter: expected_version})
                .update(**{counter: models.F(counter) + 1})
            )
            if not claimed:
                raise StaleObjectError(type(self)._default_manager.get(pk=self.pk))
            setattr(self, counter, expected_version + 1)
            self.save(**kwargs)

    save_checked.alters_data = True


class CentreProfile(VersionedModel, AuditedModel):
    """The centre's own details: the letterhead of every document (one row)."""

    name = models.CharField(_("pełna nazwa"), max_length=255)
    short_name = models.CharField(_("nazwa skrócona"), max_length=60, blank=True)
    street = models.CharField(_("ulica i numer"), max_length=200)
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, validators=[postal_code_validator]
    )
    town = models.CharField(_("miejscowość"), max_length=100)
    phone = models.CharField(_("telefon"), max_length=20, validators=[phone_validator])
    email = models.EmailField(_("e-mail"))
    website = models.URLField(_("strona internetowa"), blank=True)
    epuap_address = models.CharField(_("adres skrytki ePUAP"), max_length=100, blank=True)
    director_name = models.CharField(_("imię i nazwisko dyrektora"), max_length=150)
    office_hours = models.CharField(
        _("godziny pracy"),
        max_length=200,
        blank=True,
        help_text=_("np. pon.–pt. 7:30–15:30"),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="centre/",
        blank=True,
        help_text=_("PNG lub JPEG, do 1 MB; drukowane w nagłówku dokumentów."),
    )

    gmina_kind = models.CharField(
        _("rodzaj gminy"),
        max_length=12,
        choices=GminaKind.choices,
        default=GminaKind.URBAN,
        help_text=_(
            "Od niego zależy nazwa działań na poziomie całej gminy (ogólnomiejski, ogólnogminny)."
        ),
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("profil centrum")
        verbose_name_plural = _("profil centrum")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # There is exactly one centre profile.
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The centre profile, or an unsaved placeholder before one is set up."""
        return cls.objects.filter(pk=1).first() or cls(
            name=str(_("Centrum Usług Społecznych")), pk=1
        )

    @property
    def gmina_wide(self):
        """The adjective of gmina-wide work, in the locative: "ogólnomiejskim" in a town,
        "ogólnogminnym" in a rural or urban–rural gmina (which is more than its town)."""
        return _("ogólnomiejskim") if self.gmina_kind == GminaKind.URBAN else _("ogólnogminnym")

    @property
    def address_line(self):
        return ", ".join(p for p in (self.street, f"{self.postal_code} {self.town}".strip()) if p)


class AccessLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )

    def for_person(self, person_id):
        """Every read of one resident's data, whichever record was read."""
        return self.filter(person_id=person_id)

    def for_list(self):
        return self.select_related("user", "content_type")


class AccessLog(models.Model):
    """One read (or download, print, export) of personal data by a member of staff."""

    at = models.DateTimeField(_("kiedy"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kto"),
        on_delete=models.PROTECT,
        null=True,
        related_name="access_log",
    )
    action = models.CharField(_("czynność"), max_length=16, choices=AccessAction.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("rodzaj danych"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("identyfikator"), max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    # Whose data it was, whatever the record (person, request, plan, version …), filled
    # when the row is written (cus.access): the IOD's "who read this person's data?". A
    # plain id, not a foreign key: cus names no domain model (DESIGN.md), and the row
    # outlives the person's anonymisation.
    person_id = models.PositiveBigIntegerField(_("osoba (identyfikator)"), null=True, blank=True)
    # Only ids in the path: personal data never goes into URLs (DESIGN.md).
    path = models.CharField(_("adres strony"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("adres IP"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("wpis dziennika dostępu")
        verbose_name_plural = _("dziennik dostępu do danych osobowych")
        ordering = ["-at", "-pk"]
        indexes = [
            # The IOD asks "who saw this record?" and "what did this user see?".
            models.Index(fields=["content_type", "object_id", "-at"], name="accesslog_object_idx"),
            models.Index(fields=["user", "-at"], name="accesslog_user_idx"),
            models.Index(
                fields=["person_id", "-at"],
                name="accesslog_person_idx",
                condition=models.Q(person_id__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"


class RoleChange(models.Model):
    """A role or an individual permission given to or taken from a staff account: whom, what, who, when.

    Written for every change, however it is made (cus.grants); never edited.
    """

    at = models.DateTimeField(_("kiedy"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konto"),
        on_delete=models.PROTECT,
        related_name="role_changes",
    )
    kind = models.CharField(_("rodzaj"), max_length=10, choices=RoleChangeKind.choices)
    name = models.CharField(_("rola lub uprawnienie"), max_length=255)
    granted = models.BooleanField(_("nadano"), help_text=_("nie: odebrano"))
    # Empty when the change came from a command or a migration, not from a person.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kto zmienił"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("zmiana ról i uprawnień")
        verbose_name_plural = _("zmiany ról i uprawnień")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"], name="rolechange_user_idx")]

    def __str__(self):
        verb = _("nadano") if self.granted else _("odebrano")
        return f"{self.at:%Y-%m-%d %H:%M} {self.user}: {verb} {self.label}"

    @property
    def label(self):
        """The role's or the permission's Polish name (its code when it has none)."""
        if self.kind == RoleChangeKind.ROLE:
            return str(roles.ROLE_LABELS.get(self.name, self.name))
        return str(roles.PERMISSION_LABELS.get(self.name, self.name))


def _document_path(document, filename):
    # Random names: the file system never shows whose document it is.
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        document.content_type, "bin"
    )
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class StoredDocumentQuerySet(models.QuerySet):
    def registered_versions(self, hashes):
        """Frozen or centre-signed documents whose SHA-256 is among ``hashes``."""
        return self.filter(
            sha256__in=list(hashes), kind__in=[DocumentKind.FROZEN, DocumentKind.CENTRE_SIGNED]
        )


class StoredDocument(models.Model):
    """A document kept as exact bytes with its SHA-256: frozen, centre-signed, scanned or e-signed.

    Rows are written once and never changed; a frozen document is never
    regenerated. Files live under MEDIA_ROOT (outside static/) and are served
    only through permission-checked views that write the access log.
    """

    kind = models.CharField(_("rodzaj"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("tytuł"), max_length=255)
    file = models.FileField(_("plik"), upload_to=_document_path)
    content_type = models.CharField(_("typ pliku"), max_length=64)
    size = models.PositiveIntegerField(_("rozmiar (bajty)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    # The frozen version a signed copy or scan belongs to.
    original = models.ForeignKey(
        "self",
        verbose_name=_("wersja zamrożona"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="copies",
    )
    signature_report = models.JSONField(_("wynik weryfikacji podpisów"), default=dict, blank=True)
    # Archival: a document of an anonymised case is kept until ``keep_until`` (its JRWA
    # category, settings.CUS_ARCHIVE), then its bytes are destroyed (manage.py retention);
    # the row stays with its hash as the record of what was destroyed and when.
    keep_until = models.DateField(_("przechowywać do"), null=True, blank=True, editable=False)
    destroyed_on = models.DateField(_("zniszczono"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("zapisano"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zapisał(a)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = StoredDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @classmethod
    def store(cls, data, *, kind, title, user=None, content_type="application/pdf", **extra):
        """Save ``data`` as a new document; the bytes and their hash never change again."""
        document = cls(
            kind=kind,
            title=title[:255],
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            created_by=user,
            **extra,
        )
        document.file.save("document", ContentFile(data), save=False)
        document.save()
        return document

    def read(self):
        """The stored bytes, checked against the recorded hash."""
        if self.destroyed_on:
            raise DocumentDestroyed(
                f"Stored document {self.pk} was destroyed on {self.destroyed_on}."
            )
        with self.file.open("rb") as handle:
            data = handle.read()
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise DocumentIntegrityError(
                f"Stored document {self.pk} does not match its SHA-256; it was altered on disk."
            )
        return data


class DocumentIntegrityError(Exception):
    """A stored document's bytes no longer match the hash recorded when it was saved."""


class DocumentDestroyed(Exception):
    """A stored document's bytes were destroyed at the end of its archival period."""


def document_field(verbose_name=None, *, editable=False):
    """A link from a record to one of its stored documents, empty until the document exists.

    A document is never deleted while a record points at it (PROTECT) and has no
    reverse accessor: it does not know what it belongs to. The link is set by the
    workflow that stores the document, so forms and the admin do not offer it
    unless ``editable``.
    """
    return models.ForeignKey(
        StoredDocument,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=editable,
    )


class YearSequence(models.Model):
    """The last number given in a year for one kind of document (IPUS, decisions…)."""

    kind = models.CharField(_("rodzaj"), max_length=20)
    year = models.PositiveSmallIntegerField(_("rok"))
    last = models.PositiveIntegerField(_("ostatni numer"), default=0)

    class Meta:
        verbose_name = _("numeracja roczna")
        verbose_name_plural = _("numeracje roczne")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="year_sequence_unique")
        ]

    def __str__(self):
        return f"{self.kind}/{self.year}: {self.last}"

    @classmethod
    def next(cls, kind, year):
        """The next number of ``kind`` in ``year``: unique and gap-free.

        Call inside the transaction that uses the number: the row stays locked
        until it commits, so concurrent callers wait and a rolled-back caller
        gives its number back.
        """
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("YearSequence.next() must run inside transaction.atomic()")
        cls.objects.get_or_create(kind=kind, year=year)
        # The row lock serialises concurrent numbering (two approvals at the same instant).
        sequence = cls.objects.select_for_update().get(kind=kind, year=year)
        sequence.last += 1
        sequence.save(update_fields=["last"])
        return sequence.last


def _calendar_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's private iCal feed of due items: the secret token in its URL can be reset."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kalendarz terminów")
        verbose_name_plural = _("kalendarze terminów")

    def __str__(self):
        return str(self.user)

    def reset(self):
        self.token = _calendar_token()
        self.save(update_fields=["token", "created_at"])

    reset.alters_data = True


class DataStamp(models.Model):
    """A table's change counter, bumped by a PostgreSQL trigger (cus.reports)."""

    table = models.CharField(max_length=63, primary_key=True)
    counter = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("znacznik zmian danych")
        verbose_name_plural = _("znaczniki zmian danych")

    def __str__(self):
        return f"{self.table}: {self.counter}"


class ReportCache(models.Model):
    """A computed report, valid while the data stamp and the day are those it was computed
    at (cus.reports); one row per report and arguments, overwritten when recomputed."""

    key = models.CharField(max_length=255, primary_key=True)
    stamp = models.BigIntegerField()
    day = models.DateField()
    value = models.BinaryField()

    class Meta:
        verbose_name = _("raport w pamięci podręcznej")
        verbose_name_plural = _("raporty w pamięci podręcznej")

    def __str__(self):
        return self.key


class SignerNotAuthorised(Exception):
    """The user may not sign this act in the director's name today; the message says why."""


class AuthorisationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("user", "document")

    def in_force(self, day):
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )


class Authorisation(VersionedModel, AuditedModel):
    """An employee's authorisation to act in the director's name (KPA art. 268a): who, what, from–to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("upoważniony pracownik"),
        on_delete=models.PROTECT,
        related_name="authorisations",
    )
    scope = models.CharField(_("zakres"), max_length=16, choices=AuthorisationScope.choices)
    reference = models.CharField(
        _("znak upoważnienia"), max_length=60, blank=True, help_text=_("np. CUS.077.3.2026")
    )
    valid_from = models.DateField(_("obowiązuje od"))
    valid_to = models.DateField(
        _("obowiązuje do"), null=True, blank=True, help_text=_("Puste: do odwołania.")
    )
    document = document_field(_("upoważnienie (skan lub PDF)"))

    objects = AuthorisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("upoważnienie (art. 268a KPA)")
        verbose_name_plural = _("upoważnienia (art. 268a KPA)")
        ordering = ["-valid_from", "-pk"]

    def __str__(self):
        return _("Upoważnienie %(reference)s — %(user)s") % {
            "reference": self.reference or _("(bez znaku)"),
            "user": self.user,
        }

    def get_absolute_url(self):
        return reverse("cus:authorisation-update", args=[self.pk])

    def covers(self, act):
        return self.scope in SCOPES_COVERING[act]

    def attach(self, upload, user):
        """Store ``upload`` (a cus.documents.Upload, or None: nothing to do) as the signed
        authorisation and point at it; the caller saves the record."""
        if upload:
            self.document = StoredDocument.store(
                upload.data,
                kind=DocumentKind.SIGNED_SCAN,
                title=_("Upoważnienie %(reference)s") % {"reference": self.reference},
                user=user,
                content_type=upload.content_type,
            )

    def in_force_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @classmethod
    def for_signer(cls, user, act, day):
        """The authorisation under which ``user`` signs ``act`` on ``day``: None for the
        director (who signs in their own name); ``SignerNotAuthorised`` with the reason
        when the user holds none that covers the act and is in force that day."""
        if user.has_role(roles.DIRECTOR):
            return None
        held = list(cls.objects.filter(user=user).order_by("-valid_from", "-pk"))
        covering = [item for item in held if item.covers(act)]
        for item in covering:
            if item.in_force_on(day):
                return item
        upcoming = [item for item in covering if item.valid_from > day]
        if upcoming:
            raise SignerNotAuthorised(
                _(
                    "Twoje upoważnienie %(reference)s obowiązuje dopiero od %(date)s: do tego "
                    "dnia decyzję podpisuje dyrektor albo inny upoważniony pracownik."
                )
                % {
                    "reference": upcoming[-1].reference,
                    "date": upcoming[-1].valid_from.strftime("%d.%m.%Y"),
                }
            )
        if covering:
            raise SignerNotAuthorised(
                _(
                    "Twoje upoważnienie %(reference)s wygasło %(date)s: decyzję podpisuje "
                    "dyrektor albo pracownik z upoważnieniem w mocy."
                )
                % {
                    "reference": covering[0].reference,
                    "date": covering[0].valid_to.strftime("%d.%m.%Y"),
                }
            )
        if held:
            raise SignerNotAuthorised(
                _(
                    "Twoje upoważnienie %(reference)s obejmuje: %(scope)s — nie obejmuje "
                    "wydawania decyzji administracyjnych."
                )
                % {"reference": held[0].reference, "scope": held[0].get_scope_display()}
            )
        raise SignerNotAuthorised(
            _(
                "Decyzję podpisuje dyrektor albo pracownik upoważniony przez dyrektora "
                "(art. 268a KPA); nie masz takiego upoważnienia w rejestrze upoważnień."
            )
        )
