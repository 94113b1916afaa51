"""Each demo account logs in through the form, sees its own start page and menu, logs out."""

import pytest

from cus.demo import DEMO_PASSWORD

# username → the id of its start-page section, and a menu entry it must not see.
JOURNEYS = {
    "kipus": ("home-kipus", "Dziennik dostępu"),
    "ous": ("home-ous", "Dziennik dostępu"),
    "osl": ("home-osl", "Panel administracyjny"),
    "dyrektor": ("home-director", "Panel administracyjny"),
    "animator": ("home-animator", "Profil centrum"),
    "iod": ("home-iod", "Profil centrum"),
    "admin": ("home-admin", "Dziennik dostępu"),
}


@pytest.fixture
def demo_data(seed_demo):
    seed_demo()


@pytest.mark.parametrize("username", JOURNEYS)
def test_demo_role_logs_in_and_sees_its_start_page(demo_data, page, login_as, username):
    section_id, hidden_entry = JOURNEYS[username]
    login_as(page, username, DEMO_PASSWORD)

    assert page.locator(f"#{section_id}").is_visible(), page.locator("main").inner_text()
    # The role's own section, besides the to-do list every user may have.
    sections = page.locator("main h2:not(#home-todo)")
    assert sections.count() == 1, "another role's section is shown"
    menu = page.get_by_role("navigation", name="Menu główne")
    assert menu.get_by_role("link", name="Pulpit").is_visible()
    assert menu.get_by_role("link", name=hidden_entry).count() == 0

    page.locator("#user-menu").click()
    page.get_by_role("button", name="Wyloguj").click()
    page.wait_for_url("**/login/**")
    page.goto("/")
    assert "/login/" in page.url
