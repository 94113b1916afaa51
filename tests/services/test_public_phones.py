"""Every phone number a public page shows is a tap-to-call ``tel:`` link (every public URL
pattern, enumerated from the URL registry: the views open without a login)."""

from django.urls import reverse

from cus.models import CentreProfile
from tests.services.factories import ServiceFactory
from tests.urlwalk import named_patterns

PHONE = "41 274 00 12"


def _public_pages(service):
    for name, pattern in named_patterns():
        if getattr(pattern.callback, "login_required", True) or name.startswith("admin:"):
            continue
        groups = pattern.pattern.regex.groups
        if groups == 0:
            yield reverse(name)
        elif groups == 1 and "<int:pk>" in str(pattern.pattern):
            yield reverse(name, args=[service.pk])


def test_every_phone_number_on_a_public_page_is_a_tel_link(client, db):
    CentreProfile(
        name="Centrum Usług Społecznych",
        street="ul. Majówka 21a",
        postal_code="27-200",
        town="Starachowice",
        phone=PHONE,
        email="sekretariat@cus.example.pl",
        director_name="Anna Kowalska",
    ).save()
    service = ServiceFactory(name="Taksówka dla seniora")
    shown = 0
    for url in _public_pages(service):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        linked = page.count(f'<a href="tel:{PHONE.replace(" ", "")}">{PHONE}</a>')
        assert page.count(PHONE) == linked, url
        shown += linked
    assert shown >= 2  # the catalogue and the service page show the centre's number
