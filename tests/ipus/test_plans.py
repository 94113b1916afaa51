"""IPUS rules as data: at least three months, at most a year, items inside, schedules as prose."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cus.dates import add_months
from ipus.models import Person, Plan, PlanItem, PlanVersion, Request
from tests.ipus.conftest import plan_on
from tests.services.factories import ServiceFactory


@pytest.fixture
def plan(db, kipus):
    person = Person.objects.create(
        first_name="Jan",
        last_name="Próba",
        birth_date=date(1940, 1, 1),
        id_document_type="passport",
        id_document_number="P1",
    )
    request_obj = Request.objects.create(
        person=person, channel="phone", coordinator=kipus, requested_text="x"
    )
    return PlanVersion(
        plan=plan_on(request_obj),
        valid_from=date(2026, 1, 15),
        valid_to=date(2026, 12, 31),
        expected_improvement="Samodzielność",
    )


@pytest.mark.parametrize(
    ("valid_to", "message"),
    [
        (date(2027, 1, 15), "najwyżej rok"),
        (date(2026, 4, 13), "co najmniej 3 miesiące"),
    ],
)
def test_a_plan_lasts_three_months_to_a_year(plan, valid_to, message):
    plan.valid_to = valid_to
    with pytest.raises(ValidationError, match=message):
        plan.full_clean()


@pytest.mark.parametrize("valid_to", [date(2026, 4, 14), date(2027, 1, 14)])
def test_the_limits_themselves_are_allowed(plan, valid_to):
    plan.valid_to = valid_to
    plan.full_clean()


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_items_lie_inside_the_plan_and_read_as_the_template(plan):
    plan.save()
    taxi = ServiceFactory(name="Taksówka dla seniora", unit="ride")
    item = PlanItem(
        version=plan,
        service=taxi,
        starts_on=date(2026, 1, 15),
        ends_on=date(2026, 12, 31),
        quantity=2,
        per="month",
        cap=6,
        cap_per="year",
        fee_per_unit=Decimal("10.00"),
        discount_percent=50,
    )
    item.full_clean()
    assert item.schedule == "2 przejazdy w miesiącu, max. 6 w roku"
    assert item.cost_per_unit == Decimal("5.00")
    item.ends_on = date(2027, 2, 1)
    with pytest.raises(ValidationError, match="mieścić się w okresie planu"):
        item.full_clean()


def test_a_loaded_plan_says_who_may_change_it_as_the_queryset_does(plan, kipus, ous, director):
    from cus import roles
    from tests.factories import UserFactory

    other = UserFactory(username="t-kipus-2", role=roles.KIPUS)
    admin = UserFactory(username="t-root", is_superuser=True)
    loaded = plan.plan
    for user in (kipus, other, ous, director, admin):
        in_queryset = Plan.objects.editable_by(user).filter(pk=loaded.pk).exists()
        assert loaded.is_editable_by(user) == in_queryset, user.username
    assert loaded.is_editable_by(kipus) and not loaded.is_editable_by(other)
