"""Demo catalogue of CUS Starachowice: the pilot services, providers and the programme.

From "Planowany katalog usług do wdrożenia w ramach pilotażu" and the programme
tables ("Cel szczegółowy 1…") of the 2021 implementation plan. Idempotent.
"""

from datetime import date, time

from django.db import transaction

from cus.plurals import counted
from services.choices import (
    CapacityPeriod,
    ContractingMode,
    ProgrammeStatus,
    ProviderKind,
    ServiceKind,
    Unit,
)
from services.models import (
    Challenge,
    Programme,
    ProgrammeEntry,
    ProgrammeGoal,
    Provider,
    Service,
    StatutoryArea,
    TargetGroup,
)

SENIORS = "Seniorzy"
DISABLED = "Osoby z niepełnosprawnościami"
CRISIS = "Osoby doświadczające sytuacji kryzysowej oraz opuszczające pieczę zastępczą"
RESIDENTS = "Mieszkańcy Starachowic"
FAMILIES = "Osoby i rodziny w kryzysie"

PROVIDERS = {
    # key: (name, kind, contracting mode, town)
    "pes": (
        "Spółdzielnia Socjalna „Razem” (demo)",
        ProviderKind.PES,
        ContractingMode.PROCUREMENT_SOCIAL,
    ),
    "pes_care": (
        "Fundacja „Dobra Opieka” (demo)",
        ProviderKind.PES,
        ContractingMode.COOPERATIVES_15A,
    ),
    "jst": (
        "Urząd Miasta Starachowice — Wydział Komunikacji (demo)",
        ProviderKind.JST,
        ContractingMode.NOT_APPLICABLE,
    ),
    "mosir": ("MOSiR Starachowice (demo)", ProviderKind.JST, ContractingMode.NOT_APPLICABLE),
    "ngo": ("Stowarzyszenie „Aktywni Razem” (demo)", ProviderKind.NGO, ContractingMode.OPEN_CALL),
    "cus": (
        "CUS Starachowice — Zespół usług społecznych",
        ProviderKind.CUS_DEPARTMENT,
        ContractingMode.IN_HOUSE,
    ),
}

HOME = "Miejsce zamieszkania klienta"
RADOMSKA = "Starachowice, ul. Radomska 2"
TOWN = "Teren Miasta Starachowice"
WEEKDAYS = [1, 2, 3, 4, 5]

# name, challenges, areas, goal, target groups, place, unit, kind, providers, capacity (units, period, persons)
SERVICES = (
    (
        "Usługi opiekuńcze w miejscu zamieszkania (w tym opieka wytchnieniowa)",
        ["Starość", "Niepełnosprawność"],
        ["social_assistance", "disability"],
        "Umożliwienie funkcjonowania w dotychczasowym środowisku",
        [SENIORS, DISABLED],
        HOME,
        Unit.HOUR,
        ServiceKind.INCREASED,
        ["pes_care"],
        (2400, CapacityPeriod.QUARTER, 30),
    ),
    (
        "Mobilny konserwator - Złota Rączka",
        ["Starość", "Niepełnosprawność"],
        ["social_assistance", "disability"],
        "Poprawa warunków życia w miejscu zamieszkania",
        [SENIORS, DISABLED],
        HOME,
        Unit.SERVICE,
        ServiceKind.NEW,
        ["pes"],
        (120, CapacityPeriod.YEAR, None),
    ),
    (
        "Taksówka dla seniora",
        ["Starość", "Niepełnosprawność"],
        ["social_assistance", "disability"],
        "Ułatwienie dostępu do usług dla osób starszych i niepełnosprawnych",
        [SENIORS, DISABLED],
        HOME,
        Unit.RIDE,
        ServiceKind.NEW,
        ["jst"],
        (80, CapacityPeriod.MONTH, None),
    ),
    (
        "Mobilny fizjoterapeuta",
        ["Starość", "Niepełnosprawność"],
        ["health", "social_assistance", "disability"],
        "Współpraca ze specjalistą w zakresie terapeutycznym zmierzająca do wielostronnej aktywizacji osoby korzystającej",
        [SENIORS, DISABLED],
        HOME,
        Unit.VISIT,
        ServiceKind.NEW,
        ["pes"],
        (60, CapacityPeriod.MONTH, None),
    ),
    (
        "Mieszkania chronione dla osób starszych i/lub niepełnosprawnych",
        ["Starość", "Niepełnosprawność"],
        ["social_assistance", "disability", "housing"],
        "Zapobieganie umieszczeniu w placówce całodobowej",
        [SENIORS, DISABLED],
        RADOMSKA,
        Unit.PLACE,
        ServiceKind.NEW,
        ["pes", "cus"],
        (None, "", 6),
    ),
    (
        "Mieszkania chronione dla osób doświadczających kryzysu w rodzinie i opuszczających pieczę zastępczą",
        ["Kryzys rodziny"],
        ["family_policy", "family_support", "foster_care", "housing"],
        "Stworzenie bezpiecznego miejsca dla osób doświadczających sytuacji kryzysowych (np. przemocy domowej)",
        [CRISIS],
        RADOMSKA,
        Unit.PLACE,
        ServiceKind.NEW,
        ["pes", "cus"],
        (None, "", 4),
    ),
    (
        "Opieka nad dziećmi do lat 3",
        ["Kryzys rodziny"],
        ["family_policy", "family_support", "foster_care"],
        "Zapewnienie opieki nad dziećmi w celu poszukiwania pracy przez klienta lub załatwiania ważnych spraw osobistych",
        [CRISIS],
        RADOMSKA,
        Unit.HOUR,
        ServiceKind.NEW,
        ["pes"],
        (300, CapacityPeriod.MONTH, 8),
    ),
    (
        "Broker pracy",
        ["Starość", "Kryzys rodziny"],
        ["reintegration"],
        "Wsparcie w znalezieniu zatrudnienia",
        [SENIORS, CRISIS],
        TOWN,
        Unit.HOUR,
        ServiceKind.NEW,
        ["pes"],
        (160, CapacityPeriod.MONTH, None),
    ),
    (
        "Grupy wsparcia dla rodzin w kryzysie",
        ["Kryzys rodziny"],
        ["family_support", "foster_care"],
        "Poprawa sytuacji życiowej",
        [CRISIS],
        TOWN,
        Unit.SESSION,
        ServiceKind.INCREASED,
        ["ngo"],
        (8, CapacityPeriod.MONTH, 15),
    ),
    (
        "Pakiet programów zdrowotnych",
        ["Starość", "Niepełnosprawność"],
        ["health"],
        "Profilaktyka zdrowotna",
        [SENIORS, DISABLED, CRISIS],
        TOWN,
        Unit.SESSION,
        ServiceKind.NEW,
        ["pes"],
        (None, "", None),
    ),
    (
        "Usługi kulturalne",
        ["Starość", "Niepełnosprawność", "Kryzys rodziny"],
        ["culture", "civic_activity"],
        "Zapewnienie dostępu do usług zaspokajających potrzeby wyższego rzędu",
        [SENIORS, DISABLED, CRISIS],
        TOWN,
        Unit.SESSION,
        ServiceKind.NEW,
        ["ngo", "mosir"],
        (None, "", None),
    ),
    (
        "Usługi sportowo-rekreacyjne",
        ["Starość", "Niepełnosprawność", "Kryzys rodziny"],
        ["sport_tourism"],
        "Zapewnienie dostępu do usług zaspokajających potrzeby wyższego rzędu",
        [SENIORS, DISABLED, CRISIS],
        TOWN,
        Unit.SESSION,
        ServiceKind.NEW,
        ["mosir"],
        (None, "", None),
    ),
    (
        "Animacje społeczności lokalnej",
        ["Przeciwdziałanie izolacji społecznej"],
        ["civic_activity"],
        "Zapobieganie izolacji społecznej, rozwój współpracy, rozwój działań wspierających usługi społeczne "
        "(wolontariat, ruchy samopomocowe i sąsiedzkie)",
        [RESIDENTS],
        TOWN,
        Unit.SESSION,
        ServiceKind.NEW,
        ["ngo"],
        (None, "", None),
    ),
)

# The programme table: target group → services in the seed's order.
PROGRAMME_TABLE = {
    SENIORS: [
        "Usługi opiekuńcze w miejscu zamieszkania (w tym opieka wytchnieniowa)",
        "Mobilny konserwator - Złota Rączka",
        "Taksówka dla seniora",
        "Mobilny fizjoterapeuta",
        "Mieszkania chronione dla osób starszych i/lub niepełnosprawnych",
        "Broker pracy",
        "Pakiet programów zdrowotnych",
        "Usługi kulturalne",
        "Usługi sportowo-rekreacyjne",
        "Animacje społeczności lokalnej",
    ],
    FAMILIES: [
        "Mieszkania chronione dla osób doświadczających kryzysu w rodzinie i opuszczających pieczę zastępczą",
        "Opieka nad dziećmi do lat 3",
        "Broker pracy",
        "Grupy wsparcia dla rodzin w kryzysie",
        "Usługi kulturalne",
        "Usługi sportowo-rekreacyjne",
        "Animacje społeczności lokalnej",
    ],
}

GOALS = (
    (
        1,
        "Zwiększenie dostępu do usług społecznych dla różnych grup mieszkańców Starachowic",
        "Poszerzenie oferty usług społecznych\nZwiększenie wolumenu istniejących usług",
    ),
    (
        2,
        "Zapewnienie wysokiej jakości usług społecznych",
        "Wprowadzenie minimalnych standardów świadczenia usług społecznych\nWdrożenie systemu monitoringu usług społecznych",
    ),
    (
        3,
        "Rozwój współpracy międzysektorowej",
        "Utworzenie lokalnej sieci usługodawców\nZwiększenie udziału podmiotów ekonomii społecznej w realizacji usług społecznych",
    ),
)


def _update_or_create(model, defaults, **lookup):
    """``update_or_create`` that saves only what changed: a re-run adds no history rows."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **defaults)
    changed = {
        field: value for field, value in defaults.items() if getattr(instance, field) != value
    }
    if changed:
        for field, value in changed.items():
            setattr(instance, field, value)
        instance.save()
    return instance


@transaction.atomic
def seed(stdout=None):
    providers = {}
    for key, (name, kind, mode) in PROVIDERS.items():
        providers[key] = _update_or_create(
            Provider,
            name=name,
            defaults={
                "kind": kind,
                "contracting_mode": mode,
                "town": "Starachowice",
                "active": True,
            },
        )
    programme = _update_or_create(
        Programme,
        name="Program Usług Społecznych w Starachowicach",
        defaults={
            "resolution_number": "XXXIV/250/2021 (demo)",
            "resolution_date": date(2021, 6, 28),
            "period_start": date(2021, 7, 1),
            "period_end": date(2026, 12, 31),
            "main_goal": "Wzrost jakości życia mieszkańców Starachowic.",
            # Seeded as adopted (demo data, like plans seeded in their states); on the
            # pages a programme's status moves only by the OUS's buttons.
            "status": ProgrammeStatus.IN_FORCE,
            "fee_rules": "Usługi bezpłatne w ramach pilotażu.",
            "discounts": "Nie dotyczy w okresie pilotażu.",
        },
    )
    for number, title, results in GOALS:
        ProgrammeGoal.objects.update_or_create(
            programme=programme, number=number, defaults={"title": title, "results": results}
        )
    areas = StatutoryArea.objects.ensure_all()
    services = {}
    for name, challenges, area_codes, goal, groups, place, unit, kind, provider_keys, (
        units,
        period,
        persons,
    ) in SERVICES:
        service = _update_or_create(
            Service,
            name=name,
            defaults={
                "goal": goal,
                "place": place,
                "unit": unit,
                "kind": kind,
                "programme": programme,
                "is_free": True,
                # Free in the pilot: no price, so no discounts either (Service.clean).
                "discount_rules": "",
                "available_days": WEEKDAYS,
                "available_from": time(8, 0),
                "available_to": time(16, 0),
                "capacity_units": units,
                "capacity_period": period,
                "capacity_persons": persons,
                "active": True,
            },
        )
        service.challenges.set([Challenge.objects.get_or_create(name=c)[0] for c in challenges])
        service.areas.set([areas[code] for code in area_codes])
        service.target_groups.set([TargetGroup.objects.get_or_create(name=g)[0] for g in groups])
        service.providers.set([providers[key] for key in provider_keys])
        services[name] = service
    for group_name, names in PROGRAMME_TABLE.items():
        group, _created = TargetGroup.objects.get_or_create(name=group_name)
        for order, name in enumerate(names):
            ProgrammeEntry.objects.update_or_create(
                programme=programme,
                target_group=group,
                service=services[name],
                defaults={"order": order},
            )
    if stdout:
        stdout.write(
            f"Katalog usług: {counted(len(services), 'usługa')}, {counted(len(providers), 'realizator')}, 1 program."
        )
