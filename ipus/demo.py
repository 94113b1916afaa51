"""Fictional residents for the demo: generated, checksum-valid PESELs, flagged as demo records."""

import io
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from cus import pesel
from cus.models import User
from cus.plurals import counted
from ipus.choices import Disability, EmploymentSituation, MaritalStatus, RequestStatus, YesNoUnknown
from ipus.models import Person, Request

# first name, last name, birth date, sex, street, building, disability, previous assistance
RESIDENTS = (
    (
        "Janina",
        "Przykładowa",
        date(1942, 3, 14),
        pesel.FEMALE,
        "ul. Radomska",
        "12",
        Disability.MODERATE,
        YesNoUnknown.YES,
    ),
    (
        "Stanisław",
        "Testowy",
        date(1938, 11, 2),
        pesel.MALE,
        "ul. Kolejowa",
        "5",
        Disability.SEVERE,
        YesNoUnknown.NO,
    ),
    (
        "Halina",
        "Demonstracyjna",
        date(1951, 6, 30),
        pesel.FEMALE,
        "ul. Wysoka",
        "3",
        Disability.NONE,
        YesNoUnknown.NO,
    ),
    (
        "Marek",
        "Fikcyjny",
        date(1979, 1, 21),
        pesel.MALE,
        "ul. Leśna",
        "8",
        Disability.NONE,
        YesNoUnknown.UNKNOWN,
    ),
    (
        "Agnieszka",
        "Wzorcowa",
        date(1990, 9, 9),
        pesel.FEMALE,
        "os. Południe",
        "4",
        Disability.MILD,
        YesNoUnknown.YES,
    ),
)


@transaction.atomic
def seed(stdout=None):
    for index, (first, last, born, sex, street, building, disability, before) in enumerate(
        RESIDENTS
    ):
        number = pesel.make(born, serial=9000 + index * 7, sex=sex)
        person = Person.objects.filter(pesel=number).first() or Person(pesel=number)
        for field, value in {
            "first_name": first,
            "last_name": last,
            "birth_date": born,
            "sex": sex,
            "street": street,
            "building": building,
            "postal_code": "27-200",
            "town": "Starachowice",
            "phone": f"600 000 {100 + index}",
            "employment": EmploymentSituation.RETIRED
            if born.year < 1960
            else EmploymentSituation.EMPLOYED,
            "marital_status": MaritalStatus.WIDOWED if born.year < 1945 else MaritalStatus.MARRIED,
            "household_size": 1 if born.year < 1945 else 3,
            "disability": disability,
            "previous_social_assistance": before,
            "gdpr_clause_given_on": date(2026, 10, 1),
            "is_demo": True,
        }.items():
            setattr(person, field, value)
        if (
            person._state.adding
            or Person.objects.filter(pk=person.pk).exclude(first_name=first).exists()
        ):
            person.save()
    requests = _seed_requests()
    seed_plans(stdout)
    seed_history(stdout)
    seed_summary(stdout)
    if stdout:
        stdout.write(f"Mieszkańcy (demo): {len(RESIDENTS)}, wnioski: {requests}")


# A refusal the coordinator prepared, waiting for the director's signature.
PREPARED_REFUSAL = "prepared_refusal"
# (resident index, days ago, channel, text, outcome or None)
REQUESTS = (
    (0, 3, "in_person", "Pomoc w codziennych czynnościach i przejazdy do lekarza", None),
    (1, 35, "phone", "Usługi opiekuńcze po wyjściu ze szpitala", None),
    (2, 20, "letter", "Informacja o zajęciach dla seniorów", RequestStatus.INFORMATION),
    (3, 15, "epuap", "Wsparcie w znalezieniu pracy", RequestStatus.HANDED_OFF),
    (4, 12, "email", "Rezygnacja z wniosku o opiekę nad dzieckiem", RequestStatus.WITHDRAWN),
    (3, 40, "letter", "Przejazdy taksówką na zakupy i do urzędów", RequestStatus.REFUSED),
    (4, 6, "letter", "Przejazdy taksówką poza teren gminy", PREPARED_REFUSAL),
)

# Requests filed for the person by someone acting for them: text → (capacity, name, document
# of authority, contact).
REPRESENTED = {
    "Usługi opiekuńcze po wyjściu ze szpitala": (
        "legal_rep",
        "Tomasz Wiśniewski",
        "postanowienie Sądu Rejonowego w Starachowicach z dnia 12 lutego 2025 r., sygn. I Ns 41/25",
        "tel. 600 200 300",
    ),
}

# The refusal decision on the request above: (decision, justification).
REFUSAL = (
    "Odmawia się przyznania usługi „Taksówka dla seniora”.",
    "Usługa „Taksówka dla seniora” jest w programie usług społecznych przeznaczona dla "
    "seniorów i osób z niepełnosprawnościami. Wnioskodawca nie należy do żadnej z tych grup, "
    "dlatego nie spełnia kryteriów dostępu do usługi. Poinformowano go o innych formach "
    "wsparcia dostępnych w Centrum.",
)


def _seed_requests():
    kipus = User.objects.filter(username="kipus").first()
    if kipus is None:
        return 0
    people = list(Person.objects.filter(is_demo=True).order_by("birth_date"))
    by_name = {(p.first_name, p.last_name): p for p in people}
    for index, days_ago, channel, text, outcome in REQUESTS:
        first, last = RESIDENTS[index][0], RESIDENTS[index][1]
        person = by_name[(first, last)]
        if Request.objects.filter(person=person, requested_text=text).exists():
            continue
        request_obj = Request.objects.create(
            person=person,
            channel=channel,
            requested_text=text,
            coordinator=kipus,
            received_at=timezone.now() - timedelta(days=days_ago),
        )
        if text in REPRESENTED:
            (
                request_obj.filed_by,
                request_obj.filer_name,
                request_obj.filer_authority,
                request_obj.filer_contact,
            ) = REPRESENTED[text]
            request_obj.save()
        if outcome == RequestStatus.REFUSED:
            _refuse(request_obj, kipus)
            continue
        if outcome == PREPARED_REFUSAL:
            _refuse(request_obj, kipus, issue=False)
            continue
        if outcome == RequestStatus.INFORMATION:
            request_obj.information_given = "Przekazano harmonogram zajęć Klubu Seniora."
            request_obj.referred_to = "Klub Seniora, ul. Radomska 2"
        elif outcome == RequestStatus.HANDED_OFF:
            request_obj.handoff_to = "gmina_unit"
            request_obj.handoff_recipient = "Powiatowy Urząd Pracy (demo)"
            request_obj.handoff_what = "Dane kontaktowe i opis oczekiwań"
            request_obj.handoff_consent_on = timezone.localdate() - timedelta(days=14)
        elif outcome == RequestStatus.WITHDRAWN:
            request_obj.withdrawal_reason = "Rodzina zapewniła opiekę."
        request_obj.save()
        if outcome:
            request_obj.set_status(outcome, kipus)
    _seed_assessments(kipus)
    return Request.objects.filter(person__is_demo=True).count()


def _refuse(request_obj, kipus, issue=True):
    """The decision as KPA wants it: prepared by the coordinator, issued by an OUS holding the
    director's authorisation (KPA art. 268a), delivered by post with its return slip."""
    from pypdf import PdfWriter

    from cus.choices import AuthorisationScope, DocumentKind
    from cus.models import Authorisation, StoredDocument
    from ipus.choices import DecisionDeliveryChannel
    from ipus.forms import RefusalForm
    from ipus.models import RefusalDecision
    from ipus.models.cases import DEFAULT_LEGAL_BASIS
    from ipus.workflows import issue_refusal, prepare_refusal

    signer = User.objects.filter(username="ous").first() or User.objects.get(username="dyrektor")

    def blank_pdf(title):
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        buffer = io.BytesIO()
        writer.write(buffer)
        return StoredDocument.store(buffer.getvalue(), kind=DocumentKind.SIGNED_SCAN, title=title)

    if signer.username == "ous" and not Authorisation.objects.filter(user=signer).exists():
        Authorisation.objects.create(
            user=signer,
            scope=AuthorisationScope.IPUS_REFUSALS,
            reference="CUS.077.1.2026",
            valid_from=timezone.localdate() - timedelta(days=365),
            document=blank_pdf("Upoważnienie CUS.077.1.2026 (demo)"),
        )
    decision, justification = REFUSAL
    form = RefusalForm(
        {"legal_basis": DEFAULT_LEGAL_BASIS, "decision": decision, "justification": justification}
    )
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    prepared = prepare_refusal(request_obj, form, kipus)
    if not issue:
        return
    refusal = issue_refusal(prepared, signer)
    RefusalDecision.objects.filter(pk=refusal.pk).update(
        delivery_channel=DecisionDeliveryChannel.POST,
        delivered_on=refusal.decided_on,
        receipt=blank_pdf(f"Decyzja {refusal.number} — zwrotne potwierdzenie odbioru (demo)"),
    )


# Two completed assessments on the two open requests: (resident index, problems, wanted rows).
ASSESSMENTS = (
    (
        0,
        "Trudności z zakupami i dojazdem do lekarza; mieszka sama.",
        [
            ("Taksówka dla seniora", "przejazd", 2, "w miesiącu, max. 6 w roku"),
            ("Mobilny konserwator - Złota Rączka", "usługa", 4, "w roku, po max 2 godziny"),
        ],
    ),
    (
        1,
        "Po pobycie w szpitalu potrzebuje pomocy w higienie i posiłkach.",
        [
            (
                "Usługi opiekuńcze w miejscu zamieszkania (w tym opieka wytchnieniowa)",
                "godzina",
                6,
                "tygodniowo",
            )
        ],
    ),
)


def _seed_assessments(kipus):
    from ipus.choices import AssessmentStatus, ServiceRowKind
    from ipus.models import AssessmentServiceRow, NeedsAssessment
    from ipus.workflows import start_assessment
    from services.models import Service

    for index, problems, rows in ASSESSMENTS:
        first, last = RESIDENTS[index][0], RESIDENTS[index][1]
        request_obj = (
            Request.objects.filter(
                person__first_name=first, person__last_name=last, person__is_demo=True
            )
            .order_by("received_at")
            .first()
        )
        if request_obj is None or NeedsAssessment.objects.filter(request=request_obj).exists():
            continue
        assessment = start_assessment(request_obj, kipus)
        assessment.place = "home"
        assessment.problem_areas = ["self_care", "mobility"]
        assessment.problems = problems
        assessment.readiness = "high"
        assessment.coordinator_assessment = (
            "Usługi zasadne i możliwe do przyznania w ramach programu."
        )
        assessment.fee_information_given = True
        assessment.save()
        assessment.set_status(AssessmentStatus.COMPLETED, kipus)
        for name, unit, quantity, frequency in rows:
            AssessmentServiceRow.objects.create(
                assessment=assessment,
                kind=ServiceRowKind.WANTED,
                service=Service.objects.filter(name=name).first(),
                free_text="",
                unit=unit,
                quantity=quantity,
                frequency=frequency,
            )


# --- Plans ---------------------------------------------------------------------------

CARE = "Usługi opiekuńcze w miejscu zamieszkania (w tym opieka wytchnieniowa)"
TAXI = "Taksówka dla seniora"
REPAIR = "Mobilny konserwator - Złota Rączka"

# The seed template's example rows (plan-wdrazania, "INDYWIDUALNY PLAN USŁUG SPOŁECZNYCH NR … (wzór)").
SEED_ITEMS = (
    {
        "service": CARE,
        "quantity": 6,
        "per": "week",
        "scope": "Pomoc w zaspokajaniu codziennych potrzeb życiowych. Opieka higieniczna.",
        "place": "Miejsce zamieszkania",
    },
    {
        "service": TAXI,
        "quantity": 2,
        "per": "month",
        "cap": 6,
        "cap_per": "year",
        "scope": "Kurs z miejsca zamieszkania do miejsca docelowego oraz kurs z miejsca "
        "docelowego do miejsca zamieszkania w ciągu jednego dnia",
        "place": "Teren miasta Starachowice",
    },
    {
        "service": REPAIR,
        "quantity": 4,
        "per": "year",
        "max_hours": 2,
        "scope": "Drobne naprawy, konserwacje – bez zakupu materiałów",
        "place": "Miejsce zamieszkania",
    },
)

# first name, last name, birth date, sex, street, days since the request, plan start (days ago),
# months, final state, items
PLAN_RESIDENTS = (
    (
        "Zofia",
        "Wzorowa",
        date(1944, 2, 11),
        pesel.FEMALE,
        "ul. Majówka",
        95,
        80,
        9,
        "active",
        SEED_ITEMS,
    ),
    (
        "Tadeusz",
        "Próbny",
        date(1947, 7, 19),
        pesel.MALE,
        "ul. Hutnicza",
        12,
        -7,
        6,
        "submitted",
        SEED_ITEMS[1:],
    ),
    (
        "Irena",
        "Pokazowa",
        date(1950, 4, 4),
        pesel.FEMALE,
        "ul. Zgodna",
        25,
        -3,
        6,
        "approved",
        SEED_ITEMS[:1],
    ),
    (
        "Józef",
        "Przykładny",
        date(1946, 9, 23),
        pesel.MALE,
        "ul. Słoneczna",
        130,
        110,
        12,
        "annexed",
        SEED_ITEMS[:2],
    ),
)

# The annex of the "annexed" plan above: it adds the handyman when the person's needs change.
ANNEX_REASON = (
    "Po upadku w domu pan Józef potrzebuje drobnych napraw i montażu uchwytów w łazience."
)


def seed_plans(stdout=None):
    """The seed template's example as an active plan (with monitoring and deliveries),
    a plan awaiting approval, one awaiting signatures and an active one with a signed
    annex. Idempotent."""
    from cus.dates import add_months, month_start
    from cus.documents import Upload
    from ipus import workflows
    from ipus.choices import AssessmentStatus, ContactMode, ServiceRowKind
    from ipus.forms import PlanVersionForm
    from ipus.models import (
        AssessmentServiceRow,
        MonitoringContact,
        NeedsAssessment,
        Plan,
        PlanItem,
        PlanVersion,
    )
    from services.models import Service

    kipus = User.objects.filter(username="kipus").first()
    director = User.objects.filter(username="dyrektor").first()
    if kipus is None or director is None:
        return 0
    services = {s.name: s for s in Service.objects.filter(name__in=(CARE, TAXI, REPAIR))}
    if len(services) < 3:
        return 0
    created = 0
    for index, (first, last, born, sex, street, days, start_ago, months, state, items) in enumerate(
        PLAN_RESIDENTS
    ):
        number = pesel.make(born, serial=9500 + index * 7, sex=sex)
        if Plan.objects.filter(request__person__pesel=number).exists():
            continue
        with transaction.atomic():
            person = Person.objects.filter(pesel=number).first() or Person.objects.create(
                pesel=number,
                first_name=first,
                last_name=last,
                birth_date=born,
                sex=sex,
                street=street,
                building=str(10 + index),
                postal_code="27-200",
                town="Starachowice",
                phone=f"600 000 {200 + index}",
                employment=EmploymentSituation.RETIRED,
                marital_status=MaritalStatus.WIDOWED,
                household_size=1,
                previous_social_assistance=YesNoUnknown.NO,
                gdpr_clause_given_on=timezone.localdate() - timedelta(days=days),
                is_demo=True,
            )
            request_obj = Request.objects.create(
                person=person,
                channel="in_person",
                requested_text="Pomoc w domu, przejazdy i drobne naprawy",
                coordinator=kipus,
                received_at=timezone.now() - timedelta(days=days),
            )
            request_obj.set_status(RequestStatus.ASSESSING, kipus)
            assessment = NeedsAssessment.objects.create(
                request=request_obj,
                coordinator=kipus,
                assessed_on=timezone.localdate() - timedelta(days=days - 2),
                place="home",
                problem_areas=["self_care", "mobility", "loneliness"],
                problems="Mieszka sama, ma trudności z poruszaniem się i codziennymi czynnościami.",
                readiness="high",
                coordinator_assessment="Usługi zasadne; wymagają koordynacji przez kilka miesięcy.",
                fee_information_given=True,
            )
            assessment.set_status(AssessmentStatus.COMPLETED, kipus)
            for row in items:
                AssessmentServiceRow.objects.create(
                    assessment=assessment,
                    kind=ServiceRowKind.WANTED,
                    service=services[row["service"]],
                    quantity=row["quantity"],
                    frequency=str(row["per"]),
                )
            start = timezone.localdate() - timedelta(days=start_ago)
            form = PlanVersionForm(
                {
                    "drawn_up_on": (timezone.localdate() - timedelta(days=days - 5)).isoformat(),
                    "valid_from": start.isoformat(),
                    "valid_to": (add_months(start, months) - timedelta(days=1)).isoformat(),
                    "expected_improvement": "Bezpieczne i samodzielne życie w domu; mniejsze "
                    "poczucie osamotnienia; dojazdy do lekarza i urzędów.",
                    "monitoring_every_months": 3,
                    "quality_check_every_months": 3,
                    "attachments": "Regulaminy poszczególnych usług\nRegulamin uczestnika\n"
                    "Oświadczenia",
                    "version": 1,
                },
                instance=PlanVersion(valid_from=start, valid_to=start),
            )
            form.is_valid()
            plan = workflows.create_plan(assessment, form, kipus)
            version = plan.current_version
            for row in items:
                PlanItem.objects.create(
                    version=version,
                    starts_on=version.valid_from,
                    ends_on=version.valid_to,
                    **{
                        **row,
                        "service": services[row["service"]],
                        "provider": services[row["service"]].providers.first(),
                    },
                )
            workflows.submit_version(version, kipus)
            if state in ("approved", "active", "annexed"):
                workflows.approve_version(version, director)
            if state in ("active", "annexed"):
                scan = Upload(DEMO_SCAN, "application/pdf", "skan-umowy.pdf")
                workflows.attach_signed_copy(version, "scan", scan, kipus)
                # Approved in time, as it was: 20 days after the request.
                Plan.objects.filter(pk=plan.pk).update(
                    approved_on=timezone.localdate(request_obj.received_at) + timedelta(days=20)
                )
                plan.refresh_from_db()
                contact = MonitoringContact(
                    plan=plan,
                    contacted_on=start,
                    mode=ContactMode.PHONE,
                    notes="Opiekunka przychodzi zgodnie z harmonogramem; pani Zofia zadowolona.",
                    satisfaction=5,
                )
                contact.stamp(kipus)
                contact.save()
                plan.schedule_monitoring(contact.contacted_on)
                plan.save(update_fields=["next_contact_due", "next_quality_due"])
                month = month_start(version.valid_from)
                for item in version.items.all():
                    per_month = {"week": 20, "month": 2, "year": 1}[item.per]
                    day = month
                    while day < month_start(timezone.localdate()):
                        workflows.record_delivery(item, day, per_month, kipus)
                        day = add_months(day, 1)
            if state == "annexed":
                _annex(plan, kipus, director, services[REPAIR])
            created += 1
    if stdout:
        stdout.write(f"Plany IPUS (demo): {created} nowych")
    return created


def _annex(plan, kipus, director, service):
    """A signed annex, in force for a month: the plan's items and one service more."""
    from cus.documents import Upload
    from ipus import workflows
    from ipus.choices import AnnexReason
    from ipus.models import PlanItem, PlanVersion

    annex = workflows.start_annex(plan, kipus)
    in_force = max(timezone.localdate() - timedelta(days=30), annex.valid_from)
    # Dated before approval, so that the frozen PDF shows the dates it was made on.
    PlanVersion.objects.filter(pk=annex.pk).update(
        drawn_up_on=in_force - timedelta(days=7),
        in_force_from=in_force,
        reason=AnnexReason.CHANGED_NEEDS,
        reason_text=ANNEX_REASON,
    )
    annex.refresh_from_db()
    PlanItem.objects.create(
        version=annex,
        starts_on=in_force,
        ends_on=annex.valid_to,
        **{**SEED_ITEMS[2], "service": service, "provider": service.providers.first()},
    )
    workflows.submit_version(annex, kipus)
    workflows.approve_version(annex, director)
    workflows.attach_signed_copy(
        annex, "scan", Upload(DEMO_SCAN, "application/pdf", "skan-aneksu.pdf"), kipus
    )
    approved_at = timezone.make_aware(
        datetime.combine(in_force - timedelta(days=3), time.min)
    ) + timedelta(hours=11)
    PlanVersion.objects.filter(pk=annex.pk).update(
        approved_at=approved_at, signed_at=approved_at + timedelta(days=2)
    )


# A stand-in for the scanned signed contract of the demo's active plan.
DEMO_SCAN = b"%PDF-1.4\n% skan podpisanej umowy (demo)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- History for the OUS's quarter pages ---------------------------------------------

# last name, first name, quarter (2 = the one before last, 1 = last), days into it when filed,
# days to approval, days from approval to start, months, ending, satisfaction per contact
HISTORY = (
    ("Kowalczyk", "Jadwiga", 2, 5, 12, 8, 8, "active", (5, 4)),
    ("Nowicka", "Teresa", 2, 30, 41, 4, 6, "active", ()),
    # Filed in the quarter before last: its three months have ended by any day of today's quarter.
    ("Zielińska", "Krystyna", 2, 3, 20, 5, 3, "closed", (4,)),
    ("Wróbel", "Henryk", 1, 10, 15, 5, 6, "terminated", (3,)),
    ("Kaczmarek", "Edward", 1, 40, 25, 5, 9, "active", (2,)),
    ("Mazur", "Barbara", 1, 50, 33, 2, 6, "active", (5,)),
)


def seed_history(stdout=None):
    """Plans over the last two quarters (some approved late, one closed, one terminated, one
    without monitoring, one with a problem flagged), a meeting with actions. Idempotent."""
    from cus.choices import DocumentKind
    from cus.dates import Quarter, add_months, month_start
    from cus.documents import Upload
    from cus.models import StoredDocument
    from ipus import workflows
    from ipus.forms import PlanVersionForm
    from ipus.models import (
        MeetingAction,
        MonitoringContact,
        Plan,
        PlanItem,
        PlanTransition,
        PlanVersion,
        ReviewMeeting,
    )
    from ipus.pdf import closure_pdf_bytes
    from services.models import Service

    kipus = User.objects.filter(username="kipus").first()
    director = User.objects.filter(username="dyrektor").first()
    ous = User.objects.filter(username="ous").first()
    services = {s.name: s for s in Service.objects.filter(name__in=(CARE, TAXI, REPAIR))}
    if not (kipus and director and ous) or len(services) < 3:
        return 0
    today = timezone.localdate()
    last = Quarter.current().previous()
    quarters = {1: last, 2: last.previous()}
    created = 0
    for index, (
        last_name,
        first_name,
        q,
        filed,
        to_approval,
        to_start,
        months,
        ending,
        marks,
    ) in enumerate(HISTORY):
        number = pesel.make(date(1940 + index, 3, 3), serial=9700 + index * 7, sex=pesel.FEMALE)
        if Plan.objects.filter(request__person__pesel=number).exists():
            continue
        received = quarters[q].start + timedelta(days=filed)
        approved = min(received + timedelta(days=to_approval), today - timedelta(days=2))
        start = min(approved + timedelta(days=to_start), today - timedelta(days=1))
        end = add_months(start, months) - timedelta(days=1)
        with transaction.atomic():
            person = Person.objects.create(
                pesel=number,
                first_name=first_name,
                last_name=last_name,
                street="ul. Wesoła",
                building=str(20 + index),
                postal_code="27-200",
                town="Starachowice",
                phone=f"600 000 {300 + index}",
                previous_social_assistance=YesNoUnknown.NO if index % 2 else YesNoUnknown.YES,
                is_demo=True,
            )
            person.full_clean()
            person.save()
            received_at = timezone.make_aware(datetime.combine(received, time.min)) + timedelta(
                hours=10
            )
            request_obj = Request.objects.create(
                person=person,
                channel="phone",
                requested_text="Pomoc w domu",
                coordinator=kipus,
                received_at=received_at,
            )
            request_obj.set_status(RequestStatus.ASSESSING, kipus)
            from ipus.models import NeedsAssessment

            assessment = NeedsAssessment.objects.create(
                request=request_obj,
                coordinator=kipus,
                assessed_on=received + timedelta(days=3),
                problems="Samotność, trudności w codziennych czynnościach.",
                coordinator_assessment="Usługi zasadne.",
                fee_information_given=True,
                status="completed",
            )
            form = PlanVersionForm(
                {
                    "drawn_up_on": (received + timedelta(days=7)).isoformat(),
                    "valid_from": start.isoformat(),
                    "valid_to": end.isoformat(),
                    "expected_improvement": "Samodzielne i bezpieczne życie w domu.",
                    "monitoring_every_months": 3,
                    "quality_check_every_months": 3,
                    "attachments": "Regulaminy poszczególnych usług",
                    "version": 1,
                },
                instance=PlanVersion(valid_from=start, valid_to=end),
            )
            form.is_valid()
            plan = workflows.create_plan(assessment, form, kipus)
            version = plan.current_version
            for row in SEED_ITEMS[: 1 + index % 3]:
                PlanItem.objects.create(
                    version=version,
                    starts_on=start,
                    ends_on=end,
                    **{
                        **row,
                        "service": services[row["service"]],
                        "provider": services[row["service"]].providers.first(),
                    },
                )
            workflows.submit_version(version, kipus)
            workflows.approve_version(version, director)
            workflows.attach_signed_copy(
                version, "scan", Upload(DEMO_SCAN, "application/pdf", "skan.pdf"), kipus
            )
            # Back-date what happened "then".
            approved_at = timezone.make_aware(datetime.combine(approved, time.min)) + timedelta(
                hours=12
            )
            PlanVersion.objects.filter(pk=version.pk).update(
                approved_at=approved_at, signed_at=approved_at + timedelta(days=1)
            )
            PlanTransition.objects.filter(plan=plan).update(at=approved_at)
            Plan.objects.filter(pk=plan.pk).update(
                approval_deadline=request_obj.deadline, approved_on=approved
            )
            plan.refresh_from_db()
            contact_day = start
            for mark in marks:
                contact_day = min(contact_day + timedelta(days=20), today - timedelta(days=1))
                contact = MonitoringContact(
                    plan=plan,
                    contacted_on=contact_day,
                    mode="phone" if mark > 2 else "provider",
                    notes="Usługi realizowane zgodnie z planem."
                    if mark > 2
                    else "Opiekunka spóźnia się na wizyty.",
                    satisfaction=mark,
                    problem=mark <= 2,
                    problem_service=services[CARE] if mark <= 2 else None,
                    problem_description="Spóźnienia opiekunki" if mark <= 2 else "",
                )
                contact.stamp(kipus)
                contact.save()
            last_contact = plan.contacts.order_by("-contacted_on").first()
            plan.schedule_monitoring(last_contact.contacted_on if last_contact else None)
            plan.save(update_fields=["next_contact_due", "next_quality_due"])
            for item in version.items.all():
                day = month_start(start)
                while day < month_start(today) and day <= end:
                    units = {"week": 22, "month": 2, "year": 1}[item.per]
                    workflows.record_delivery(item, day, units, kipus)
                    day = add_months(day, 1)
            if ending == "closed" and end < today:
                plan.closing_conversation_on = end
                plan.closing_notes = "Osoba zadowolona; usługi pomogły po powrocie ze szpitala."
                plan.course_description = "Usługi realizowano zgodnie z harmonogramem."
                plan.results_description = "Osiągnięto oczekiwaną poprawę: samodzielność w domu."
                plan.set_status("closed", kipus)
                Plan.objects.filter(pk=plan.pk).update(ended_on=end)
                plan.refresh_from_db()
                plan.closure_document = StoredDocument.store(
                    closure_pdf_bytes(plan),
                    kind=DocumentKind.FROZEN,
                    title=f"Opis przebiegu realizacji IPUS {plan.number}",
                    user=kipus,
                )
                plan.save(update_fields=["closure_document"])
            elif ending == "terminated":
                workflows.terminate_plan(plan, "Przeprowadzka do córki w innej gminie.", kipus)
                Plan.objects.filter(pk=plan.pk).update(
                    ended_on=min(start + timedelta(days=40), today)
                )
            created += 1
    if created and not ReviewMeeting.objects.filter(year=last.year, quarter=last.number).exists():
        meeting = ReviewMeeting.objects.create(
            year=last.year,
            quarter=last.number,
            held_on=last.end - timedelta(days=5),
            agenda="Omówienie realizacji IPUS i współpracy z wykonawcami usług.",
            notes="Zgłoszono spóźnienia opiekunki; ustalono kontrolę jakości.",
            created_by=ous,
        )
        meeting.coordinators.set([kipus])
        MeetingAction.objects.create(
            meeting=meeting,
            description="Kontrola jakości usług opiekuńczych u realizatora",
            owner=ous,
            due_on=today + timedelta(days=10),
        )
        MeetingAction.objects.create(
            meeting=meeting,
            description="Uzupełnić zaległe kontakty monitorujące",
            owner=kipus,
            due_on=today - timedelta(days=3),
        )
    if stdout:
        stdout.write(f"Historia IPUS (demo): {counted(created, 'plan')}")
    return created


# --- The OUS's half-year summary ------------------------------------------------------

SUMMARY = (
    "Większość planów zatwierdzono w ustawowym terminie; opóźnienia wynikały z oczekiwania na "
    "wolne miejsca w usługach opiekuńczych. Monitoring prowadzono co najmniej raz na kwartał, "
    "zadowolenie osób jest wysokie; zgłoszone spóźnienia opiekunki omówiono z realizatorem "
    "na spotkaniu koordynatorów.",
    "Wzmocnić sąsiedzkie wsparcie seniorów mieszkających samotnie (Klub Seniora, wolontariusze) "
    "i włączyć liderów Osiedla Wzgórze w informowanie mieszkańców o usługach CUS.",
)


def seed_summary(stdout=None):
    """The last whole half-year's summary, sent to the director and the OSL organizer as the
    OUS sends it (frozen PDF, inbox messages). Only when there is none yet."""
    from cus.dates import HalfYear
    from ipus.forms import HalfYearSummaryForm
    from ipus.models import HalfYearSummary
    from ipus.workflows import generate_summary

    ous = User.objects.filter(username="ous").first()
    if ous is None or HalfYearSummary.objects.exists():
        return None
    effectiveness, directions = SUMMARY
    form = HalfYearSummaryForm({"effectiveness": effectiveness, "directions": directions})
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    summary = generate_summary(HalfYear.of(timezone.localdate()).previous(), form, ous)
    if stdout:
        stdout.write(f"Podsumowanie półroczne (demo): {summary}")
    return summary
