"""Choices of the core app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ColouredChoices(models.TextChoices):
    """Choices shown as badges: each member carries its Bootstrap colour beside its label.

    Declared as ``DRAFT = "draft", "warning", _("projekt")`` (value, colour, label:
    Django takes the last item as the label and hands the others to ``__new__``);
    ``value``, ``label`` and ``choices`` are those of any ``TextChoices``.
    """

    def __new__(cls, value, colour):
        member = str.__new__(cls, value)
        member._value_ = value
        member.colour = colour
        return member


class GminaKind(models.TextChoices):
    """The kind of gmina the centre serves (TERYT): the wording of gmina-wide work follows it."""

    URBAN = "urban", _("miejska")
    RURAL = "rural", _("wiejska")
    URBAN_RURAL = "urban_rural", _("miejsko-wiejska")


class AccessAction(models.TextChoices):
    """What was done to personal data: a read, a download, an export or a print."""

    VIEW = "view", _("Podgląd")
    DOWNLOAD = "download", _("Pobranie pliku")
    PRINT = "print", _("Wydruk (PDF)")
    EXPORT = "export", _("Eksport")
    CHANGE = "change", _("Zmiana")


class DocumentKind(models.TextChoices):
    """How a stored document came to be."""

    FROZEN = "frozen", _("wersja zatwierdzona (zamrożona)")
    CENTRE_SIGNED = "centre_signed", _("podpisana elektronicznie przez centrum")
    SIGNED_SCAN = "signed_scan", _("skan podpisanego dokumentu")
    E_SIGNED = "e_signed", _("dokument podpisany elektronicznie")


class RoleChangeKind(models.TextChoices):
    """What a role change gave or took away: a role (group) or an individual permission."""

    ROLE = "role", _("rola")
    PERMISSION = "permission", _("uprawnienie indywidualne")


class AuthorisationScope(models.TextChoices):
    """What an employee is authorised to do in the director's name (KPA art. 268a)."""

    IPUS_REFUSALS = "ipus_refusals", _("decyzje o odmowie przyznania usług społecznych (IPUS)")
    ALL_DECISIONS = "all_decisions", _("wszystkie decyzje administracyjne")
    LETTERS = "letters", _("pisma i zaświadczenia (bez decyzji administracyjnych)")


# Which scopes cover each kind of act signed in the director's name.
SCOPES_COVERING = {
    "ipus_refusal": (AuthorisationScope.IPUS_REFUSALS, AuthorisationScope.ALL_DECISIONS),
}
