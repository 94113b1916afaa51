"""Choices of residents' cases."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cus.choices import ColouredChoices


class Sex(models.TextChoices):
    FEMALE = "K", _("kobieta")
    MALE = "M", _("mężczyzna")


class IdDocumentType(models.TextChoices):
    ID_CARD = "id_card", _("dowód osobisty")
    PASSPORT = "passport", _("paszport")
    RESIDENCE_CARD = "residence", _("karta pobytu")
    OTHER = "other", _("inny dokument")


class EmploymentSituation(models.TextChoices):
    EMPLOYED = "employed", _("pracujący(-a)")
    UNEMPLOYED = "unemployed", _("bezrobotny(-a)")
    RETIRED = "retired", _("emeryt(ka) / rencista(-ka)")
    STUDENT = "student", _("uczeń / student(ka)")
    INACTIVE = "inactive", _("bierny(-a) zawodowo")
    OTHER = "other", _("inna")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("kawaler / panna")
    MARRIED = "married", _("żonaty / zamężna")
    DIVORCED = "divorced", _("rozwiedziony(-a)")
    SEPARATED = "separated", _("w separacji")
    WIDOWED = "widowed", _("wdowiec / wdowa")
    PARTNERSHIP = "partnership", _("w związku nieformalnym")


class Disability(models.TextChoices):
    NONE = "none", _("brak")
    MILD = "mild", _("stopień lekki")
    MODERATE = "moderate", _("stopień umiarkowany")
    SEVERE = "severe", _("stopień znaczny")
    CHILD = "child", _("orzeczenie o niepełnosprawności (dziecko)")
    PENDING = "pending", _("w trakcie orzekania")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("tak")
    NO = "no", _("nie")
    UNKNOWN = "unknown", _("nie wiadomo")


class RequestChannel(models.TextChoices):
    """How a request reached the centre."""

    IN_PERSON = "in_person", _("osobiście")
    PHONE = "phone", _("telefonicznie")
    EMAIL = "email", _("e-mailem")
    LETTER = "letter", _("listownie")
    EPUAP = "epuap", _("przez ePUAP")
    INSTITUTION = "institution", _("za pośrednictwem instytucji")


class FiledBy(models.TextChoices):
    """Who filed the request."""

    PERSON = "person", _("osoba zainteresowana")
    LEGAL_REPRESENTATIVE = "legal_rep", _("przedstawiciel ustawowy")
    GUARDIAN = "guardian", _("opiekun faktyczny")


class RequestStatus(ColouredChoices):
    """Where a request stands; the last five are its outcomes (badge colour beside)."""

    REGISTERED = "registered", "primary", _("przyjęty")
    ASSESSING = "assessing", "info", _("rozpoznanie potrzeb")
    HANDED_OFF = "handed_off", "secondary", _("przekazany (za zgodą)")
    INFORMATION = "information", "secondary", _("udzielono informacji")
    REFUSED = "refused", "danger", _("odmowa (decyzja)")
    WITHDRAWN = "withdrawn", "dark", _("wycofany")
    PLAN = "plan", "success", _("IPUS")


class HandOffTarget(models.TextChoices):
    SOCIAL_ASSISTANCE = "social_assistance", _("zespół pomocy społecznej")
    CUS_TEAM = "cus_team", _("inny zespół CUS")
    GMINA_UNIT = "gmina_unit", _("jednostka organizacyjna gminy")


class AssessmentPlace(models.TextChoices):
    OFFICE = "office", _("siedziba CUS")
    HOME = "home", _("miejsce zamieszkania osoby")
    ELSEWHERE = "elsewhere", _("inne miejsce")


class AssessmentStatus(ColouredChoices):
    """Where the Indywidualna Diagnoza Potrzeb stands: the labels agree with "diagnoza"."""

    DRAFT = "draft", "warning", _("w przygotowaniu")
    COMPLETED = "completed", "info", _("zakończona — do podpisu")
    SIGNED = "signed", "success", _("podpisana")


class LifeDomain(models.TextChoices):
    """Areas of life the coordinator checks for problems and needs."""

    HEALTH = "health", _("zdrowie")
    DISABILITY = "disability", _("niepełnosprawność")
    SELF_CARE = "self_care", _("samoobsługa i opieka")
    LONELINESS = "loneliness", _("samotność, izolacja")
    HOUSING = "housing", _("mieszkanie")
    MOBILITY = "mobility", _("mobilność, transport")
    MONEY = "money", _("sytuacja materialna")
    WORK = "work", _("praca")
    FAMILY = "family", _("rodzina, kryzys w rodzinie")
    VIOLENCE = "violence", _("przemoc")
    ADDICTION = "addiction", _("uzależnienia")
    CHILDCARE = "childcare", _("opieka nad dziećmi")
    LEISURE = "leisure", _("czas wolny, kultura, aktywność")


class Readiness(models.TextChoices):
    HIGH = "high", _("wysoka — osoba chce zmiany i współpracuje")
    MEDIUM = "medium", _("umiarkowana")
    LOW = "low", _("niska — wymaga motywowania")


class ServiceRowKind(models.TextChoices):
    CURRENT = "current", _("korzysta obecnie")
    WANTED = "wanted", _("chciałby skorzystać")


class PlanStatus(ColouredChoices):
    """Where an IPUS stands (badge colour beside)."""

    DRAFT = "draft", "warning", _("projekt")
    SUBMITTED = "submitted", "info", _("przekazany do zatwierdzenia")
    APPROVED = "approved", "primary", _("zatwierdzony — do podpisu")
    SIGNED = "signed", "primary", _("podpisany")
    ACTIVE = "active", "success", _("w realizacji")
    CLOSED = "closed", "secondary", _("zakończony")
    TERMINATED = "terminated", "dark", _("przerwany")


class VersionStatus(ColouredChoices):
    """Where one version of a plan (the plan itself or an annex) stands."""

    DRAFT = "draft", "warning", _("projekt")
    SUBMITTED = "submitted", "info", _("do zatwierdzenia")
    APPROVED = "approved", "primary", _("zatwierdzona — do podpisu")
    SIGNED = "signed", "success", _("podpisana")


class AnnexReason(models.TextChoices):
    """Why a plan is updated (Monitorowanie IPUS, point 3)."""

    CHANGED_NEEDS = "needs", _("zmiana potrzeb osoby")
    NEW_SERVICES = "services", _("nowe usługi dostępne w ramach projektów")
    NEW_PROGRAMME = "programme", _("przyjęcie przez gminę nowego programu usług społecznych")
    OTHER = "other", _("inny powód")


class ContactMode(models.TextChoices):
    """How the coordinator monitored the plan (Monitorowanie IPUS, point 2)."""

    PHONE = "phone", _("telefonicznie z osobą")
    IN_PERSON = "in_person", _("osobiście z osobą")
    FAMILY = "family", _("z rodziną osoby")
    PROVIDER = "provider", _("z wykonawcą usługi")
    QUALITY = "quality", _("kontrola jakości usługi")


class DeliverySource(models.TextChoices):
    MANUAL = "manual", _("wpisane przez koordynatora")
    CSV = "csv", _("import od realizatora (CSV)")


class DecisionStatus(ColouredChoices):
    """A refusal decision: prepared by the coordinator, signed and issued by the director or an
    employee the director authorised (KPA art. 268a)."""

    PREPARED = "prepared", "warning", _("przygotowana — do podpisu")
    ISSUED = "issued", "success", _("wydana")


class DecisionDeliveryChannel(models.TextChoices):
    """How a decision reached the party (since 2026 e-Doręczenia first, for public bodies)."""

    E_DELIVERY = "e_delivery", _("e-Doręczenia (adres do doręczeń elektronicznych)")
    HYBRID = "hybrid", _("publiczna usługa hybrydowa")
    POST = "post", _("list polecony za zwrotnym potwierdzeniem odbioru")
    IN_PERSON = "in_person", _("osobiście, za pokwitowaniem")


# What proves the delivery, by channel (the stored receipt's title).
RECEIPT_LABELS = {
    DecisionDeliveryChannel.E_DELIVERY: _("dowód otrzymania (UPO)"),
    DecisionDeliveryChannel.HYBRID: _("potwierdzenie odbioru (usługa hybrydowa)"),
    DecisionDeliveryChannel.POST: _("zwrotne potwierdzenie odbioru"),
    DecisionDeliveryChannel.IN_PERSON: _("pokwitowanie odbioru"),
}
