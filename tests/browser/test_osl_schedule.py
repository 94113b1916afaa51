"""The OSL organizer enters a schedule row as the plan prints it (a date range and "raz w
miesiącu" in one row, a qualitative indicator) and loads further rows from an XLSX."""

from datetime import date

from openpyxl import Workbook

from osl.imports import COLUMNS
from osl.models import Community, OslPlan, PlanGoal, ScheduleItem
from tests.factories import UserFactory


def test_osl_organizer_enters_a_row_with_two_timing_forms_and_imports_an_xlsx(
    page, login_as, tmp_path
):
    organizer = UserFactory(username="osl-s", first_name="Ewa", last_name="Nowak", role="OSL")
    plan = OslPlan(
        title="Plan OSL 2026/2027", period_start=date(2026, 7, 1), period_end=date(2027, 6, 30)
    )
    plan.stamp(organizer)
    plan.save()
    PlanGoal.objects.create(plan=plan, order=1, title="Integracja mieszkańców gminy")
    Community.objects.create(plan=plan, name="Sołectwo Lipie", kind="territorial")
    page.on("dialog", lambda dialog: dialog.accept())

    login_as(page, "osl-s")
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name="Dodaj pozycję").first.click()  # the gmina-wide schedule
    frequency = page.locator("#id_frequency")
    assert not frequency.is_visible()  # only the chosen timing forms' fields show
    page.locator("#id_specific_goal").select_option(label="1. Integracja mieszkańców gminy")
    page.locator("#id_task").fill("Kawiarenka sąsiedzka")
    page.locator("#id_participants").fill("ok. 40 na spotkanie")
    page.locator("#id_participants_basis").select_option(label="na jedno spotkanie")
    page.get_by_label("okres (od–do)").check()
    page.get_by_label("częstotliwość", exact=True).check()
    assert frequency.is_visible() and page.locator("#id_ends_on").is_visible()
    assert not page.locator("#id_quarters").is_visible()
    page.locator("#id_starts_on").fill("2026-09-01")
    page.locator("#id_ends_on").fill("2027-06-30")
    frequency.select_option(label="raz w miesiącu")
    page.locator("#id_indicators-0-kind").select_option(label="jakościowy")
    page.locator("#id_indicators-0-name").fill("Zmiana postaw")
    page.locator("#id_indicators-0-description").fill("Mieszkańcy sami proponują tematy")
    page.locator("#id_indicators-0-evidence").fill("wywiady")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    assert page.get_by_text("Zapisano pozycję harmonogramu").is_visible()
    row = page.locator("tr", has_text="Kawiarenka sąsiedzka")
    assert "01.09.2026–30.06.2027, raz w miesiącu" in row.inner_text()
    assert "Zmiana postaw (jakościowy): Mieszkańcy sami proponują tematy" in row.inner_text()

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(c) for c in COLUMNS])
    sheet.append([1, "Sołectwo Lipie", "Integracja mieszkańców gminy", "Spacer badawczy", "", "",
                  "10–15", "", "Spacery: min. 3 spacerów [źródło: notatki]", "OSL", "", "", "łącznie",
                  "", "2026-Q3"])  # fmt: skip
    path = tmp_path / "harmonogram.xlsx"
    workbook.save(path)
    page.get_by_role("link", name="Wczytaj harmonogram z pliku XLSX").click()
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Wczytaj").click()
    assert page.get_by_text("Dodano pozycje harmonogramu z pliku: 1").is_visible()
    assert (
        "Spacery (ilościowy): min. 3 spacerów"
        in page.locator("tr", has_text="Spacer badawczy").inner_text()
    )
    assert ScheduleItem.objects.filter(plan=plan).count() == 2
