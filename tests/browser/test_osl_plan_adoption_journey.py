"""Issue 24's whole journey in the browser: a plan of an urban–rural gmina running 1 July –
30 June is entered by hand and from an XLSX (ten rows in the plan's columns, quantitative and
qualitative indicators, gmina-wide and community schedules), handed to the director, found in
the director's to-do, returned with comments, adopted by an order, printed as the annex to
that order with every column, logged and corrected through the year, and reported once for
its plan year with the right numbers."""

import io
from datetime import date

from openpyxl import Workbook
from pypdf import PdfReader

from cus.models import CentreProfile
from osl.imports import COLUMNS
from osl.models import Activity, OslPlan, Partner
from tests.factories import TEST_PASSWORD, UserFactory

ROWS = [
    # Lp., community, goal, task, method, target group, participants, timing, indicators, who, alternative
    (2, "", "Integracja mieszkańców gminy", "Forum sołtysów i rad osiedli", "Spotkania w gminie",
     "sołtysi, rady osiedli", "10–15", "raz na kwartał",
     "Spotkania: min. 4 spotkań [źródło: listy obecności]", "OSL\nPartnerzy: Urząd Gminy", "spotkanie online"),
    (3, "", "Integracja mieszkańców gminy", "Gminny piknik rodzinny", "Piknik na stadionie",
     "rodziny", "ok. 300 łącznie", "raz w roku",
     "Uczestnicy: min. 300 osób [źródło: szacunek organizatorów]", "OSL, KGW", "festyn w szkole"),
    (4, "", "Aktywizacja seniorów", "Senior w sieci", "Kurs obsługi telefonu", "seniorzy",
     "8–12", "raz w miesiącu", "Zmiana postaw: jakościowy — seniorzy sami korzystają z e-usług [źródło: ankieta]",
     "OSL, biblioteka", "zajęcia indywidualne"),
    (5, "", "Aktywizacja seniorów", "Wolontariat senioralny", "Odwiedziny sąsiedzkie", "seniorzy",
     "stały, niewielki udział", "praca stała / ciągła",
     "Wolontariusze: min. 5 osób [źródło: rejestr wolontariuszy]", "OSL", ""),
    (1, "Sołectwo Lipie", "Integracja mieszkańców gminy", "Spacer badawczy po sołectwie",
     "Mapa potrzeb", "mieszkańcy Lipia", "10–15", "raz na pół roku",
     "Spacery: min. 2 spacerów [źródło: notatki]", "OSL, sołtys", "wywiady domowe"),
    (2, "Sołectwo Lipie", "Integracja mieszkańców gminy", "Kawiarenka sąsiedzka w świetlicy",
     "Spotkania przy kawie", "mieszkańcy Lipia", "ok. 20 na spotkanie", "raz w miesiącu",
     "Spotkania: min. 10 spotkań [źródło: listy obecności]\nAtmosfera: jakościowy — mieszkańcy proponują tematy [źródło: obserwacja]",
     "OSL, KGW Lipie", "spotkanie w remizie"),
    (3, "Sołectwo Lipie", "Aktywizacja seniorów", "Klub seniora", "Pogadanki", "seniorzy z Lipia",
     "8–12", "raz w miesiącu", "Spotkania: min. 10 spotkań [źródło: listy obecności]", "OSL", ""),
    (4, "Sołectwo Lipie", "Aktywizacja seniorów", "Międzypokoleniowe warsztaty kulinarne", "Warsztaty",
     "seniorzy i dzieci", "ok. 25 na spotkanie", "raz na kwartał",
     "Warsztaty: min. 4 warsztatów [źródło: zdjęcia]", "OSL, szkoła", ""),
    (5, "Sołectwo Lipie", "Integracja mieszkańców gminy", "Sprzątanie świata w Lipiu", "Akcja",
     "mieszkańcy", "ok. 40 łącznie", "raz w roku",
     "Uczestnicy: min. 40 osób [źródło: lista]", "OSL, sołtys", "akcja w innym terminie"),
]  # fmt: skip


def pdf_text(data):
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _login(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.get_by_label("Nazwa użytkownika").fill(username)
    page.get_by_label("Hasło").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def test_a_july_june_gmina_plan_from_entry_to_its_annual_report(page, login_as, tmp_path):
    UserFactory(username="osl-j", first_name="Ewa", last_name="Nowak", role="OSL")
    UserFactory(username="dyr-j", first_name="Jan", last_name="Dąb", role="Dyrektor")
    CentreProfile.objects.create(
        name="Centrum Usług Społecznych w Żabnie", street="ul. Łąkowa 1", postal_code="33-240",
        town="Żabno", phone="146450000", email="cus@example.org", director_name="Jan Dąb",
        gmina_kind="urban_rural",
    )  # fmt: skip
    Partner.objects.create(name="Urząd Gminy", kind="institution")
    page.on("dialog", lambda dialog: dialog.accept())

    # The organizer creates the plan with its goals (a July–June plan year).
    login_as(page, "osl-j")
    page.goto("/osl/plans/create/")
    page.locator("#id_title").fill("Plan OSL Gminy Żabno 2025/2026")
    page.locator("#id_period_start").fill("2025-07-01")
    page.locator("#id_period_end").fill("2026-06-30")
    assert not page.get_by_text("Powód aktualizacji").count()  # a first version
    page.locator("#id_goals-0-order").fill("1")
    page.locator("#id_goals-0-title").fill("Integracja mieszkańców gminy")
    page.get_by_role("button", name="Dodaj cel").click()
    page.locator("#id_goals-1-order").fill("2")
    page.locator("#id_goals-1-title").fill("Aktywizacja seniorów")
    page.locator("main").get_by_role("button", name="Zapisz", exact=True).click()
    plan = OslPlan.objects.get(title="Plan OSL Gminy Żabno 2025/2026")
    assert list(plan.goals.values_list("title", flat=True)) == [
        "Integracja mieszkańców gminy",
        "Aktywizacja seniorów",
    ]
    page.goto(plan.get_absolute_url())
    assert page.get_by_text("Harmonogram na poziomie ogólnogminnym").is_visible()
    page.get_by_role("link", name="Dodaj społeczność").click()
    page.locator("#id_name").fill("Sołectwo Lipie")
    page.locator("#id_kind").select_option("territorial")
    page.locator("#id_baseline").fill("Brak świetlicy czynnej po południu")
    page.locator("main").get_by_role("button", name="Zapisz", exact=True).click()

    # One gmina-wide row by hand: a range and a frequency, a quantitative indicator.
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name="Dodaj pozycję").first.click()
    page.locator("#id_specific_goal").select_option(label="1. Integracja mieszkańców gminy")
    page.locator("#id_task").fill("Gminna rada seniorów i młodzieży")
    page.locator("#id_target_group").fill("seniorzy i młodzież")
    page.locator("#id_participants").fill("ok. 15 na spotkanie")
    page.locator("#id_participants_basis").select_option(label="na jedno spotkanie")
    page.get_by_label("okres (od–do)").check()
    page.get_by_label("częstotliwość", exact=True).check()
    page.locator("#id_starts_on").fill("2025-09-01")
    page.locator("#id_ends_on").fill("2026-06-30")
    page.locator("#id_frequency").select_option(label="raz w miesiącu")
    page.locator("#id_indicators-0-name").fill("Spotkania rady")
    page.locator("#id_indicators-0-target").fill("10")
    page.locator("#id_indicators-0-unit").fill("spotkań")
    page.locator("#id_indicators-0-evidence").fill("protokoły")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    assert page.get_by_text("Zapisano pozycję harmonogramu").is_visible()

    # Nine more rows from an XLSX in the export's columns.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(c) for c in COLUMNS])
    for row in ROWS:
        sheet.append(list(row))
    path = tmp_path / "harmonogram.xlsx"
    workbook.save(path)
    page.get_by_role("link", name="Wczytaj harmonogram z pliku XLSX").click()
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Wczytaj").click()
    assert page.get_by_text("Dodano pozycje harmonogramu z pliku: 9").is_visible()
    assert plan.schedule_items.count() == 10

    # Handed to the director, returned with comments, handed again.
    page.goto(plan.get_absolute_url())
    page.get_by_role("button", name="Przekaż do przyjęcia").click()
    assert page.get_by_text("Przekazano plan dyrektorowi do przyjęcia").is_visible()
    _login(page, "dyr-j")
    assert page.get_by_text("Plany OSL do przyjęcia zarządzeniem").is_visible()
    page.get_by_role("link", name="Plan OSL Gminy Żabno 2025/2026").first.click()
    page.locator("summary", has_text="Zwróć do poprawy").click()
    page.locator("#id_return-comments").fill("Dopisz działanie alternatywne dla klubu seniora.")
    page.get_by_role("button", name="Zwróć organizatorowi z uwagami").click()
    assert page.get_by_text("Zwrócono plan organizatorowi z uwagami").is_visible()
    _login(page, "osl-j")
    assert page.get_by_text("Dopisz działanie alternatywne dla klubu seniora.").first.is_visible()
    page.goto(plan.get_absolute_url())
    page.get_by_role("button", name="Przekaż do przyjęcia").click()

    # Adopted by the director's order, printed as the annex with every column.
    _login(page, "dyr-j")
    page.goto(plan.get_absolute_url())
    page.locator("#id_order_number").fill("Zarządzenie nr 12/2025")
    page.locator("#id_order_date").fill("2025-06-25")
    page.get_by_role("button", name="Przyjmij plan").click()
    assert page.get_by_text(
        "Plan przyjęto: Zarządzenie nr 12/2025 z dnia 25.06.2025 r."
    ).is_visible()
    response = page.request.get(f"/osl/plans/{plan.pk}/plan.pdf")
    text = pdf_text(response.body())
    assert (
        "Załącznik do Zarządzenia nr 12/2025 Dyrektora Centrum Usług Społecznych w Żabnie" in text
    )
    for heading in ("Lp.", "Cel szczegółowy", "Grupa docelowa", "Termin", "Wskaźniki"):
        assert heading in text, heading
    for value in (
        "Gminna rada seniorów i młodzieży",
        "Spacer badawczy po sołectwie",
        "Sprzątanie świata w Lipiu",
        "ok. 20 na spotkanie",
        "Spotkania rady",
        "mieszkańcy proponują tematy",
        "listy obecności",
        "Brak świetlicy czynnej po południu",
    ):
        assert value in text, value

    # Logged and corrected through the year.
    _login(page, "osl-j")
    page.goto("/osl/activities/new/")
    page.get_by_role("link", name="Kawiarenka sąsiedzka w świetlicy").first.click()
    page.locator("#id_held_on").fill("2026-07-15")  # after the plan's end
    page.locator("#id_place").fill("Świetlica w Lipiu")
    page.locator("#id_description").fill("Spotkanie przy kawie")
    page.locator("#id_participants").fill("18")
    page.get_by_role("button", name="Zapisz działanie").click()
    assert page.get_by_text("okres").first.is_visible() and not Activity.objects.exists()
    page.locator("#id_held_on").fill("2025-10-15")
    page.get_by_role("button", name="Zapisz działanie").click()
    assert page.get_by_text("Zapisano działanie").is_visible()
    page.get_by_role("link", name="Popraw").click()
    page.locator("#id_participants").fill("21")
    page.get_by_role("button", name="Zapisz poprawkę").click()
    activity = Activity.objects.get()
    assert activity.participants == 21 and activity.history.count() == 2

    # Reported once for its plan year, with its numbers.
    page.goto(plan.get_absolute_url())
    page.locator("summary", has_text="Sporządź sprawozdanie roczne").click()
    page.locator("#id_report-period").select_option(label="rok planu 01.07.2025–30.06.2026")
    page.locator("#id_report-narrative").fill("Powstała kawiarenka sąsiedzka.")
    page.get_by_role("button", name="Sporządź sprawozdanie (PDF)").click()
    report = plan.reports.get()
    assert report.numbers["activities"] == 1 and report.numbers["participants"] == 21
    page.locator("summary", has_text="Sporządź sprawozdanie roczne").click()
    page.locator("#id_report-period").select_option(label="rok planu 01.07.2025–30.06.2026")
    page.locator("#id_report-narrative").fill("Drugie")
    page.get_by_role("button", name="Sporządź sprawozdanie (PDF)").click()
    assert page.get_by_text("Za ten okres jest już sprawozdanie").is_visible()
    assert plan.reports.count() == 1
    assert date(2026, 6, 30) == report.period_end
