"""The OSL organizer plans a new community's schedule (a date-range item and a monthly item with
two indicators), the director adopts the plan, an animator logs two activities, and the organizer
sees the progress and downloads the annual report."""

import io

from pypdf import PdfReader

from tests.factories import UserFactory


def test_osl_plan_adoption_activities_progress_and_report(page, login_as):
    UserFactory(username="osl-j", first_name="Magdalena", last_name="Wójcik", role="OSL")
    UserFactory(username="dyrektor-j", first_name="Anna", last_name="Kowalska", role="Dyrektor")
    UserFactory(username="animator-j", first_name="Piotr", last_name="Żak", role="Animator")
    page.on("dialog", lambda dialog: dialog.accept())

    login_as(page, "osl-j")
    page.get_by_role("link", name="Plany OSL").click()
    page.get_by_role("link", name="Nowy plan").click()
    page.locator("#id_title").fill("Plan OSL na rok 2026 — Osiedle Południe")
    page.locator("#id_period_start").fill("2026-01-01")
    page.locator("#id_period_end").fill("2026-12-31")
    page.locator("#id_goals-0-title").fill("Integracja sąsiedzka")
    page.get_by_role("button", name="Zapisz").click()
    assert page.get_by_text("Utworzono projekt planu").is_visible()
    plan_url = page.url

    page.get_by_role("link", name="Dodaj społeczność").click()
    page.locator("#id_name").fill("Osiedle Południe")
    page.locator("#id_kind").select_option(label="terytorialna")
    page.locator("#id_description").fill("Nowe bloki komunalne; mieszkańcy się nie znają.")
    page.get_by_role("button", name="Zapisz").click()

    page.get_by_role("link", name="Dodaj pozycję").last.click()
    page.locator("#id_area").select_option(label="animacja")
    page.locator("#id_task").fill("Kino plenerowe dla dzieci")
    page.get_by_label("okres (od–do)").check()
    page.locator("#id_starts_on").fill("2026-06-01")
    page.locator("#id_ends_on").fill("2026-08-31")
    page.get_by_role("button", name="Zapisz i dodaj kolejną").click()
    page.locator("#id_area").select_option(label="animacja")
    page.locator("#id_task").fill("Kawiarenka sąsiedzka")
    page.get_by_label("częstotliwość", exact=True).check()
    page.locator("#id_frequency").select_option(label="raz w miesiącu")
    page.locator("#id_participants").fill("10")
    page.locator("#id_participants_basis").select_option(label="na jedno spotkanie")
    page.locator("#id_indicators-0-name").fill("Uczestnicy")
    page.locator("#id_indicators-0-target").fill("20")
    page.locator("#id_indicators-0-unit").fill("osób")
    page.locator("#id_indicators-0-evidence").fill("lista obecności")
    page.get_by_role("button", name="Dodaj wskaźnik").click()  # a second row, in the page
    page.locator("#id_indicators-1-name").fill("Wolontariusze")
    page.locator("#id_indicators-1-target").fill("2")
    page.locator("#id_indicators-1-unit").fill("osób")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    assert page.get_by_text("Harmonogram — Osiedle Południe").is_visible()
    assert page.get_by_text("01.06.2026–31.08.2026").is_visible()
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Przekaż do przyjęcia").click()
    assert page.get_by_text("Przekazano plan dyrektorowi do przyjęcia").is_visible()

    page.context.clear_cookies()
    login_as(page, "dyrektor-j")
    page.goto(plan_url)
    page.locator("#id_order_number").fill("44/2026")
    page.locator("#id_order_date").fill("2026-01-10")
    page.get_by_role("button", name="Przyjmij plan").click()
    assert page.get_by_text("Plan przyjęto: Zarządzenie nr 44/2026").is_visible()

    page.context.clear_cookies()
    login_as(page, "animator-j")
    page.get_by_role("link", name="Zapisz działanie").click()
    page.get_by_role("link", name="Kawiarenka sąsiedzka").click()
    for day, people in (("2026-09-04", "12"), ("2026-10-02", "15")):
        page.locator("#id_held_on").fill(day)
        page.locator("#id_place").fill("Świetlica osiedlowa")
        page.locator("#id_description").fill("Spotkanie przy kawie — poznajmy się")
        page.locator("#id_participants").fill(people)
        page.get_by_label("Uczestnicy (osób)").fill(people)
        page.get_by_role("button", name="Zapisz i dodaj kolejne").click()
        assert page.get_by_text("Zapisano działanie").is_visible()
    assert page.get_by_role("link", name="Plany OSL").count() == 0  # animators only log

    page.context.clear_cookies()
    login_as(page, "osl-j")
    page.goto(plan_url)
    page.get_by_role("link", name="Postęp").click()
    row = page.locator("tr", has_text="Kawiarenka sąsiedzka")
    assert "Uczestnicy (osób): 20 / 27" in row.inner_text()  # plan / wykonanie
    page.goto(plan_url)
    page.locator("summary", has_text="Sporządź sprawozdanie roczne").click()
    page.locator("#id_report-period").select_option(label="rok planu 2026")
    page.locator("#id_report-narrative").fill(
        "Mieszkańcy zaczęli się spotykać; zawiązała się grupa sąsiedzka."
    )
    page.get_by_role("button", name="Sporządź sprawozdanie (PDF)").click()
    with page.expect_download() as info:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = 'r.pdf'; document.body.appendChild(a); a.click(); }",
            page.get_by_role(
                "link", name="Sprawozdanie z realizacji planu OSL za 2026"
            ).get_attribute("href"),
        )
    text = " ".join(
        "".join(
            p.extract_text() for p in PdfReader(io.BytesIO(info.value.path().read_bytes())).pages
        ).split()
    )
    assert "SPRAWOZDANIE Z REALIZACJI PLANU ORGANIZOWANIA SPOŁECZNOŚCI LOKALNEJ ZA ROK 2026" in text
    assert "Osiedle Południe" in text and "grupa sąsiedzka" in text
