"""The staff catalogue's rows built in Python (services_tags.service_rows) show what the
template did."""

from decimal import Decimal

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
    # The names as attach_table_names sets them.
    service.area_list = list(areas)
    service.target_group_list = list(groups)
    service.provider_list = list(providers)
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


@pytest.mark.django_db
def test_attached_table_names_are_the_relations_names(django_assert_num_queries):
    from services.models import Provider, StatutoryArea, TargetGroup, attach_table_names

    areas = list(StatutoryArea.objects.order_by("-order")[:3])
    groups = [TargetGroup.objects.create(name=n) for n in ("Żaki", "Seniorzy", "Dzieci <5")]
    providers = [Provider.objects.create(name=n, kind="ngo") for n in ("Źródło", "Alfa", "Ćma")]
    full = Service.objects.create(name="Pełna", unit="hour")
    full.areas.set(areas)
    full.target_groups.set(groups)
    full.providers.set(providers)
    some = Service.objects.create(name="Częściowa", unit="day")
    some.providers.set(providers[1:2])
    bare = Service.objects.create(name="Pusta", unit="day")

    expected = {
        s.pk: (s.area_names, s.target_group_names, s.provider_names)
        for s in Service.objects.for_list()
    }
    with django_assert_num_queries(2):  # the services, then every name in one query
        services = attach_table_names(Service.objects.for_table())
    attached = {s.pk: (s.area_names, s.target_group_names, s.provider_names) for s in services}
    assert attached == expected
    assert attached[full.pk][1] == ", ".join(sorted(g.name for g in groups))
    assert attached[some.pk] == ("", "", "Alfa") and attached[bare.pk] == ("", "", "")
    assert len(attached[full.pk][0].split(", ")) == 3
    with django_assert_num_queries(0):
        assert attach_table_names([]) == []
