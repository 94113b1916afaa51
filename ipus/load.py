"""Load data (generate_load_data): persons, requests, assessments, plans with items and annexes,
monitoring contacts and monthly deliveries, spread over three years, all by bulk inserts."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import DurationField, ExpressionWrapper, F
from django.db.models.functions import Now
from django.utils import timezone

from cus import pesel, roles
from cus.choices import AccessAction, DocumentKind
from cus.dates import add_months, months_between
from cus.models import AccessLog, StoredDocument, User
from cus.plurals import counted
from ipus.choices import PlanStatus, RequestStatus, VersionStatus
from ipus.models import (
    Delivery,
    MonitoringContact,
    NeedsAssessment,
    Person,
    Plan,
    PlanItem,
    PlanVersion,
    Request,
)
from ipus.pdf import contract_pdf
from services.models import Service

PERSONS, REQUESTS, PLANS, READS = 100_000, 120_000, 60_000, 500_000
FROZEN = 20
BATCH = 5000
OUTCOMES = (
    RequestStatus.INFORMATION,
    RequestStatus.HANDED_OFF,
    RequestStatus.WITHDRAWN,
    RequestStatus.REFUSED,
)


def generate(scale, rng, stdout):
    today = timezone.localdate()
    coordinators = _coordinators(max(2, round(40 * max(scale, 0.05))))
    services = list(Service.objects.filter(active=True).prefetch_related("providers"))
    providers = {s.pk: list(s.providers.all()) for s in services}
    n_persons, n_requests, n_plans = (max(10, round(c * scale)) for c in (PERSONS, REQUESTS, PLANS))
    start = today - timedelta(days=3 * 365)

    persons = Person.objects.bulk_create(
        [_person(i, rng) for i in range(n_persons)], batch_size=BATCH
    )
    n_open = max(2, n_requests // 100)  # the last 1 %: filed in the last 40 days, still open
    requests = Request.objects.bulk_create(
        [
            Request(
                person=persons[i % n_persons],
                channel=rng.choice(("in_person", "phone", "letter", "epuap")),
                requested_text="Wniosek o usługi (dane testowe)",
                coordinator=coordinators[i % len(coordinators)],
                received_at=timezone.make_aware(
                    datetime.combine(
                        today - timedelta(days=rng.randrange(40))
                        if i >= n_requests - n_open
                        else start + timedelta(days=rng.randrange(3 * 365)),
                        time(10),
                    )
                ),
                status=(
                    RequestStatus.PLAN
                    if i < n_plans
                    else RequestStatus.REGISTERED
                    if i >= n_requests - n_open
                    else rng.choice(OUTCOMES)
                ),
            )
            for i in range(n_requests)
        ],
        batch_size=BATCH,
    )
    assessments = NeedsAssessment.objects.bulk_create(
        [
            NeedsAssessment(
                request=r,
                coordinator=r.coordinator,
                assessed_on=timezone.localdate(r.received_at) + timedelta(days=5),
                problems="Potrzeby (dane testowe)",
                status="signed",
            )
            for r in requests[: n_requests - n_open]
        ],
        batch_size=BATCH,
    )
    plans, versions = [], []
    for i in range(n_plans):
        request_obj = requests[i]
        received = timezone.localdate(request_obj.received_at)
        approved = received + timedelta(days=rng.randint(7, 40))
        valid_from = approved + timedelta(days=rng.randint(3, 20))
        valid_to = add_months(valid_from, rng.choice((3, 6, 9, 12))) - timedelta(days=1)
        if approved >= today:
            status, approved = PlanStatus.SUBMITTED, None
        elif valid_to < today:
            status = rng.choice((PlanStatus.CLOSED, PlanStatus.CLOSED, PlanStatus.TERMINATED))
        else:
            status = PlanStatus.ACTIVE if valid_from <= today else PlanStatus.SIGNED
        plans.append(
            Plan(
                request=request_obj,
                assessment=assessments[i],
                coordinator=request_obj.coordinator,
                number=f"IPUS/{received.year}/T{i + 1}" if approved else None,
                status=status,
                approval_deadline=received + timedelta(days=30),
                approved_on=approved,
                ended_on=valid_to if status in (PlanStatus.CLOSED, PlanStatus.TERMINATED) else None,
                next_contact_due=add_months(max(valid_from, today - timedelta(days=60)), 3),
            )
        )
        versions.append((valid_from, valid_to, approved))
    plans = Plan.objects.bulk_create(plans, batch_size=BATCH)
    version_rows = []
    for plan, (valid_from, valid_to, approved) in zip(plans, versions, strict=True):
        approved_at = (
            timezone.make_aware(datetime.combine(approved, time(12))) if approved else None
        )
        status = VersionStatus.SIGNED if approved else VersionStatus.SUBMITTED
        version_rows.append(
            PlanVersion(
                plan=plan,
                number=0,
                valid_from=valid_from,
                valid_to=valid_to,
                status=status,
                approved_at=approved_at,
                expected_improvement="Poprawa sytuacji (dane testowe)",
            )
        )
    version_rows = PlanVersion.objects.bulk_create(version_rows, batch_size=BATCH)
    annexes = PlanVersion.objects.bulk_create(
        [
            PlanVersion(
                plan_id=v.plan_id,
                number=1,
                valid_from=v.valid_from,
                valid_to=v.valid_to,
                in_force_from=v.valid_from + timedelta(days=30),
                status=VersionStatus.SIGNED,
                approved_at=v.approved_at + timedelta(days=30),
                reason="needs",
                expected_improvement=v.expected_improvement,
            )
            for index, v in enumerate(version_rows)
            if index % 5 == 0 and v.approved_at
        ],
        batch_size=BATCH,
    )
    current = {v.plan_id: v for v in version_rows}
    current.update({a.plan_id: a for a in annexes})
    for plan in plans:
        plan.current_version = current[plan.pk]
    Plan.objects.bulk_update(plans, ["current_version"], batch_size=BATCH)

    items = []
    for version in [*version_rows, *annexes]:
        for _n in range(rng.randint(3, 6)):
            service = rng.choice(services)
            quantity = rng.choice((1, 2, 4, 6))
            months = months_between(version.valid_from, version.valid_to)
            granted = Decimal(quantity * months)
            items.append(
                PlanItem(
                    version=version,
                    service=service,
                    provider=rng.choice(providers[service.pk]) if providers[service.pk] else None,
                    starts_on=version.valid_from,
                    ends_on=version.valid_to,
                    quantity=quantity,
                    per="month",
                    scope="Zakres (dane testowe)",
                    place="Miejsce zamieszkania",
                    units_granted=granted,
                    units_per_month=Decimal(quantity),
                    granted_by_month=[quantity] * months,
                )
            )
    items = PlanItem.objects.bulk_create(items, batch_size=BATCH)
    PlanItem.objects.filter(line__isnull=True).update(line=F("pk"))
    contacts, deliveries = [], []
    started = [p for p in plans if p.approved_on]
    for plan in started:
        version = plan.current_version
        day = version.valid_from + timedelta(days=20)
        while day < min(version.valid_to, today):
            contacts.append(
                MonitoringContact(
                    plan=plan,
                    contacted_on=day,
                    mode="phone",
                    notes="Kontakt (dane testowe)",
                    satisfaction=rng.randint(3, 5),
                )
            )
            day = add_months(day, 3)
    MonitoringContact.objects.bulk_create(contacts, batch_size=BATCH)
    kipus = coordinators[0]
    for item in items:
        if item.version.number == 1 or not item.version.approved_at:
            continue
        month = item.starts_on.replace(day=1)
        while month <= min(item.ends_on, today):
            deliveries.append(
                Delivery(line_id=item.pk, month=month, units=item.quantity, recorded_by=kipus)
            )
            month = add_months(month, 1)
            if len(deliveries) >= BATCH * 4:
                Delivery.objects.bulk_create(deliveries, batch_size=BATCH)
                deliveries = []
    Delivery.objects.bulk_create(deliveries, batch_size=BATCH)
    reads = access_log(persons, plans, coordinators, max(100, round(READS * scale)), rng)
    frozen = _freeze_contracts(
        version_rows, kipus, count=min(FROZEN, max(2, round(FROZEN * scale * 10)))
    )
    stdout.write(
        f"  IPUS: {counted(n_persons, 'osoba')}, {counted(n_requests, 'wniosek')}, {counted(n_plans, 'plan')}, "
        f"{len(annexes)} aneksów, {counted(len(items), 'pozycja')}, {Delivery.objects.count()} realizacji, "
        f"{frozen} zamrożonych umów PDF, {reads} wpisów dziennika dostępu"
    )


def access_log(persons, plans, users, count, rng):
    """Three years of staff reads of persons and plans (the IOD's access log)."""
    person_type = ContentType.objects.get_for_model(Person)
    plan_type = ContentType.objects.get_for_model(Plan)
    rows = []
    for n in range(count):
        target, content_type = (
            (rng.choice(persons), person_type) if n % 2 else (rng.choice(plans), plan_type)
        )
        rows.append(
            AccessLog(
                user=rng.choice(users),
                action=AccessAction.VIEW,
                content_type=content_type,
                object_id=str(target.pk),
                person_id=target.access_person_id,
                path=target.get_absolute_url(),
            )
        )
        if len(rows) == BATCH * 4:
            AccessLog.objects.bulk_create(rows, batch_size=BATCH)
            rows = []
    AccessLog.objects.bulk_create(rows, batch_size=BATCH)
    # ``at`` is stamped on insert; spread the reads over the last three years in one UPDATE.
    AccessLog.objects.update(
        at=Now()
        - ExpressionWrapper(
            (F("pk") * 7919 % (3 * 365 * 24 * 60)) * timedelta(minutes=1),
            output_field=DurationField(),
        )
    )
    return count


def _freeze_contracts(versions, user, count):
    """Real contract PDFs (rendered as approval does) for a few signed plans spread over the data."""
    signed = [v for v in versions if v.approved_at]
    chosen = signed[:: max(1, len(signed) // count)][:count]
    for version in PlanVersion.objects.filter(pk__in=[v.pk for v in chosen]).select_related(
        "plan__request__person", "plan__coordinator", "plan__assessment"
    ):
        version.document = StoredDocument.store(
            contract_pdf(version),
            kind=DocumentKind.FROZEN,
            title=f"IPUS {version.plan.number}",
            user=user,
        )
        version.save(update_fields=["document"])
    return len(chosen)


def _coordinators(count):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=roles.KIPUS)
    users = []
    for n in range(count):
        user, _created = User.objects.get_or_create(
            username=f"kipus-test-{n:02d}",
            defaults={"first_name": "Koordynator", "last_name": f"Testowy {n:02d}"},
        )
        user.groups.add(group)
        users.append(user)
    return users


def _person(i, rng):
    born = date(1935, 1, 1) + timedelta(days=i % 27000)
    sex = pesel.FEMALE if i % 2 else pesel.MALE
    return Person(
        first_name=rng.choice(("Anna", "Maria", "Jan", "Piotr", "Zofia", "Stanisław", "Łucja")),
        last_name=f"Testowa{i:06d}" if sex == pesel.FEMALE else f"Testowy{i:06d}",
        pesel=pesel.make(born, serial=(i // 27000) * 10 + 1, sex=sex),
        birth_date=born,
        sex="K" if sex == pesel.FEMALE else "M",
        street="ul. Testowa",
        building=str(i % 200 + 1),
        postal_code="27-200",
        town="Starachowice",
        previous_social_assistance=rng.choice(("yes", "no", "unknown")),
        is_demo=True,
    )
