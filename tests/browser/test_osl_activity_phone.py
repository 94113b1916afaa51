"""An animator logs an activity on a phone: a volunteer's hours and an attendance list, a typing
error, the fix without attaching the file again, then a correction; the log fits the screen."""

from datetime import date

from osl import workflows
from osl.models import Activity, Evidence, OslPlan, ScheduleItem, Volunteer
from tests.factories import UserFactory, pdf_bytes

PHONE = {"width": 390, "height": 844}


def test_an_animator_logs_and_corrects_an_activity_on_a_phone(page, login_as, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    organizer = UserFactory(username="osl-p", role="OSL")
    director = UserFactory(username="dyrektor-p", role="Dyrektor")
    UserFactory(username="animator-p", first_name="Piotr", last_name="Żak", role="Animator")
    plan = OslPlan(
        title="Plan OSL 2025/2026",
        period_start=date(2025, 7, 1),
        period_end=date(2026, 6, 30),
    )
    plan.stamp(organizer)
    plan.save()
    ScheduleItem.objects.create(
        plan=plan, area="animation", task="Kawiarenka sąsiedzka", frequency="monthly"
    )
    workflows.adopt(workflows.submit(plan, director), "7/2025", date(2025, 6, 20), director)
    Volunteer.objects.create(name="Anna Wolna", consent_on=date(2025, 1, 2))
    scan = tmp_path / "lista.pdf"
    scan.write_bytes(pdf_bytes())

    page.set_viewport_size(PHONE)
    login_as(page, "animator-p")
    page.goto("/osl/activities/new/")  # the menu is folded on a phone
    page.get_by_role("link", name="Kawiarenka sąsiedzka").click()
    assert page.locator("#id_participants").get_attribute("inputmode") == "numeric"
    page.locator("#id_held_on").fill("2025-09-05")
    page.locator("#id_place").fill("Świetlica")
    page.locator("#id_description").fill("Spotkanie przy kawie")
    page.locator("#id_participants").fill("3,5")  # not whole people
    page.locator("#id_hours-0-volunteer").select_option(label="Anna Wolna")
    page.locator("#id_hours-0-hours").fill("2,5")
    page.locator("#id_evidence").set_input_files(str(scan))
    page.get_by_role("button", name="Zapisz działanie").click()

    assert page.get_by_text("liczbę całkowitą").first.is_visible()
    assert page.get_by_text("Załączony plik: lista.pdf (zostanie zapisany)").is_visible()
    assert page.locator("#id_hours-0-hours").input_value() == "2,5"
    page.locator("#id_participants").fill("12")
    page.get_by_role("button", name="Zapisz działanie").click()
    assert page.get_by_text("Zapisano działanie").is_visible()

    activity = Activity.objects.get()
    assert activity.participants == 12
    assert Evidence.objects.get(activity=activity).title == "lista.pdf"
    assert page.get_by_text("Anna Wolna: 2,5 godziny").is_visible()

    page.get_by_role("link", name="Popraw").click()
    page.locator("#id_participants").fill("14")
    page.get_by_role("button", name="Zapisz poprawkę").click()
    assert page.get_by_text("Poprawiono działanie").is_visible()
    assert Activity.objects.get().participants == 14
    assert (
        page.locator("table", has_text="Historia zmian").count()
        or page.get_by_text("uczestnicy razem").is_visible()
    )

    page.goto("/osl/activities/")
    assert page.get_by_role("heading", name="Moje działania").is_visible()
    page.screenshot(path="/tmp/d-log-390.png", full_page=True)
    # The table scrolls inside its box, the page itself does not scroll sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    first = page.locator("tbody tr th").first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
