"""Choices of the core app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    """What was done to personal data: a read, a download, an export or a print."""

    VIEW = "view", _("Podgląd")
    DOWNLOAD = "download", _("Pobranie pliku")
    PRINT = "print", _("Wydruk (PDF)")
    EXPORT = "export", _("Eksport")
    CHANGE = "change", _("Zmiana")
