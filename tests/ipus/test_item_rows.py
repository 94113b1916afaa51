"""The items table's rows built in Python (ipus_tags.item_rows) show what the template did."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils import translation

from ipus.models import PlanItem
from ipus.schedule import Per
from services.models import Provider, Service

# The loop of ipus/includes/_items_table.html before its rows moved to Python.
TEMPLATE_ROWS = Template(
    """{% load i18n %}{% for item in items %}
    <tr{% if item.flagged %} class="table-warning"{% endif %}>
      <td>{{ forloop.counter }}</td>
      <td>{{ item.service.name }}{% if item.provider %}<br><span class="small text-muted">{{ item.provider }}</span>{% endif %}{% if item.override_reason %}<br><span class="badge text-bg-warning" title="{{ item.override_reason }}">{% translate "ponad limit (decyzja OUS)" %}</span>{% endif %}</td>
      <td>{{ item.starts_on|date:"d.m.Y" }}–{{ item.ends_on|date:"d.m.Y" }}</td>
      <td>{{ item.schedule }}</td>
      <td class="small">{{ item.scope|linebreaksbr }}</td>
      <td>{{ item.place }}</td>
      <td>{% if item.cost_per_unit %}{{ item.cost_per_unit }} {% translate "zł/jedn." %}{% if item.discount_percent %} ({% translate "ulga" %} {{ item.discount_percent }}%){% endif %}{% else %}{% translate "bezpłatnie" %}{% endif %}</td>
      {% if deliveries %}<td>{{ item.units_granted }}</td><td>{{ item.units_used }}{% if item.flagged %} <span class="badge text-bg-danger">{% translate "ponad harmonogram" %}</span>{% endif %}</td><td>{{ item.units_remaining }}</td>{% endif %}
      <td class="d-print-none text-nowrap">
        {% if editable %}<a class="btn btn-sm btn-outline-secondary" href="{% url 'ipus:item-update' item.pk %}">{% translate "Zmień" %}</a>
        <form method="post" action="{% url 'ipus:item-delete' item.pk %}" class="d-inline">{% csrf_token %}<button class="btn btn-sm btn-outline-danger" data-confirm="{% translate 'Usunąć tę usługę z projektu?' %}">{% translate "Usuń" %}</button></form>{% endif %}
        {% if card %}<a class="btn btn-sm btn-outline-secondary" href="{% url 'ipus:item-card' item.pk %}"><i class="bi bi-card-text" aria-hidden="true"></i> {% translate "Karta usług" %}</a>{% endif %}
      </td>
    </tr>{% endfor %}"""
)
TAG_ROWS = Template(
    "{% load ipus_tags %}{% item_rows items deliveries=deliveries editable=editable card=card %}"
)


def _item(pk, *, fee="0", discount=0, provider=None, override="", scope="", flagged=None):
    item = PlanItem(
        pk=pk,
        service=Service(name="Usługi opiekuńcze <Łódź> & „dom”", unit="hour"),
        provider=Provider(name="Caritas „Żółw” & syn") if provider else None,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        quantity=Decimal("2.50"),
        per=Per.WEEK,
        cap=Decimal(6) if pk % 2 else None,
        cap_per=Per.MONTH if pk % 2 else "",
        max_hours=Decimal("1.5") if pk == 3 else None,
        scope=scope,
        place="Dom <osoby>",
        fee_per_unit=Decimal(fee),
        discount_percent=discount,
        override_reason=override,
        units_granted=Decimal("130.00"),
    )
    if flagged is not None:  # items of delivery_summary
        item.units_used = Decimal("12.50")
        item.units_remaining = Decimal("117.50")
        item.flagged = flagged
    return item


WITH_DELIVERIES = [
    _item(
        1, fee="25.50", discount=30, provider=True, scope="Zakupy\nsprzątanie <b>", flagged=False
    ),
    _item(2, override='Decyzja "OUS" <pilna> & ważna', flagged=True),
    _item(3, fee="10", provider=True, flagged=False),
    _item(1234, fee="0.004", discount=50, flagged=True),
]
WITHOUT_DELIVERIES = [
    _item(7, fee="12.75", provider=True, scope="Jedna\n\nlinia"),
    _item(8, override="Powód"),
]


def _render(template, items, **flags):
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "A" * 32
    context = Context({"items": items, "request": request, **flags})
    context["csrf_token"] = "z" * 64
    return template.render(context)


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize(
    ("items", "flags"),
    [
        (WITH_DELIVERIES, {"deliveries": True, "card": True, "editable": False}),
        (WITH_DELIVERIES, {"deliveries": True, "editable": False}),
        (WITHOUT_DELIVERIES, {"editable": True}),
        (WITHOUT_DELIVERIES, {}),
    ],
)
def test_item_rows_are_the_template_rows(language, items, flags):
    with translation.override(language):
        expected = _render(TEMPLATE_ROWS, items, **flags)
        built = _render(TAG_ROWS, items, **flags)
    assert parse_html(built) == parse_html(expected)
    assert "Usługi opiekuńcze &lt;Łódź&gt; &amp; „dom”" in built
    if flags.get("editable"):
        assert built.count('name="csrfmiddlewaretoken" value="' + "z" * 64) == len(items)
        # parse_html drops the whitespace between tags; the template's line break between
        # the inline buttons showed as a space.
        assert built.count('</a> <form method="post"') == len(items)
    else:
        assert "csrfmiddlewaretoken" not in built


def test_the_polish_rows_show_polish_numbers_and_flags():
    with translation.override("pl"):
        built = _render(TAG_ROWS, WITH_DELIVERIES, deliveries=True)
    assert "17,85 zł/jedn. (ulga 30%)" in built  # 25.50 less 30 %, Polish decimal comma
    assert "130,00" in built and "117,50" in built
    assert built.count('class="table-warning"') == 2 and built.count("ponad harmonogram") == 2
    assert 'title="Decyzja &quot;OUS&quot; &lt;pilna&gt; &amp; ważna"' in built
    assert "Zakupy<br>sprzątanie &lt;b&gt;" in built
    assert "bezpłatnie" in built  # 0.004 less 50 % rounds to 0.00


def test_an_item_outside_delivery_summary_shows_blank_delivery_cells():
    bare = _item(5)  # no units_used / units_remaining / flagged
    expected = _render(TEMPLATE_ROWS, [bare], deliveries=True)
    built = _render(TAG_ROWS, [bare], deliveries=True)
    assert parse_html(built) == parse_html(expected)


def test_editable_rows_with_the_card_link_keep_the_spaces_between_buttons():
    built = _render(TAG_ROWS, WITHOUT_DELIVERIES, editable=True, card=True)
    expected = _render(TEMPLATE_ROWS, WITHOUT_DELIVERIES, editable=True, card=True)
    assert parse_html(built) == parse_html(expected)
    assert built.count('</form> <a class="btn') == len(WITHOUT_DELIVERIES)


def test_no_items_no_rows():
    assert _render(TAG_ROWS, [], deliveries=True) == ""
