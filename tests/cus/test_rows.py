"""Rows built in Python (cus.rows and the *_rows tags) show what the templates did."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test.html import parse_html
from django.urls import reverse
from django.utils import translation

from cus.choices import AccessAction
from cus.models import AccessLog, User
from cus.rows import day, number, object_url
from cus.templatetags.cus_rows import access_log_rows
from ipus.models import Person

# The row as _accesslog_table.html wrote it before the rows moved to Python.
ACCESS_LOG_TEMPLATE = Template(
    """{% for entry in object_list %}
    <tr>
      <td>{{ entry.at|date:"Y-m-d H:i:s" }}</td>
      <td>{{ entry.user|default:"—" }}</td>
      <td>{{ entry.get_action_display }}</td>
      <td>{{ entry.content_type.name }}</td>
      <td>{{ entry.object_id }}</td>
      <td><code>{{ entry.path }}</code></td>
      <td>{{ entry.ip_address|default:"—" }}</td>
    </tr>{% endfor %}"""
)


def test_object_url_is_reverse():
    for pk in (1, 42, 987654321, 10**12):
        assert object_url("ipus:plan-detail", pk) == reverse("ipus:plan-detail", args=[pk])
    with pytest.raises((TypeError, ValueError)):
        object_url("ipus:plan-detail", "1/../../admin")


def test_day_is_the_date_filter():
    assert day(datetime(2026, 3, 5).date()) == "05.03.2026"
    assert day(None) == ""


@pytest.mark.parametrize("language", ["pl", "en"])
def test_access_log_rows_are_the_template_rows(db, language):
    person_type = ContentType.objects.get_for_model(Person)
    entries = [
        AccessLog(
            at=datetime(2026, 6, 30, 22, 30, 5, tzinfo=UTC),  # 1 July in Warsaw
            user=User(username="k1", first_name="Ewa", last_name="Łąk <b>"),
            action=AccessAction.VIEW,
            content_type=person_type,
            object_id="17",
            path="/ipus/persons/17/?q=<script>",
            ip_address="10.0.0.1",
        ),
        AccessLog(
            at=datetime(2026, 1, 2, 8, 0, tzinfo=UTC),
            user=None,
            action=AccessAction.EXPORT,
            content_type=person_type,
            object_id="",
            path="",
            ip_address=None,
        ),
    ]
    with translation.override(language):
        expected = ACCESS_LOG_TEMPLATE.render(Context({"object_list": entries}))
        built = access_log_rows(entries)
    assert parse_html(built) == parse_html(expected)
    assert "2026-07-01 00:30:05" in built and "&lt;script&gt;" in built


NUMBERS = [
    0,
    1,
    13,
    1234567,
    -3,
    None,
    "",
    "abc",
    Decimal(0),
    Decimal("0.00"),
    Decimal("-0"),
    Decimal(13),
    Decimal("13.00"),
    Decimal("0.5"),
    Decimal("0.25"),
    Decimal("2.345"),
    Decimal("1234567.000"),
    Decimal("12.5000"),
    Decimal("0.004"),
    Decimal("-1.50"),
    Decimal("NaN"),
    Decimal("Infinity"),
    2.5,
    4.0,
]


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("arg", ["0", "-1", "-2", "2", "-2g", "-0u", "0g", 0, -1, 2])
@pytest.mark.parametrize("grouping", [False, True])
def test_number_is_floatformat(settings, language, arg, grouping):
    from django.template.defaultfilters import floatformat

    settings.USE_THOUSAND_SEPARATOR = grouping
    with translation.override(language):
        for value in NUMBERS:
            assert number(value, arg) == floatformat(value, arg), (value, arg)


# The main menu's loop as base.html wrote it before the entries moved to Python.
MENU_TEMPLATE = Template(
    """{% for item in nav_items %}
            <li class="nav-item">
              <a class="nav-link{% if item.active %} active{% endif %}" href="{{ item.url }}"{% if item.active %} aria-current="page"{% endif %}>
                <i class="bi bi-{{ item.icon }}" aria-hidden="true"></i> {{ item.label }}
              </a>
            </li>
            {% endfor %}"""
)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["pl", "en"])
def test_menu_items_are_the_template_loop(language):
    from cus import navigation
    from cus.templatetags.cus_rows import menu_items

    user = User.objects.create_superuser("admin-menu", password="x")
    with translation.override(language):
        items = navigation.items_for(user, "ipus:plan-list")
        items.append({"label": "<Łódź> & „dom”", "url": "/a?b=1&c=2", "icon": "x", "active": False})
        expected = MENU_TEMPLATE.render(Context({"nav_items": items}))
        built = menu_items(items)
    assert len(items) > 5
    assert parse_html(built) == parse_html(expected)
    assert built.count('aria-current="page"') == 1 and "&lt;Łódź&gt; &amp;" in built


def test_menu_links_are_the_url_tag():
    from cus.templatetags.cus_rows import menu_link

    for name in ("cus:home", "login", "logout", "password_change", "cus:calendar"):
        assert menu_link(name) == reverse(name)
