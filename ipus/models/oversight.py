"""OUS oversight: quarterly meetings with the coordinators, their actions, half-year summaries
and the in-app inbox that delivers them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cus.dates import HalfYear, Quarter
from cus.models import AuditedModel, document_field


class ReviewMeeting(AuditedModel):
    """The OUS's meeting with the coordinators on IPUS realisation (at least every 3 months)."""

    year = models.PositiveSmallIntegerField(_("rok"))
    quarter = models.PositiveSmallIntegerField(
        _("kwartał"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    held_on = models.DateField(_("data spotkania"), default=timezone.localdate)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("obecni koordynatorzy"),
        blank=True,
        related_name="+",
    )
    invited_providers = models.ManyToManyField(
        "services.Provider",
        verbose_name=_("zaproszeni wykonawcy usług"),
        blank=True,
        related_name="+",
    )
    provider_representatives = models.CharField(
        _("przedstawiciele wykonawców (imiona i nazwiska)"), max_length=500, blank=True
    )
    agenda = models.TextField(_("porządek spotkania"))
    notes = models.TextField(_("ustalenia i notatki"), blank=True)

    class Meta:
        verbose_name = _("spotkanie KIPUS")
        verbose_name_plural = _("spotkania KIPUS")
        ordering = ["-held_on", "-pk"]
        permissions = [
            ("view_oversight", _("Może przeglądać zestawienia kwartalne IPUS")),
            ("view_indicators", _("Może przeglądać wskaźniki programu (dane zbiorcze)")),
        ]
        indexes = [models.Index(fields=["year", "quarter"], name="meeting_quarter_idx")]

    def __str__(self):
        return _("Spotkanie z %(date)s") % {"date": self.held_on.strftime("%d.%m.%Y")}

    def get_absolute_url(self):
        return reverse("ipus:meeting-detail", args=[self.pk])

    @property
    def period(self):
        return Quarter(self.year, self.quarter)

    def clean(self):
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": _("Zapisuje się spotkanie, które się odbyło.")})


class MeetingActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)


class MeetingAction(models.Model):
    """An action agreed at a meeting: who does what by when; tracked until done."""

    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("działanie"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("odpowiedzialny(-a)"),
        on_delete=models.PROTECT,
        related_name="meeting_actions",
    )
    due_on = models.DateField(_("termin"))
    done_on = models.DateField(_("wykonano"), null=True, blank=True, editable=False)

    objects = MeetingActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("działanie ze spotkania")
        verbose_name_plural = _("działania ze spotkań")
        ordering = ["done_on", "due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_on"], name="action_owner_open_idx")]

    def __str__(self):
        return self.description


class HalfYearSummary(AuditedModel):
    """Podsumowanie realizacji IPUS for a half-year: the two quarters' numbers (aggregates,
    no person's data), the OUS's assessment and recommended directions; frozen as a PDF."""

    year = models.PositiveSmallIntegerField(_("rok"))
    half = models.PositiveSmallIntegerField(
        _("półrocze"), validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    effectiveness = models.TextField(_("ocena skuteczności realizacji IPUS"))
    directions = models.TextField(_("rekomendowane kierunki działań (organizowanie społeczności)"))
    numbers = models.JSONField(_("zestawienie liczbowe"), default=dict, editable=False)
    document = document_field(_("podsumowanie (PDF)"))

    class Meta:
        verbose_name = _("podsumowanie półroczne IPUS")
        verbose_name_plural = _("podsumowania półroczne IPUS")
        ordering = ["-year", "-half", "-pk"]

    def __str__(self):
        return _("Podsumowanie realizacji IPUS — %(period)s") % {"period": self.period.label}

    def get_absolute_url(self):
        return reverse("ipus:summary-detail", args=[self.pk])

    @property
    def period(self):
        return HalfYear(self.year, self.half)


class InboxMessageQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class InboxMessage(models.Model):
    """A document delivered to a user inside the app; records when they first opened it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox"
    )
    summary = models.ForeignKey(
        HalfYearSummary, on_delete=models.CASCADE, related_name="deliveries"
    )
    sent_at = models.DateTimeField(_("wysłano"), auto_now_add=True)
    read_at = models.DateTimeField(_("odczytano"), null=True, blank=True)

    objects = InboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("wiadomość")
        verbose_name_plural = _("wiadomości")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "summary"], name="inbox_once_per_summary")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="inbox_recipient_idx")]

    def __str__(self):
        return str(self.summary)

    def get_absolute_url(self):
        return reverse("ipus:inbox-detail", args=[self.pk])
