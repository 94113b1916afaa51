"""Choices of the service catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cus.choices import ColouredChoices
from cus.plurals import Forms


class ProgrammeStatus(ColouredChoices):
    """Where a programme of social services stands (badge colour beside it)."""

    DRAFT = "draft", "secondary", _("projekt")
    IN_FORCE = "in_force", "success", _("obowiązuje")
    ENDED = "ended", "dark", _("zakończony")


class ProviderKind(models.TextChoices):
    """Who delivers a service."""

    JST = "jst", _("jednostka gminy (JST)")
    PES = "pes", _("podmiot ekonomii społecznej (PES)")
    NGO = "ngo", _("organizacja pozarządowa")
    COMPANY = "company", _("przedsiębiorca")
    CUS_DEPARTMENT = "cus", _("dział CUS")


class ContractingMode(models.TextChoices):
    """How the centre contracts a provider."""

    PROCUREMENT_SOCIAL = "pzp_social", _("zamówienie publiczne z klauzulami społecznymi (PZP)")
    COOPERATIVES_15A = "art15a", _("art. 15a ustawy o spółdzielniach socjalnych")
    OPEN_CALL = "open_call", _("otwarty konkurs ofert (ustawa o pożytku publicznym)")
    SMALL_GRANT = "small_grant", _("tryb pozakonkursowy — do 10 000 zł, do 90 dni")
    IN_HOUSE = "in_house", _("realizacja własna")
    NOT_APPLICABLE = "n_a", _("nie dotyczy")


class ServiceKind(models.TextChoices):
    """Whether the programme adds the service or grows an existing one."""

    NEW = "new", _("usługa nowa")
    INCREASED = "increased", _("zwiększenie wolumenu istniejącej usługi")
    CONTINUED = "continued", _("kontynuacja")


class Unit(models.TextChoices):
    """Unit in which a service is granted and delivered; ``forms`` are its Polish forms after
    a number (cus/plurals.py): "1 przejazd", "2 przejazdy", "5 przejazdów", "1,5 przejazdu"."""

    HOUR = "hour", _("godzina")
    RIDE = "ride", _("przejazd")
    SERVICE = "service", _("usługa")
    VISIT = "visit", _("wizyta")
    DAY = "day", _("dzień")
    MONTH = "month", _("miesiąc")
    SESSION = "session", _("zajęcia")
    PLACE = "place", _("miejsce")

    @property
    def forms(self):
        return UNIT_FORMS[self.value]


# Every unit's forms after 1; 2–4 (not 12–14); 0, 5+ and 12–14; a fraction.
UNIT_FORMS = {
    Unit.HOUR: Forms("godzina", "godziny", "godzin", "godziny"),
    Unit.RIDE: Forms("przejazd", "przejazdy", "przejazdów", "przejazdu"),
    Unit.SERVICE: Forms("usługa", "usługi", "usług", "usługi"),
    Unit.VISIT: Forms("wizyta", "wizyty", "wizyt", "wizyty"),
    Unit.DAY: Forms("dzień", "dni", "dni", "dnia"),
    Unit.MONTH: Forms("miesiąc", "miesiące", "miesięcy", "miesiąca"),
    Unit.SESSION: Forms("zajęcia", "zajęcia", "zajęć", "zajęć"),
    Unit.PLACE: Forms("miejsce", "miejsca", "miejsc", "miejsca"),
}


class CapacityPeriod(models.TextChoices):
    """The period a service's capacity limit counts over."""

    MONTH = "month", _("miesięcznie")
    QUARTER = "quarter", _("kwartalnie")
    YEAR = "year", _("rocznie")

    @property
    def months(self):
        return {"month": 1, "quarter": 3, "year": 12}[self.value]


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("pon.")
    TUESDAY = 2, _("wt.")
    WEDNESDAY = 3, _("śr.")
    THURSDAY = 4, _("czw.")
    FRIDAY = 5, _("pt.")
    SATURDAY = 6, _("sob.")
    SUNDAY = 7, _("niedz.")


# The 14 areas of art. 2 of the Act of 19 July 2019 (code, Polish name), in the
# Act's order; rows of services.StatutoryArea are created from this by a migration.
STATUTORY_AREAS = (
    ("family_policy", "polityka prorodzinna"),
    ("family_support", "wspieranie rodziny"),
    ("foster_care", "system pieczy zastępczej"),
    ("social_assistance", "pomoc społeczna"),
    ("health", "promocja i ochrona zdrowia"),
    ("disability", "wspieranie osób niepełnosprawnych"),
    ("education", "edukacja publiczna"),
    ("unemployment", "przeciwdziałanie bezrobociu"),
    ("culture", "kultura"),
    ("sport_tourism", "kultura fizyczna i turystyka"),
    ("civic_activity", "pobudzanie aktywności obywatelskiej"),
    ("housing", "mieszkalnictwo"),
    ("environment", "ochrona środowiska"),
    ("reintegration", "reintegracja zawodowa i społeczna"),
)
