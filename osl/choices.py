"""Choices of community organizing (OSL)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cus.choices import ColouredChoices


class PlanStatus(ColouredChoices):
    """A plan version's way to adoption: the OSL organizer writes the draft and hands it to the
    director, who returns it with comments or adopts it by an order; an adopted version is
    replaced ("zastąpiony") when its update is adopted, or done when its period has ended."""

    DRAFT = "draft", "warning", _("projekt")
    SUBMITTED = "submitted", "info", _("przekazany do przyjęcia")
    ADOPTED = "adopted", "success", _("przyjęty zarządzeniem")
    SUPERSEDED = "superseded", "secondary", _("zastąpiony")
    COMPLETED = "completed", "secondary", _("zrealizowany")


class SupportKind(models.TextChoices):
    """Kinds of supporting activity (działania wspierające) a plan uses."""

    PARTNERSHIPS = "partnerships", _("partnerstwa lokalne")
    VOLUNTEERING = "volunteering", _("wolontariat")
    MUTUAL_HELP = "mutual_help", _("samopomoc i pomoc sąsiedzka")
    FREE_TIME = "free_time", _("oferta czasu wolnego")
    CAMPAIGNS = "campaigns", _("kampanie i wydarzenia")
    ADVOCACY = "advocacy", _("rzecznictwo i informacja obywatelska")


class CommunityKind(models.TextChoices):
    TERRITORIAL = "territorial", _("terytorialna")
    CATEGORICAL = "categorical", _("kategorialna")
    # The whole gmina is not a community: its schedule is the items without one.


class SwotKind(models.TextChoices):
    STRENGTH = "S", _("mocne strony")
    WEAKNESS = "W", _("słabe strony")
    OPPORTUNITY = "O", _("szanse")
    THREAT = "T", _("zagrożenia")


class Component(models.TextChoices):
    """Components of OSL used in a stage."""

    ACTIVATION = "A", _("aktywizacja")
    DIAGNOSIS = "D", _("diagnoza")
    EDUCATION = "E", _("edukacja")
    INTEGRATION = "I", _("integracja")


class Area(models.TextChoices):
    """Areas of action in a schedule."""

    ANIMATION = "animation", _("animacja")
    NETWORKING = "networking", _("sieciowanie")
    PLANNING = "planning", _("planowanie społeczne")


class TimingKind(models.TextChoices):
    FREQUENCY = "frequency", _("częstotliwość")
    QUARTERS = "quarters", _("wskazane kwartały")
    MONTHS = "months", _("wskazane miesiące")
    RANGE = "range", _("okres (od–do)")
    DATE = "date", _("jeden dzień")


class ParticipantsBasis(models.TextChoices):
    """What a schedule item's participant figure counts."""

    OCCURRENCE = "occurrence", _("na jedno spotkanie")
    TOTAL = "total", _("łącznie")


class IndicatorKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("ilościowy")
    QUALITATIVE = "qualitative", _("jakościowy")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("1× w tygodniu")
    MONTHLY = "monthly", _("raz w miesiącu")
    QUARTERLY = "quarterly", _("raz na kwartał")
    HALF_YEARLY = "half_yearly", _("raz na pół roku")
    YEARLY = "yearly", _("raz w roku")
    AS_NEEDED = "as_needed", _("wg potrzeb")
    CONTINUOUS = "continuous", _("praca stała / ciągła")
    ONGOING = "ongoing", _("na bieżąco")


# Frequency → the length of one cycle (days or months): one occurrence is expected per
# cycle (ScheduleItem.expected_between); "wg potrzeb" and continuous work have no number.
CADENCE = {
    Frequency.WEEKLY: ("days", 7),
    Frequency.MONTHLY: ("months", 1),
    Frequency.QUARTERLY: ("months", 3),
    Frequency.HALF_YEARLY: ("months", 6),
    Frequency.YEARLY: ("months", 12),
}


class PartnerKind(models.TextChoices):
    INSTITUTION = "institution", _("instytucja publiczna")
    NGO = "ngo", _("organizacja pozarządowa")
    BUSINESS = "business", _("firma")
    PARISH = "parish", _("parafia")
    SCHOOL = "school", _("szkoła / przedszkole")
    OTHER = "other", _("inny")


class CooperationForm(models.TextChoices):
    PARTNERSHIP = "partnership", _("partnerstwo formalne")
    CONTRACTING = "contracting", _("zlecanie / umowa")
    INFORMAL = "informal", _("współpraca nieformalna")


class Capital(models.TextChoices):
    """Kinds of capital on the map of resources and potential."""

    HUMAN = "human", _("ludzki")
    CULTURAL = "cultural", _("kulturowy")
    NATURAL = "natural", _("przyrodniczy")
    FINANCIAL = "financial", _("finansowy")
    INFRASTRUCTURE = "infrastructure", _("infrastrukturalny")
    POLITICAL = "political", _("polityczny")
