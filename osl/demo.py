"""Demo OSL data from the seeds: the 2021 pilot (stages matrix, quarter-based schedules), the
Starachowice plan 2023–2024 (goals, three communities, city-wide and community schedules with
frequencies) and its update for 2025–2026 with a logged year of activities."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cus.models import User
from osl.choices import PlanStatus
from osl.models import (
    Activity,
    AnnualReport,
    Community,
    Indicator,
    IndicatorValue,
    Leader,
    OslPlan,
    Partner,
    PlanGoal,
    PlanSection,
    Resource,
    ScheduleItem,
    Stage,
    SwotEntry,
    Volunteer,
    VolunteerHours,
)
from osl.seeds.starachowice_2023_2024 import PLAN as STARACHOWICE

GOALS = (
    "Odbudowywanie lub tworzenie więzi wspólnotowych oraz poczucia współodpowiedzialności za "
    "przestrzeń, w której funkcjonuje ta wspólnota.\n"
    "Wyrównywanie szans poprzez wspieranie i wzmacnianie grup i społeczności znajdujących się "
    "w najtrudniejszym położeniu – zagrożonych społecznym wykluczeniem.\n"
    "Wzmocnienie poczucia solidarności społecznej, w tym solidarności sąsiedzkiej, organizacji "
    "pomocy wzajemnej oraz tworzenie świadomości wspólnoty miejsca, losu i sytuacji.\n"
    "Stworzenie wspólnot, w których przełamana jest izolacja i osamotnienie, odtworzone są więzi "
    "emocjonalne, międzyludzkie oraz sieci znajomości przedmiotowych."
)

SECTIONS = (
    (
        "Cele organizowania społeczności lokalnej w ramach aktywności CUS",
        "Organizowanie społeczności lokalnej to forma profesjonalnego działania ukierunkowanego na "
        "wywoływanie trwałych, pozytywnych zmian społecznych. Usługę OSL kieruje się w pierwszej "
        "kolejności do społeczności znajdujących się w najtrudniejszym położeniu.",
    ),
    (
        "Analiza doświadczeń okresu pilotażu i rekomendacje",
        "Działania prowadzono w trzech społecznościach: dwóch terytorialnych (bloki przy ul. "
        "Ostrowieckiej, Osiedle Wzgórze) i jednej kategorialnej (seniorzy na Osiedlu Łazy). "
        "Najlepszą formą dotarcia do społeczności są wielopłaszczyznowe działania animacyjne, "
        "szczególnie w grupie dzieci i ich rodziców; wyzwaniem pozostaje angażowanie członków "
        "społeczności i gotowość instytucji do partnerskiej współpracy.",
    ),
    (
        "Źródło działań wskazanych w Planie",
        "Założenia metodologiczne modelu OSL, wnioski z diagnozy społecznej przeprowadzonej na "
        "potrzeby wdrażania CUS w Starachowicach oraz analiza doświadczeń z okresu wdrażania CUS.",
    ),
    (
        "Założenia metodologiczne OSL",
        "Empowerment, komponenty OSL (diagnoza, integracja, aktywizacja, edukacja), obszary "
        "działania (animacja, sieciowanie, planowanie społeczne) i praca „przez zasoby” (ABCD).",
    ),
    (
        "Narzędzia i główni aktorzy OSL",
        "Organizator społeczności lokalnej, animatorzy, lokalni liderzy i partnerzy; narzędzia "
        "wspierające: partnerstwo wielosektorowe, wolontariat, wydarzenia społecznościowe, "
        "rzecznictwo i informacja obywatelska.",
    ),
)

SWOT = (
    ("S", "Zidentyfikowani lokalni liderzy w każdej społeczności"),
    ("S", "Centrum Aktywności Społecznej na Osiedlu Wzgórze"),
    ("W", "Duże bariery komunikacyjne pomiędzy członkami społeczności"),
    ("W", "Postawy roszczeniowe utrudniające zaangażowanie zasobów własnych"),
    ("O", "Rewitalizacja Osiedla Wzgórze i remonty bloków socjalnych"),
    ("O", "Forum CUS i Forum OSL — doświadczenia innych centrów"),
    ("T", "Brak gotowości osób i instytucji do partnerskiej współpracy"),
    ("T", "Wykwaterowanie mieszkańców bloku przy ul. Ostrowieckiej 21B"),
)

COMMUNITIES = (
    (
        "Wzgórze",
        "territorial",
        "ulice Zakładowa, Mickiewicza i Nadrzeczna",
        "Dawne osiedle robotnicze w zachodniej części miasta; po załamaniu gospodarczym lat 90. "
        "degradacja substancji mieszkaniowej, bezrobocie i bierność dziedziczone z pokolenia na "
        "pokolenie. Trwa rewitalizacja i remonty bloków socjalnych.",
        "Stowarzyszenie „Razem dla Nas” założone przez mieszkańców; wiele osób z kwalifikacjami "
        "zawodowymi możliwymi do wykorzystania w działaniach OSL; Centrum Aktywności Społecznej.",
    ),
    (
        "Ostrowiecka",
        "territorial",
        "bloki przy ul. Ostrowieckiej 21A i 21B",
        "71 mieszkań, głównie socjalnych; mieszkańcy przesiedleni z różnych części miasta, bez "
        "silnych więzi sąsiedzkich; bloki na obrzeżach miasta, słabo skomunikowane z centrum.",
        "Młodzi, pracujący mieszkańcy z kwalifikacjami budowlanymi; aktywne matki; tymczasowa "
        "świetlica urządzona przez mieszkańców w piwnicy bloku.",
    ),
    (
        "Seniorzy",
        "categorical",
        "seniorzy w całym mieście, z zasobami Osiedla Łazy i Świetlicy „Motylkowe Wzgórze”",
        "Seniorzy mieszkający od lat na Osiedlu Łazy i w innych częściach miasta; zagrożenie "
        "osamotnieniem i izolacją.",
        "Silne więzi sąsiedzkie na Łazach, doświadczenie życiowe i gotowość do dzielenia się nim.",
    ),
)

# (community index or None, area, task, implementers, frequency, [(indicator, target, unit, evidence)])
SCHEDULE = (
    (
        None,
        "animation",
        "Spotkania informacyjne z przedstawicielami instytucji miejskich i innych organizacji wspierających działania OSL",
        "OSL",
        "half_yearly",
        [("Spotkania", 2, "spotkania", "lista obecności")],
    ),
    (
        None,
        "animation",
        "Określenie płaszczyzny współpracy w zakresie realizacji zadań OSL przez instytucje i podmioty ekonomii społecznej",
        "OSL",
        "yearly",
        [],
    ),
    (
        None,
        "animation",
        "Systematyczne przekazywanie informacji na temat działań metodą OSL",
        "OSL",
        "continuous",
        [],
    ),
    (
        None,
        "networking",
        "Aktualizacja cyfrowej mapy zasobów i potencjałów na rzecz OSL",
        "CUS - OSL",
        "half_yearly",
        [],
    ),
    (
        None,
        "networking",
        "Pozyskiwanie nowych partnerów do realizacji działań OSL",
        "OSL",
        "continuous",
        [("Nowi partnerzy", 3, "partnerów", "porozumienia, korespondencja")],
    ),
    (
        None,
        "planning",
        "Wspólnie można więcej — szkolenie dla przedstawicieli instytucji i NGO w zakresie działań OSL",
        "OSL",
        "yearly",
        [("Uczestnicy szkolenia", 15, "osób", "lista obecności")],
    ),
    (
        0,
        "animation",
        "Lokalne imprezy integracyjne",
        "OSL, liderzy lokalni",
        "half_yearly",
        [("Uczestnicy", 25, "osób", "lista obecności, dokumentacja zdjęciowa")],
    ),
    (
        0,
        "animation",
        "Gry terenowe dla dzieci i młodzieży",
        "OSL, animatorzy",
        "quarterly",
        [("Uczestnicy", 15, "dzieci", "lista obecności")],
    ),
    (
        0,
        "animation",
        "Organizacja warsztatów, pogadanek, prelekcji i szkoleń adekwatnych do potrzeb społeczności",
        "OSL, partnerzy",
        "quarterly",
        [],
    ),
    (
        0,
        "networking",
        "Współpraca z Centrum Aktywności Społecznej w zakresie działań na Osiedlu",
        "OSL",
        "continuous",
        [],
    ),
    (
        1,
        "animation",
        "Lokalne imprezy integracyjne",
        "OSL, liderzy lokalni",
        "half_yearly",
        [("Uczestnicy", 20, "osób", "lista obecności")],
    ),
    (1, "animation", "Gry terenowe dla dzieci i młodzieży", "OSL, animatorzy", "quarterly", []),
    (
        1,
        "planning",
        "Utrzymywanie kontaktów z przedstawicielami lokalnych władz i przekazywanie wniosków mieszkańców",
        "OSL",
        "ongoing",
        [],
    ),
    (
        2,
        "animation",
        "Spotkania Klubu Seniora z pogadankami tematycznymi",
        "OSL, wolontariusze",
        "monthly",
        [
            ("Spotkania", 10, "spotkań", "lista obecności"),
            ("Aktywni wolontariusze", 5, "osób", "rejestr wolontariuszy"),
        ],
    ),
    (
        2,
        "networking",
        "Włączenie Świetlicy „Motylkowe Wzgórze” w działania na rzecz seniorów",
        "OSL",
        "as_needed",
        [],
    ),
)

PILOT_STAGES = (
    (
        "Przed wejściem",
        "Uzupełnienie i uspołecznienie diagnozy zasobów i potencjałów społeczności lokalnych",
        "ED",
        ["2021-Q2"],
    ),
    (
        "Przed wejściem",
        "Miejska kampania informacyjno-edukacyjna na rzecz OSŁ",
        "AE",
        ["2021-Q2", "2021-Q3"],
    ),
    ("Wejście", "Integracja mieszkańców wokół OSŁ", "AI", ["2021-Q3", "2021-Q4"]),
    (
        "Wejście",
        "Wyłonienie lokalnych liderów i nieformalnych grup aktywności",
        "AD",
        ["2021-Q2", "2021-Q3"],
    ),
    (
        "Aktywizacja",
        "Uzgodnienie i realizacja szczegółowych planów OSŁ dla każdej ze społeczności",
        "ADEI",
        ["2021-Q4", "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1"],
    ),
    (
        "Aktywizacja",
        "Program edukacyjny „Akademia Mieszkańca Aktywnego”",
        "EI",
        ["2021-Q4", "2022-Q1", "2022-Q2"],
    ),
    (
        "Wyjście",
        "Partycypacyjna ewaluacja OSL i włączenie jej wyników do systemu wsparcia",
        "AD",
        ["2023-Q1"],
    ),
    (
        "Wyjście",
        "Kampania podsumowująca dorobek OSL i ścieżki jego kontynuacji",
        "AE",
        ["2022-Q4", "2023-Q1"],
    ),
)

# Pilot city-wide schedule for 2021, by quarters: (area, task, implementers, quarters)
PILOT_SCHEDULE = (
    (
        "animation",
        "Spotkania informacyjne z wybranymi przedstawicielami instytucji miejskich",
        "CUS - OSL",
        ["2021-Q2"],
    ),
    (
        "animation",
        "Po co nam OSL — kampania informacyjna w mediach lokalnych",
        "CUS - OSL",
        ["2021-Q2", "2021-Q3"],
    ),
    (
        "networking",
        "Opracowanie cyfrowej mapy zasobów i potencjałów na rzecz OSL",
        "CUS - OSL",
        ["2021-Q2"],
    ),
    (
        "networking",
        "Pozyskiwanie nowych partnerów do realizacji działań OSL",
        "Animatorzy OSL",
        ["2021-Q2", "2021-Q3", "2021-Q4"],
    ),
    (
        "planning",
        "Wspólnie można więcej — szkolenie dla przedstawicieli instytucji i NGO",
        "KOOWES",
        ["2021-Q4"],
    ),
    (
        "planning",
        "Prezentacja metody OSL na sesjach Rady Miasta i Rady Powiatu",
        "CUS - OSL",
        ["2021-Q3"],
    ),
)

RESOURCES = (
    (
        "Centrum Aktywności Społecznej",
        "infrastructure",
        0,
        "Starachowice, os. Wzgórze",
        51.0536,
        21.0589,
    ),
    (
        "Świetlica w bloku przy ul. Ostrowieckiej",
        "infrastructure",
        1,
        "ul. Ostrowiecka 21A",
        51.0440,
        21.1010,
    ),
    ("Stowarzyszenie „Razem dla Nas”", "human", 0, "os. Wzgórze", 51.0546, 21.0575),
    ("Świetlica „Motylkowe Wzgórze”", "cultural", 2, "Starachowice", 51.0500, 21.0700),
    ("Park nad Kamionką", "natural", None, "Starachowice", 51.0480, 21.0800),
)


UPDATE_TITLE = "Plan Organizowania Społeczności Lokalnej na lata 2025–2026"

REPORT_NARRATIVE = (
    "Działania prowadzono we wszystkich trzech społecznościach zgodnie z harmonogramem. "
    "Najlepsze efekty dały gry terenowe dla dzieci na Wzgórzu i spotkania Klubu Seniora; "
    "wolontariusze wsparli co trzecie działanie. Na kolejny rok rekomenduje się wzmocnienie "
    "współpracy ze szkołą i włączenie liderów Ostrowieckiej w planowanie działań."
)


def seed(stdout=None):
    seed_plans(stdout)
    seed_reports(stdout)


@transaction.atomic
def seed_plans(stdout=None):
    organizer = User.objects.filter(username="osl").first()
    director = User.objects.filter(username="dyrektor").first()
    animator = User.objects.filter(username="animator").first()
    if not (organizer and director) or OslPlan.objects.exists():
        return
    partners = [
        Partner.objects.create(name=name, kind=kind, cooperation=form, contact=contact)
        for name, kind, form, contact in (
            ("Stowarzyszenie „Razem dla Nas” (demo)", "ngo", "informal", "razem@example.org"),
            ("Szkoła Podstawowa nr 9 (demo)", "school", "partnership", "sekretariat@example.org"),
            ("Parafia pw. św. Trójcy (demo)", "parish", "informal", ""),
            ("Ośrodek Kultury (demo)", "institution", "partnership", "41 000 00 00"),
        )
    ]
    volunteers = [
        Volunteer.objects.create(
            name=name,
            consent_on=date(2025, 3, 1),
            consent_scope="kontakt w sprawie działań OSL, lista wolontariuszy",
            skills=skills,
        )
        for name, skills in (
            ("Teresa Wolontariuszka (demo)", "rękodzieło"),
            ("Marek Pomocny (demo)", "gry terenowe"),
            ("Alicja Sąsiedzka (demo)", "zajęcia dla seniorów"),
        )
    ]
    pilot = _plan(
        "Plan Organizowania Społeczności Lokalnej — pilotaż CUS",
        date(2021, 4, 1),
        date(2023, 3, 31),
        organizer,
    )
    communities = _communities(pilot)
    for order, (name, goal, components, quarters) in enumerate(PILOT_STAGES):
        Stage.objects.create(
            plan=pilot,
            order=order,
            name=name,
            operational_goals=goal,
            components=list(components),
            quarters=quarters,
        )
    for area, task, implementers, quarters in PILOT_SCHEDULE:
        ScheduleItem.objects.create(
            plan=pilot,
            area=area,
            task=task,
            implementers=implementers,
            timing_kinds=["quarters"],
            quarters=quarters,
        )
    ScheduleItem.objects.create(
        plan=pilot,
        community=communities[0],
        area="animation",
        task="Wakacje pod chmurką — cykliczne zabawy dla dzieci",
        implementers="CUS - OSL, animatorzy",
        timing_kinds=["months"],
        months=["2021-07", "2021-08"],
        target_group="dzieci",
        participants="ok. 20 na spotkanie",
        participants_basis="occurrence",
    )
    _adopt(pilot, "Zarządzenie nr 15/2021 (demo)", date(2021, 3, 29), director)
    pilot.set_status(PlanStatus.COMPLETED, director)

    current = _seeded_plan(STARACHOWICE, organizer, partners)
    for community in current.communities.order_by("pk"):
        Leader.objects.create(
            community=community, name=f"Lider {community.name} (demo)", contact="tel. 600 000 000"
        )
    _adopt(current, "Zarządzenie nr 21/2023 (demo)", date(2023, 3, 30), director)

    from osl.workflows import new_version

    update = new_version(
        current,
        organizer,
        reason="Harmonogram na lata 2025–2026 z wnioskami z monitoringu",
        years=2,
        conclusions="Najlepsze efekty dają działania z dziećmi i seniorami; wzmocnić wolontariat.",
    )
    OslPlan.objects.filter(pk=update.pk).update(title=UPDATE_TITLE)
    _adopt(update, "Zarządzenie nr 7/2025 (demo)", date(2025, 1, 15), director)
    for name, capital, community, address, lat, lon in RESOURCES:
        Resource.objects.create(
            name=name,
            capital=capital,
            address=address,
            latitude=lat,
            longitude=lon,
            community=update.communities.order_by("pk")[community]
            if community is not None
            else None,
        )
    _activities(update, animator or organizer, volunteers)
    # An update handed to the director: the director's to-do and start page hold a plan to adopt.
    from osl.workflows import submit

    pending = new_version(
        update, organizer, reason="Aktualizacja harmonogramu po przeglądzie półrocznym (demo)"
    )
    submit(pending, organizer)
    if stdout:
        stdout.write(
            "Plany OSL (demo): pilotaż 2021–2023, plan 2023–2024 i jego aktualizacja 2025–2026"
        )


@transaction.atomic
def seed_reports(stdout=None):
    """The organizer's annual report on every ended plan year of the plan in force (due by 31 March
    of the next year), as the plan page makes it; years already reported are left alone."""
    from osl.workflows import family, generate_report

    organizer = User.objects.filter(username="osl").first()
    plan = OslPlan.objects.filter(title=UPDATE_TITLE, status=PlanStatus.ADOPTED).first()
    if organizer is None or plan is None:
        return 0
    today = timezone.localdate()
    reported = {r.period for r in AnnualReport.objects.filter(plan__in=family(plan))}
    periods = [p for p in plan.report_periods if p.end < today and p not in reported]
    for period in periods:
        generate_report(plan, period, REPORT_NARRATIVE, organizer)
    if stdout and periods:
        stdout.write(f"Sprawozdania OSL (demo): {', '.join(map(str, periods))}")
    return len(periods)


def _plan(title, start, end, user):
    plan = OslPlan(
        title=title,
        period_start=start,
        period_end=end,
        support_kinds=["partnerships", "volunteering", "mutual_help", "campaigns", "advocacy"],
    )
    plan.stamp(user)
    plan.save()
    lines = [line.strip() for line in GOALS.splitlines() if line.strip()]
    PlanGoal.objects.bulk_create(
        [PlanGoal(plan=plan, order=n, title=title) for n, title in enumerate(lines, start=1)]
    )
    for order, (title_, body) in enumerate(SECTIONS):
        PlanSection.objects.create(plan=plan, order=order, title=title_, body=body)
    SwotEntry.objects.bulk_create([SwotEntry(plan=plan, kind=k, text=t) for k, t in SWOT])
    return plan


def _communities(plan):
    return [
        Community.objects.create(
            plan=plan,
            name=name,
            kind=kind,
            boundaries=bounds,
            description=description,
            potential=potential,
            baseline="Stan wyjściowy wg diagnozy i raportu z pilotażu.",
        )
        for name, kind, bounds, description, potential in COMMUNITIES
    ]


# The plan's own tables have no indicator column: the demo gives some of its tasks indicators
# of its own, so that progress and the activity form have targets. (schedule key, Lp.) → rows.
DEMO_INDICATORS = {
    (None, 1): [("Spotkania", 2, "spotkania", "lista obecności")],
    (None, 6): [("Nowi partnerzy", 3, "partnerów", "porozumienia, korespondencja")],
    (None, 10): [("Uczestnicy szkolenia", 15, "osób", "lista obecności")],
    ("wzgorze", 1): [("Uczestnicy", 25, "osób", "lista obecności, dokumentacja zdjęciowa")],
    ("wzgorze", 2): [("Uczestnicy", 15, "dzieci", "lista obecności")],
    ("ostrowiecka", 1): [("Uczestnicy", 20, "osób", "lista obecności")],
    ("seniorzy", 2): [
        ("Spotkania", 10, "spotkań", "lista obecności"),
        ("Aktywni wolontariusze", 5, "osób", "rejestr wolontariuszy"),
    ],
}


def _seeded_plan(data, user, partners):
    """The plan of a seed module (osl/seeds/: the document's whole text and every task of its
    schedules), with the demo's SWOT (the plan has none) and the demo's indicators."""
    plan = OslPlan(
        title=data["title"],
        period_start=data["period_start"],
        period_end=data["period_end"],
        support_kinds=list(data["support_kinds"]),
    )
    plan.stamp(user)
    plan.save()
    goals = PlanGoal.objects.bulk_create(
        [
            PlanGoal(plan=plan, order=n, title=goal["title"], description=goal["description"])
            for n, goal in enumerate(data["goals"], start=1)
        ]
    )
    PlanSection.objects.bulk_create(
        [
            PlanSection(plan=plan, order=n, title=section["title"], body=section["body"])
            for n, section in enumerate(data["sections"], start=1)
        ]
    )
    swot = [(kind, text) for kind, texts in data["swot"].items() for text in texts] or SWOT
    SwotEntry.objects.bulk_create([SwotEntry(plan=plan, kind=k, text=t) for k, t in swot])
    communities = {}
    for order, community in enumerate(data["communities"], start=1):
        fields = {name: value for name, value in community.items() if name != "key"}
        communities[community["key"]] = Community.objects.create(plan=plan, order=order, **fields)
    for schedule in data["schedules"]:
        key = schedule["community"]
        for row in schedule["items"]:
            timing = row["timing"]
            item = ScheduleItem.objects.create(
                plan=plan,
                community=communities[key] if key else None,
                number=row["number"],
                specific_goal=goals[row["goal"]] if row["goal"] is not None else None,
                area=row["area"],
                task=row["task"],
                method=row["method"],
                target_group=row["target_group"],
                participants=row["participants"],
                participants_basis=row["participants_basis"],
                timing_kinds=list(timing["kinds"]),
                frequency=timing["frequency"],
                quarters=list(timing["quarters"]),
                months=list(timing["months"]),
                starts_on=timing["starts_on"],
                ends_on=timing["ends_on"],
                timing_note=timing["note"],
                implementers=row["implementers"],
                alternative=row["alternative"],
            )
            if "partner" in row["implementers"].lower():
                item.partners.set(partners[:2])
            own = DEMO_INDICATORS.get((key, row["number"]), [])
            for order, (name, target, unit, evidence) in enumerate(own, start=1):
                Indicator.objects.create(
                    item=item, order=order, name=name, target=target, unit=unit, evidence=evidence
                )
            for order, indicator in enumerate(row["indicators"], start=len(own) + 1):
                Indicator.objects.create(item=item, order=order, **indicator)
    return plan


def _adopt(plan, number, day, director):
    """The organizer (the plan's author) hands the draft over; the director adopts it."""
    from osl.workflows import adopt, submit

    submit(plan, plan.created_by or director)
    adopt(plan, number, day, director)
    plan.refresh_from_db()


def _activities(plan, user, volunteers):
    today = timezone.localdate()
    items = list(plan.schedule_items.prefetch_related("indicators").order_by("pk"))
    day, step = plan.period_start + timedelta(days=10), 0
    while day < min(today, plan.period_end):
        item = items[step % len(items)]
        step += 1
        if item.frequency in ("continuous", "ongoing", "as_needed"):
            continue
        activity = Activity(
            item=item,
            held_on=day,
            place="Centrum Aktywności Społecznej" if item.community_id else "CUS, ul. Majówka 21a",
            description=f"{item.task} — spotkanie z mieszkańcami.",
            participants=12 + step % 15,
            children=4,
            adults=6,
            seniors=2,
        )
        activity.stamp(user)
        activity.save()
        if step % 3 == 0:
            VolunteerHours.objects.create(
                activity=activity, volunteer=volunteers[step // 3 % len(volunteers)], hours=3
            )
        for indicator in item.indicators.all():
            IndicatorValue.objects.create(
                activity=activity, indicator=indicator, value=1 if indicator.target < 10 else 12
            )
        day += timedelta(days=11)
