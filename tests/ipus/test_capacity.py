"""Capacity in whole units: the schedule rule, granted / used / remaining per limit period with
closed and terminated plans, and the same numbers on the item form, at submission and on the
capacity page (one function: ipus.capacity.capacity)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from cus.dates import add_months
from ipus import workflows
from ipus.choices import PlanStatus, VersionStatus
from ipus.models import Delivery, Plan, PlanItem, PlanVersion
from ipus.schedule import granted_units, monthly_units
from ipus.workflows import PlanError
from services.models import Service
from tests.ipus.conftest import draft_plan, make_assessed_request
from tests.services.factories import ServiceFactory

JAN = date(2026, 1, 1)
MONTHS = [add_months(JAN, n) for n in range(12)]

# The rule's worked examples, by hand (ipus.schedule.monthly_units), over 01.01–30.06.2026.
SCHEDULES = {
    "2 a month, max 6 a year": ((2, "month", 6, "year"), [2, 2, 2, 0, 0, 0]),
    # round(6 × days so far / 7) at each month's end: 27, 51, 77, 103, 129, 155.
    "6 a week": ((6, "week", None, ""), [27, 24, 26, 26, 26, 26]),
    # 4 spread over the item-year's 6 months: round(4k/6) = 1, 1, 2, 3, 3, 4.
    "4 a year": ((4, "year", None, ""), [1, 0, 1, 1, 0, 1]),
    "1,5 a month, max 1 a month": (("1.5", "month", 1, "month"), [1, 1, 1, 1, 1, 1]),
}


@pytest.mark.parametrize(
    ("schedule", "months", "start", "end", "expected"),
    [
        ("2 a month, max 6 a year", 3, date(2026, 4, 1), date(2026, 6, 30), [2, 2, 2]),
        ("2 a month, max 6 a year", 12, JAN, date(2026, 12, 31), [2, 2, 2] + [0] * 9),
        ("6 a week", 1, date(2026, 2, 1), date(2026, 2, 28), [24]),
        ("6 a week", 0, date(2026, 1, 15), date(2026, 1, 21), [6]),
        ("4 a year", 12, JAN, date(2026, 12, 31), [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]),
    ],
)
def test_the_schedule_grants_whole_units_that_add_up(schedule, months, start, end, expected):
    quantity, per, cap, cap_per = SCHEDULES[schedule][0]
    rows = monthly_units(Decimal(quantity), per, cap and Decimal(cap), cap_per, start, end)
    assert [units for _month, units in rows] == expected
    assert all(isinstance(units, int) for _month, units in rows)
    assert granted_units(Decimal(quantity), per, cap and Decimal(cap), cap_per, start, end) == sum(
        expected
    )


def _plan(kipus, seed_services, name, status, ended_on=None):
    assessment = make_assessed_request(kipus, seed_services, name)
    plan = Plan.objects.create(
        request=assessment.request,
        assessment=assessment,
        coordinator=kipus,
        approval_deadline=assessment.request.deadline,
        status=status,
        ended_on=ended_on,
    )
    version = PlanVersion.objects.create(
        plan=plan,
        valid_from=JAN,
        valid_to=date(2026, 6, 30),
        expected_improvement="x",
        status=VersionStatus.SIGNED,
    )
    Plan.objects.filter(pk=plan.pk).update(current_version=version)
    return plan, version


PERIODS = {
    "February": (date(2026, 2, 1), date(2026, 2, 28)),
    "Q1": (JAN, date(2026, 3, 31)),
    "Q2": (date(2026, 4, 1), date(2026, 6, 30)),
    "year": (JAN, date(2026, 12, 31)),
}
STATES = {
    "active": (PlanStatus.ACTIVE, None),
    "closed in February": (PlanStatus.CLOSED, date(2026, 2, 15)),
    "terminated in April": (PlanStatus.TERMINATED, date(2026, 4, 10)),
}
LIMITS = {"100 a month": (100, "month", 1), "300 a quarter": (300, "quarter", 3)}


@pytest.mark.parametrize("limit", LIMITS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("schedule", SCHEDULES)
def test_granted_used_and_remaining_per_limit_period(
    db, kipus, seed_services, schedule, period, state, limit
):
    """Granted and used count a closed or terminated plan alike, up to the month it ended;
    remaining is limit − max(granted, used) in each whole limit period, summed."""
    units, capacity_period, months_per_period = LIMITS[limit]
    service = ServiceFactory(unit="ride", capacity_units=units, capacity_period=capacity_period)
    status, ended_on = STATES[state]
    _, version = _plan(kipus, seed_services, "Liczona", status, ended_on)
    (quantity, per, cap, cap_per), by_month = SCHEDULES[schedule]
    item = PlanItem.objects.create(
        version=version,
        service=service,
        starts_on=JAN,
        ends_on=date(2026, 6, 30),
        quantity=Decimal(quantity),
        per=per,
        cap=cap,
        cap_per=cap_per,
    )
    last_month = ended_on.replace(day=1) if ended_on else date(2026, 6, 1)
    for month in MONTHS[:6]:
        if month <= last_month:
            Delivery.objects.create(line=item, month=month, units=5, recorded_by=kipus)
    # By hand: the months the plan held places, and the whole limit periods of the page's period.
    granted = {m: (by_month[i] if i < 6 and m <= last_month else 0) for i, m in enumerate(MONTHS)}
    used = {m: (5 if i < 6 and m <= last_month else 0) for i, m in enumerate(MONTHS)}
    start, end = PERIODS[period]
    first = date(2026, (start.month - 1) // months_per_period * months_per_period + 1, 1)
    periods = []
    while first <= end:
        periods.append([m for m in MONTHS if first <= m < add_months(first, months_per_period)])
        first = add_months(first, months_per_period)
    expected = {
        "limit": units * len(periods),
        "granted": sum(granted[m] for months in periods for m in months),
        "used": sum(used[m] for months in periods for m in months),
        "remaining": sum(
            units - max(sum(granted[m] for m in months), sum(used[m] for m in months))
            for months in periods
        ),
    }
    [row] = Service.objects.filter(pk=service.pk).capacity_table(start, end)
    assert {
        "limit": row.limit_units,
        "granted": row.units_granted,
        "used": row.units_used,
        "remaining": row.units_remaining,
    } == expected
    assert isinstance(row.units_granted, int)
    held = any(m <= last_month and m.month <= 6 for months in periods for m in months)
    assert row.persons_using == (1 if held else 0)


# The numbers count in the service's unit ("20 przejazdów").
NUMBERS = re.compile(
    r"limit: (?P<limit>\d+) \w+, przyznano innym: (?P<granted>\d+) \w+, wykorzystano: "
    r"(?P<used>\d+) \w+, pozostało: (?P<remaining>\d+) \w+, ta pozycja: (?P<needed>\d+) \w+"
)


def test_the_form_the_submission_and_the_capacity_page_show_the_same_numbers(
    client, kipus, ous, seed_services
):
    """Taxi rides: 20 a quarter. In Q2 an active plan is granted 6 and used 8, a plan closed
    in May was granted 2 and used 1: granted 8, used 9, remaining 20 − max(8, 9) = 11; the new
    item needs 5 a month, 15."""
    taxi = ServiceFactory(
        name="Taksówka", unit="ride", capacity_units=20, capacity_period="quarter"
    )
    _, other = _plan(kipus, seed_services, "Inna", PlanStatus.ACTIVE)
    other_item = PlanItem.objects.create(
        version=other,
        service=taxi,
        starts_on=JAN,
        ends_on=date(2026, 6, 30),
        quantity=2,
        per="month",
    )
    Delivery.objects.create(line=other_item, month=date(2026, 4, 1), units=4, recorded_by=kipus)
    # Closed on 10 May: its April and May count as granted (2), its April delivery as used (1).
    _, closed = _plan(kipus, seed_services, "Zamknięta", PlanStatus.CLOSED, date(2026, 5, 10))
    closed_item = PlanItem.objects.create(
        version=closed,
        service=taxi,
        starts_on=JAN,
        ends_on=date(2026, 6, 30),
        quantity=1,
        per="month",
    )
    Delivery.objects.create(line=closed_item, month=date(2026, 4, 1), units=1, recorded_by=kipus)
    Delivery.objects.create(line=other_item, month=date(2026, 5, 1), units=4, recorded_by=kipus)
    q2 = (date(2026, 4, 1), date(2026, 6, 30))
    plan = draft_plan(
        make_assessed_request(kipus, seed_services, "Nowa"), kipus, start=q2[0], months=3
    )
    version = plan.current_version
    expected = {"limit": "20", "granted": "8", "used": "9", "remaining": "11", "needed": "15"}

    client.force_login(kipus)
    post = {
        "service": taxi.pk,
        "starts_on": q2[0].isoformat(),
        "ends_on": q2[1].isoformat(),
        "quantity": "5",
        "per": "month",
        "place": "Dom",
        "fee_per_unit": "0",
        "discount_percent": "0",
    }
    form_text = client.post(reverse("ipus:item-create", args=[version.pk]), post).content.decode()
    assert NUMBERS.search(form_text).groupdict() == expected, form_text

    hint = client.get(
        reverse("ipus:item-capacity", args=[version.pk]),
        {"service": taxi.pk, "starts_on": q2[0], "ends_on": q2[1]},
    ).content.decode()
    hint_numbers = re.search(
        r"Limit w tym okresie: (\d+) przejazdów; przyznano innym: (\d+) przejazdów; "
        r"wykorzystano: (\d+) przejazdów; pozostało: <strong>(\d+) przejazdów</strong>",
        " ".join(hint.split()),
    )
    assert hint_numbers.groups() == ("20", "8", "9", "11")

    PlanItem.objects.create(
        version=version, service=taxi, starts_on=q2[0], ends_on=q2[1], quantity=5, per="month"
    )
    with pytest.raises(PlanError) as refused:
        workflows.submit_version(version, kipus)
    assert NUMBERS.search(str(refused.value)).groupdict() == expected

    client.force_login(ous)
    page = client.get(reverse("services:capacity") + "?year=2026&quarter=2").content.decode()
    row = next(line for line in page.split("<tr>") if "Taksówka<" in line)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in row.split("<td")[1:]]
    cells = [cell.split(">", 1)[-1].strip() for cell in cells]
    assert cells[2].split()[:2] == ["20", "(kwartalnie)"]  # the limit and its period
    assert cells[4:7] == ["8", "9", "11"]  # granted, used, remaining
