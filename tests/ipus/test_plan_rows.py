"""The plan list's rows built in Python (ipus_tags.plan_rows) show what the template did."""

from datetime import date

import pytest
from django.template import Context, Template
from django.test.html import parse_html

from cus.models import User
from ipus.choices import PlanStatus
from ipus.models import Person, Plan, PlanVersion, Request
from ipus.templatetags.ipus_tags import plan_rows

# The row as plan_list.html wrote it before the rows moved to Python.
TEMPLATE_ROW = Template(
    """{% load i18n ipus_tags %}{% for plan in object_list %}
    <tr>
      <td><a href="{{ plan.get_absolute_url }}">{{ plan.number|default:_("projekt") }}</a></td>
      <td>{{ plan.request.person }}</td>
      <td>{{ plan.coordinator.get_full_name|default:plan.coordinator }}</td>
      <td>{{ plan.current_version.valid_from|date:"d.m.Y" }}–{{ plan.current_version.valid_to|date:"d.m.Y" }}</td>
      <td><span class="badge text-bg-{{ plan.status_colour }}">{{ plan.get_status_display }}</span></td>
      <td>{{ plan.deadline_status|deadline_badge }}</td>
      <td>{% if plan.status == "active" or plan.status == "signed" %}<span{% if plan.next_contact_due < today %} class="text-danger fw-bold"{% endif %}>{{ plan.next_contact_due|date:"d.m.Y" }}</span>{% else %}—{% endif %}</td>
    </tr>{% endfor %}"""
)
TODAY = date(2026, 11, 23)


def _plan(
    pk,
    status,
    *,
    number="",
    person=("Zofia", "Żółć"),
    coordinator=("Ewa", "Łąk"),
    version=(date(2026, 1, 15), date(2026, 12, 31)),
    due=None,
    deadline=("open", 3),
):
    user = User(pk=pk, username=f"k{pk}", first_name=coordinator[0], last_name=coordinator[1])
    plan = Plan(
        pk=pk,
        number=number,
        status=status,
        next_contact_due=due,
        coordinator=user,
        request=Request(person=Person(first_name=person[0], last_name=person[1])),
        current_version=PlanVersion(valid_from=version[0], valid_to=version[1])
        if version
        else None,
    )
    plan.deadline_status = deadline
    return plan


PLANS = [
    _plan(1, PlanStatus.DRAFT),
    _plan(2, PlanStatus.SUBMITTED, person=("<b>Jan</b>", "O'Brien & syn"), deadline=("overdue", 4)),
    _plan(3, PlanStatus.ACTIVE, number="IPUS/2026/7", due=date(2026, 11, 1), deadline=("ok", 0)),
    _plan(4, PlanStatus.SIGNED, number="IPUS/2026/8", due=date(2026, 12, 1), deadline=("late", 2)),
    _plan(5, PlanStatus.ACTIVE, number="IPUS/2026/9", due=None, coordinator=("", "")),
    _plan(6, PlanStatus.CLOSED, number="IPUS/2025/1", version=None, deadline=("open", 10)),
    _plan(7, PlanStatus.TERMINATED, number="IPUS/2025/2", deadline=("open", 1)),
]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_plan_rows_are_the_template_rows(settings, language):
    from django.utils import translation

    with translation.override(language):
        expected = TEMPLATE_ROW.render(Context({"object_list": PLANS, "today": TODAY}))
        built = plan_rows(PLANS, TODAY)
    assert parse_html(built) == parse_html(expected)
    assert "&lt;b&gt;Jan&lt;/b&gt;" in built and "O&#x27;Brien &amp; syn" in built
    assert built.count("text-danger fw-bold") == 1  # only the overdue contact


def test_no_plans_no_rows():
    assert plan_rows([], TODAY) == ""


PERSON_TEMPLATE = Template(
    """{% for person in object_list %}
      <tr><td><a href="{{ person.get_absolute_url }}">{{ person.last_name }} {{ person.first_name }}</a></td><td>{{ person.birth_date|date:"d.m.Y"|default:"—" }}</td><td>{{ person.address_line|default:"—" }}</td></tr>{% endfor %}"""
)


def test_person_rows_are_the_template_rows():
    from ipus.templatetags.ipus_tags import person_rows

    persons = [
        Person(
            pk=1,
            first_name="Zofia",
            last_name="Żółć <i>",
            birth_date=date(1940, 2, 29),
            street="ul. Długa",
            building="5",
            flat="7",
            postal_code="27-200",
            town="Starachowice",
        ),
        Person(pk=22, first_name="Jan", last_name="O'Brien & syn"),
    ]
    expected = PERSON_TEMPLATE.render(Context({"object_list": persons}))
    built = person_rows(persons)
    assert parse_html(built) == parse_html(expected)
    assert "29.02.1940" in built and built.count("—") == 2


REQUEST_TEMPLATE = Template(
    """{% load i18n %}{% for item in object_list %}
    <tr{% if item.is_open and item.days_left_today < 0 %} class="table-danger"{% endif %}>
      <td><a href="{{ item.get_absolute_url }}">{{ item.received_at|date:"d.m.Y H:i" }}</a></td>
      <td>{{ item.person }}</td><td>{{ item.coordinator.get_full_name|default:item.coordinator }}</td>
      <td><span class="badge text-bg-{{ item.status_colour }}">{{ item.get_status_display }}</span></td>
      <td>{% if item.is_open %}{% if item.days_overdue %}<span class="badge text-bg-danger">{% blocktranslate trimmed count days=item.days_overdue %}po terminie {{ days }} dzień{% plural %}po terminie {{ days }} dni{% endblocktranslate %}</span>
{% elif item.days_left_today <= 7 %}<span class="badge text-bg-warning">{% blocktranslate trimmed count days=item.days_left_today %}zostaje {{ days }} dzień{% plural %}zostaje {{ days }} dni{% endblocktranslate %}</span>
{% else %}<span class="badge text-bg-light">{% blocktranslate trimmed count days=item.days_left_today %}zostaje {{ days }} dzień{% plural %}zostaje {{ days }} dni{% endblocktranslate %}</span>{% endif %}{% else %}—{% endif %}</td>
    </tr>{% endfor %}"""
)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_request_rows_are_the_template_rows(language):
    from datetime import UTC, datetime, timedelta

    from django.utils import translation

    from ipus.choices import RequestStatus
    from ipus.templatetags.ipus_tags import request_rows

    today = date(2026, 11, 23)
    requests = []
    for pk, (days_ago, status, coordinator) in enumerate(
        [
            (1, RequestStatus.REGISTERED, ("Ewa", "Łąk")),
            (26, RequestStatus.ASSESSING, ("", "")),  # 4 days left
            (29, RequestStatus.ASSESSING, ("Ewa", "Łąk")),  # 1 day left
            (30, RequestStatus.REGISTERED, ("Ewa", "Łąk")),  # today
            (31, RequestStatus.REGISTERED, ("Ewa", "Łąk")),  # 1 day overdue
            (40, RequestStatus.ASSESSING, ("Ewa", "Łąk")),
            (60, RequestStatus.PLAN, ("Ewa", "Łąk")),
        ],
        start=1,
    ):
        item = Request(
            pk=pk,
            received_at=datetime(2026, 11, 23, 23, 30, tzinfo=UTC) - timedelta(days=days_ago),
            status=status,
            person=Person(first_name="Zofia", last_name="Żółć <b>"),
            coordinator=User(
                username=f"k{pk}", first_name=coordinator[0], last_name=coordinator[1]
            ),
        )
        requests.append(item)
    Request.mark_deadlines(requests, today)
    with translation.override(language):
        expected = REQUEST_TEMPLATE.render(Context({"object_list": requests}))
        built = request_rows(requests)
    assert parse_html(built) == parse_html(expected)
    assert built.count("table-danger") == expected.count("table-danger") >= 1
    assert "text-bg-warning" in built and "text-bg-light" in built
