"""A KIPUS registers a walk-in resident, files the request, starts the assessment with two
wanted services, leaves mid-way, comes back to an intact draft, finishes and prints it."""

import io
from datetime import date

from pypdf import PdfReader

from cus import pesel
from services.demo import seed as seed_catalogue
from tests.factories import UserFactory


def test_kipus_walk_in_to_a_printed_assessment(page, login_as):
    seed_catalogue()
    UserFactory(
        username="kipus-j",
        first_name="Katarzyna",
        last_name="Wiśniewska",
        role="KIPUS",
        is_staff=True,
    )
    number = pesel.make(date(1946, 8, 15), serial=3141, sex=pesel.FEMALE)
    login_as(page, "kipus-j")

    # Search first; nobody found, so register the person with the PESEL carried over.
    page.get_by_role("link", name="Mieszkańcy").click()
    page.get_by_label("PESEL, nazwisko lub imię").fill(number)
    page.get_by_role("button", name="Szukaj").click()
    assert page.get_by_text("Nie znaleziono osoby").is_visible()
    page.get_by_role("link", name="Zarejestruj nową osobę").click()
    assert page.get_by_label("PESEL").input_value() == number
    page.get_by_label("Imię").fill("Bożena")
    page.get_by_label("Nazwisko").fill("Źrebięcka")
    page.get_by_label("Miejscowość").fill("Starachowice")
    page.get_by_role("button", name="Zapisz osobę").click()
    assert "Bożena Źrebięcka" in page.locator("h1").inner_text()
    assert "15 sierpnia 1946" in page.content()

    # The request, then the assessment.
    page.get_by_role("link", name="Przyjmij wniosek").click()
    page.get_by_label("Forma złożenia").select_option(label="osobiście")
    page.get_by_label("Czego dotyczy wniosek").fill("Pomoc w domu po operacji")
    page.get_by_role("button", name="Zapisz wniosek").click()
    page.get_by_role("button", name="Rozpocznij rozpoznanie potrzeb").click()
    page.wait_for_url("**/assessments/*/update/")

    page.get_by_role("textbox", name="Problemy i potrzeby").fill(
        "Po operacji biodra nie wychodzi z domu — żółć"
    )
    page.locator("#id_rows-0-service").select_option(label="Taksówka dla seniora")
    page.locator("#id_rows-0-frequency").fill("2 w miesiącu")
    page.get_by_role("button", name="Dodaj usługę").click()  # a second row, in the page
    page.locator("#id_rows-1-service").select_option(
        label="Usługi opiekuńcze w miejscu zamieszkania (w tym opieka wytchnieniowa)"
    )
    with page.expect_response("**/autosave/") as saved:
        page.locator("#id_rows-1-frequency").fill("6 godzin tygodniowo")
        page.locator("#id_rows-1-frequency").blur()
    assert saved.value.ok
    assert page.get_by_text("Szkic zapisany").is_visible()
    edit_url = page.url

    # Leave mid-way and come back: the draft is intact.
    page.get_by_role("link", name="Pulpit").click()
    page.goto(edit_url)
    assert page.get_by_text("Przywrócono niezapisany szkic").is_visible()
    assert page.get_by_role("textbox", name="Problemy i potrzeby").input_value().endswith("żółć")
    assert page.locator("#id_rows-1-frequency").input_value() == "6 godzin tygodniowo"

    page.get_by_label("Ocena koordynatora: czy usługi są zasadne i możliwe").fill(
        "Zasadne i możliwe"
    )
    page.get_by_label("Przekazano informację o odpłatności").check()
    page.get_by_role("button", name="Zakończ rozpoznanie").click()
    assert page.get_by_text("zakończona — do podpisu").is_visible()

    with page.expect_download() as download_info:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = 'd.pdf'; document.body.appendChild(a); a.click(); }",
            page.get_by_role("link", name="Drukuj (PDF)").get_attribute("href"),
        )
    pdf = download_info.value.path().read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Bożena Źrebięcka" in text
    assert "Taksówka dla seniora" in text
    assert "podpis osoby zainteresowanej" in text
