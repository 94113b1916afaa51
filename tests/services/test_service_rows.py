"""The staff catalogue's rows built in Python (services_tags.service_rows) show what the
template did."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from services.models import Service
from services.templatetags.services_tags import service_rows

# The row as _service_table.html wrote it before the rows moved to Python.
TEMPLATE_ROWS = Template(
    """{% load i18n %}{% for service in object_list %}
    <tr>
      <td><a href="{{ service.get_absolute_url }}">{{ service.name }}</a>{% if not service.active %} <span class="badge text-bg-secondary">{% translate "archiwum" %}</span>{% endif %}</td>
      <td class="small">{{ service.area_names }}</td>
      <td class="small">{{ service.target_group_names }}</td>
      <td class="small">{{ service.provider_names }}</td>
      <td>{{ service.get_unit_display }}</td>
      <td>{% if service.is_free %}{% translate "bezpłatna" %}{% else %}{{ service.price_per_unit }} {% translate "zł" %}{% endif %}</td>
    </tr>{% endfor %}"""
)


def _service(
    pk,
    name,
    *,
    active=True,
    is_free=True,
    price=None,
    unit="hour",
    areas=(),
    groups=(),
    providers=(),
):
    service = Service(
        pk=pk, name=name, active=active, is_free=is_free, price_per_unit=price, unit=unit
    )
    service.area_list = [SimpleNamespace(name=n) for n in areas]
    service.target_group_list = [SimpleNamespace(name=n) for n in groups]
    service.provider_list = [SimpleNamespace(name=n) for n in providers]
    return service


SERVICES = [
    _service(
        1,
        "Usługa opiekuńcza",
        areas=["pomoc społeczna"],
        groups=["seniorzy", "osoby z niepełnosprawnościami"],
        providers=["MOPS & <Spółka>"],
    ),
    _service(2, 'Taksówka "dla seniora"', is_free=False, price=Decimal("12.50"), unit="ride"),
    _service(3, "Łaźnia", active=False, is_free=False, price=Decimal("1500"), unit="nonsense"),
]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_service_rows_are_the_template_rows(language):
    with translation.override(language):
        expected = TEMPLATE_ROWS.render(Context({"object_list": SERVICES}))
        built = service_rows(SERVICES)
    assert parse_html(built) == parse_html(expected)
    assert "MOPS &amp; &lt;Spółka&gt;" in built


def test_no_services_no_rows():
    assert service_rows([]) == ""
