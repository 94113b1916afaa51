"""The OUS adds a service, finds it with the filters; a resident finds it in the public catalogue."""

from tests.factories import UserFactory


def test_the_ous_adds_a_service_and_a_resident_finds_it(page, login_as, browser, live_server):
    UserFactory(username="ous-kat", role="OUS", is_staff=True)
    login_as(page, "ous-kat")

    page.get_by_role("link", name="Katalog usług").first.click()
    page.get_by_role("link", name="Nowa usługa").click()
    page.get_by_label("Nazwa").fill("Sąsiedzka pomoc w zakupach")
    page.get_by_label("Opis i zakres").fill("Zakupy i drobne sprawunki dla osób starszych")
    page.get_by_label("wspieranie osób niepełnosprawnych").check()
    page.get_by_label("Jednostka miary").select_option(label="usługa")
    page.get_by_label("Bezpłatna").uncheck()
    page.get_by_role("button", name="Zapisz usługę").click()
    # A paid service without a price is refused; what was typed stays.
    assert page.get_by_text("Usługa odpłatna musi mieć cenę").first.is_visible()
    assert page.get_by_label("Nazwa").input_value() == "Sąsiedzka pomoc w zakupach"
    page.get_by_label("Cena za jednostkę (zł)").fill("5,50")
    page.get_by_role("button", name="Zapisz usługę").click()
    page.wait_for_url("**/services/*/")
    assert "Sąsiedzka pomoc w zakupach" in page.locator("h1").inner_text()

    page.goto("/services/")
    page.get_by_label("Szukaj").fill("sąsiedz")
    page.get_by_label("Odpłatność").select_option(label="odpłatne")
    page.get_by_role("button", name="Filtruj").click()
    page.wait_for_url("**fee=paid**")
    assert (
        page.locator("#service-table")
        .get_by_role("link", name="Sąsiedzka pomoc w zakupach")
        .is_visible()
    )

    resident = browser.new_context(base_url=live_server.url, locale="pl-PL").new_page()
    resident.goto("/katalog/")
    resident.get_by_label("Szukaj").fill("zakup")
    resident.get_by_role("button", name="Szukaj").click()
    resident.get_by_role("link", name="Sąsiedzka pomoc w zakupach").click()
    assert "5,50 zł" in resident.content() or "5.50 zł" in resident.content()
    assert resident.get_by_text("Jak skorzystać z usługi?").is_visible()
    resident.context.close()


def test_on_a_phone_the_filters_wait_behind_one_button_and_the_number_calls(browser, live_server):
    from cus.models import CentreProfile
    from tests.services.factories import ServiceFactory

    CentreProfile(
        name="Centrum Usług Społecznych",
        street="ul. Majówka 21a",
        postal_code="27-200",
        town="Starachowice",
        phone="41 274 00 12",
        director_name="Anna Kowalska",
    ).save()
    ServiceFactory(name="Taksówka dla seniora", description="Przejazdy do lekarza")
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", viewport={"width": 375, "height": 740}
    )
    phone = context.new_page()
    phone.goto("/katalog/")
    # The first screen shows the services, not six selects.
    assert not phone.get_by_label("Obszar").is_visible()
    assert phone.get_by_role("link", name="Taksówka dla seniora").is_visible()
    box = phone.get_by_role("link", name="Taksówka dla seniora").bounding_box()
    assert box["y"] < 740
    phone.get_by_role("button", name="Filtry").click()
    phone.get_by_label("Obszar").wait_for(state="visible")
    assert phone.get_by_label("Obszar").locator("option").first.inner_text() == "wszystkie"
    assert "---------" not in phone.content()
    # Searching without Polish letters finds the service.
    phone.get_by_label("Szukaj").fill("taksowka")
    phone.get_by_role("button", name="Szukaj", exact=True).click()
    phone.wait_for_url("**q=taksowka**")
    assert phone.get_by_role("link", name="Taksówka dla seniora").is_visible()
    call = phone.get_by_role("link", name="41 274 00 12")
    assert call.get_attribute("href") == "tel:412740012"
    context.close()
