"""The staff catalogue as its page shows it (rows from templates/jinja2/services/rows/):
names escaped, archived services marked, prices in Polish, links to each service."""

from decimal import Decimal

from django.urls import reverse

from services.models import Provider, Service, StatutoryArea, TargetGroup, attach_table_names
from tests.services.factories import ServiceFactory

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_the_service_list_escapes_names_marks_archived_services_and_links_each(client, ous):
    hostile = ServiceFactory(name=HOSTILE, is_free=False, price_per_unit=Decimal("12.50"))
    hostile.providers.add(Provider.objects.create(name=f"MOPS {HOSTILE}", kind="ngo"))
    archived = ServiceFactory(name="Łaźnia", active=False, unit="day")
    client.force_login(ous)
    page = client.get(reverse("services:service-list"), {"status": "all"}).text

    link = f'<a href="{reverse("services:service-detail", args=[hostile.pk])}">{ESCAPED}</a>'
    assert f"<td>{link}</td>" in page and HOSTILE not in page
    assert f'<td class="small">MOPS {ESCAPED}, Realizator ' in page  # names in order
    assert "<td>godzina</td>" in page and "<td>12,50 zł</td>" in page
    assert '<td class="small">Seniorzy</td>' in page
    archived_link = reverse("services:service-detail", args=[archived.pk])
    assert (
        f'<a href="{archived_link}">Łaźnia</a> <span class="badge text-bg-secondary">archiwum</span>'
        in page
    )
    assert "<td>bezpłatna</td>" in page
    partial = client.get(reverse("services:service-list"), {"q": "nic"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.text
    assert '<td colspan="6" class="text-muted">Brak usług spełniających kryteria.</td>' in (
        partial.text
    )


def test_attached_table_names_are_the_relations_names(db, django_assert_num_queries):
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
