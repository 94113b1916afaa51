"""The OSL progress rows built in Python (osl_tags.progress_rows) show what the template did."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from osl.choices import Frequency, TimingKind
from osl.models import Community, ScheduleItem
from osl.templatetags.osl_tags import progress_rows

# The row as plan_progress.html wrote it before the rows moved to Python.
TEMPLATE_ROWS = Template(
    """{% load i18n %}{% for item in items %}<tr{% if item.behind %} class="table-warning"{% endif %}>
    <td>{{ item.community|default:_("cała gmina") }}</td><td><a href="{% url 'osl:item-detail' item.pk %}">{{ item.task }}</a>{% if item.behind %} <span class="badge text-bg-danger">{% translate "opóźnienie" %}</span>{% endif %}</td><td>{{ item.timing }}</td>
    <td>{% if item.expected is None %}{% translate "wg potrzeb" %}{% else %}{{ item.expected|floatformat:"-1" }}{% endif %} / {{ item.held }}</td>
    <td>{{ item.participants_target|floatformat:"0"|default:"—" }} / {{ item.people }}</td>
    <td class="small">{% for i in item.indicator_progress %}<span class="{% if i.reached %}text-success{% else %}text-danger{% endif %}">{{ i.name }}: {{ i.achieved|floatformat:"-2" }} / {{ i.target|floatformat:"-2" }} {{ i.unit }}</span><br>{% empty %}—{% endfor %}</td>
  </tr>{% endfor %}"""
)


def _indicator(name, achieved, target, unit):
    return SimpleNamespace(
        name=name, achieved=achieved, target=target, unit=unit, reached=achieved >= target
    )


def _item(pk, *, community, task, expected, held, target, people, behind, indicators=(), **timing):
    item = ScheduleItem(pk=pk, community=community, task=task, **timing)
    item.expected, item.held = expected, held
    item.participants_target, item.people = target, people
    item.behind, item.indicator_progress = behind, list(indicators)
    return item


ITEMS = [
    _item(
        1,
        community=Community(name="Osiedle <Północ> & Co"),
        task='Spotkania "klubu" seniora',
        expected=Decimal("6"),
        held=4,
        target=Decimal("72.5"),
        people=51,
        behind=True,
        indicators=[
            _indicator("Liczba uczestników", Decimal("51"), Decimal("72.50"), "osób"),
            _indicator("Udział", Decimal("0.333"), Decimal("0.25"), "%"),
        ],
        timing_kind=TimingKind.FREQUENCY,
        frequency=Frequency.MONTHLY,
    ),
    _item(
        2,
        community=None,
        task="Diagnoza",
        expected=None,
        held=0,
        target=None,
        people=0,
        behind=False,
        timing_kind=TimingKind.RANGE,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 31),
    ),
    _item(
        3,
        community=Community(name="Łączna"),
        task="Festyn",
        expected=Decimal("1.25"),
        held=2,
        target=Decimal("0"),
        people=120,
        behind=False,
        timing_kind=TimingKind.QUARTERS,
        quarters=["2026-Q2", "2026-Q3"],
    ),
]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_progress_rows_are_the_template_rows(language):
    with translation.override(language):
        expected = TEMPLATE_ROWS.render(Context({"items": ITEMS}))
        built = progress_rows(ITEMS)
    assert parse_html(built) == parse_html(expected)
    assert "Osiedle &lt;Północ&gt; &amp; Co" in built
    assert built.count("table-warning") == 1


def test_no_items_no_rows():
    assert progress_rows([]) == ""


# The activity log's old row, but with "—" for an activity without an author (imported
# data), where the old template showed "None".
ACTIVITY_TEMPLATE = Template(
    """{% load i18n %}{% for a in object_list %}<tr><td>{{ a.held_on|date:"d.m.Y" }}</td><td>{{ a.item.community|default:_("cała gmina") }}</td><td><a href="{% url 'osl:item-detail' a.item_id %}">{{ a.item.task }}</a></td><td>{{ a.place }}</td><td>{{ a.participants }}</td><td>{{ a.created_by|default:"—" }}</td></tr>{% endfor %}"""
)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_activity_rows_are_the_template_rows(language):
    from cus.models import User
    from osl.models import Activity
    from osl.templatetags.osl_tags import activity_rows

    activities = [
        Activity(
            pk=1,
            item=ITEMS[0],
            held_on=date(2026, 3, 5),
            place="Świetlica „Pod Lipą” & <sala>",
            participants=12,
            created_by=User(username="anim", first_name="Ola", last_name="Łoś"),
        ),
        Activity(pk=2, item=ITEMS[1], held_on=date(2026, 4, 1), place="", participants=0),
    ]
    with translation.override(language):
        expected = ACTIVITY_TEMPLATE.render(Context({"object_list": activities}))
        built = activity_rows(activities)
    assert parse_html(built) == parse_html(expected)
    assert "&lt;sala&gt;" in built
    assert "None" not in built and built.endswith("<td>—</td></tr>")
