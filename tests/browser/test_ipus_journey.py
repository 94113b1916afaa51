"""The IPUS journey: a KIPUS enters the seed template's example plan from an assessment, the
director approves it, the contract PDF is downloaded and read, a signed scan makes the plan
active, then an annex adds a service and is approved."""

import io

from django.utils import timezone
from pypdf import PdfReader

from services.demo import seed as seed_catalogue
from tests.factories import UserFactory
from tests.ipus.conftest import PDF_SCAN, make_assessed_request

CARE = "Usługi opiekuńcze w miejscu zamieszkania (w tym opieka wytchnieniowa)"
TAXI = "Taksówka dla seniora"
REPAIR = "Mobilny konserwator - Złota Rączka"


def download(page, link_name):
    with page.expect_download() as info:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = 'u.pdf'; document.body.appendChild(a); a.click(); }",
            page.get_by_role("link", name=link_name).first.get_attribute("href"),
        )
    return info.value.path().read_bytes()


def add_suggested(page, service, **fields):
    page.locator("li", has_text=service).get_by_role("link", name="dodaj do planu").click()
    assert page.locator("#id_service option:checked").inner_text() == service
    for name, value in fields.items():
        control = page.locator(f"#id_{name}")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    page.get_by_role("button", name="Zapisz", exact=True).click()
    assert page.get_by_text(f"Dodano usługę: {service}").is_visible()


def test_kipus_plan_to_director_approval_signed_scan_and_annex(page, login_as):
    seed_catalogue()
    kipus = UserFactory(
        username="kipus-p",
        first_name="Katarzyna",
        last_name="Wiśniewska",
        role="KIPUS",
        is_staff=True,
    )
    UserFactory(username="dyrektor-p", first_name="Anna", last_name="Nowak", role="Dyrektor")
    from services.models import Service

    services = {
        "care": Service.objects.get(name=CARE),
        "taxi": Service.objects.get(name=TAXI),
        "repair": Service.objects.get(name=REPAIR),
    }
    assessment = make_assessed_request(kipus, services, "Łukaszewska")
    page.on("dialog", lambda dialog: dialog.accept())

    # The KIPUS draws up the plan from the completed assessment.
    login_as(page, "kipus-p")
    page.goto(f"/ipus/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Sporządź IPUS").click()
    page.locator("#id_expected_improvement").fill(
        "Bezpieczne życie w domu, mniej samotności — źródło wsparcia w sąsiedztwie"
    )
    page.get_by_role("button", name="Sporządź projekt planu").click()
    assert page.get_by_text("Sporządzono projekt IPUS").is_visible()

    add_suggested(page, CARE, quantity="6", per="tygodniowo")
    add_suggested(
        page,
        TAXI,
        quantity="2",
        per="w miesiącu",
        cap="6",
        cap_per="w roku",
    )
    add_suggested(page, REPAIR, quantity="4", per="w roku", max_hours="2")
    table = page.locator("table").first.inner_text()
    assert "6 godzin tygodniowo" in table
    assert "2 przejazdy w miesiącu, max. 6 w roku" in table
    assert "4 usługi w roku po max 2 godziny" in table
    page.get_by_role("button", name="Przekaż do zatwierdzenia").click()
    assert page.get_by_text("Przekazano do zatwierdzenia").is_visible()
    version_url = page.url

    # The director approves from the work list.
    page.context.clear_cookies()
    login_as(page, "dyrektor-p")
    page.goto("/ipus/plans/worklist/")
    page.get_by_role("link", name="Zdzisława Łukaszewska").click()
    page.get_by_role("button", name="Zatwierdź").click()
    assert page.get_by_text("Zatwierdzono IPUS IPUS/").is_visible()
    text = " ".join(
        "".join(
            p.extract_text() for p in PdfReader(io.BytesIO(download(page, "Umowa (PDF)"))).pages
        ).split()
    )
    year = timezone.localdate().year
    assert f"INDYWIDUALNY PLAN USŁUG SPOŁECZNYCH NR IPUS/{year}/1" in text
    assert "Zdzisława Łukaszewska" in text and "2 przejazdy w miesiącu, max. 6 w roku" in text
    assert "Plan sporządzono w dwóch jednobrzmiących egzemplarzach" in text

    # The KIPUS attaches the signed scan; the plan starts today, so it becomes active.
    page.context.clear_cookies()
    login_as(page, "kipus-p")
    page.goto(version_url)
    page.get_by_label("skan podpisanego wydruku (PDF, JPEG, PNG)").check()
    page.get_by_label("Plik").set_input_files(
        {"name": "skan.pdf", "mimeType": "application/pdf", "buffer": PDF_SCAN}
    )
    page.get_by_role("button", name="Dołącz i oznacz jako podpisany").click()
    assert page.get_by_text("Status planu: w realizacji").is_visible()

    # An annex adds a service and goes to the director.
    page.get_by_role("button", name="Aktualizacja (aneks)").click()
    page.get_by_role("link", name="Zmień okres, cele, powód").click()
    page.locator("#id_reason").select_option(label="zmiana potrzeb osoby")
    page.locator("#id_reason_text").fill("Potrzebna rehabilitacja w domu")
    page.get_by_role("button", name="Zapisz").click()
    page.get_by_role("link", name="Dodaj usługę").click()
    page.locator("#id_service").select_option(label="Mobilny fizjoterapeuta")
    page.locator("#id_quantity").fill("1")
    page.locator("#id_per").select_option(label="tygodniowo")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    assert page.get_by_text("Dodano: Mobilny fizjoterapeuta").is_visible()
    page.get_by_role("button", name="Przekaż do zatwierdzenia").click()
    annex_url = page.url

    page.context.clear_cookies()
    login_as(page, "dyrektor-p")
    page.goto(annex_url)
    page.get_by_role("button", name="Zatwierdź").click()
    assert page.get_by_text("Zatwierdzono Aktualizacja 1 IPUS").is_visible()
    annex_text = " ".join(
        "".join(
            p.extract_text() for p in PdfReader(io.BytesIO(download(page, "Umowa (PDF)"))).pages
        ).split()
    )
    assert "AKTUALIZACJA INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH" in annex_text
    assert "Dodano: Mobilny fizjoterapeuta" in annex_text
