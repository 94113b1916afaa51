"""The idle-session warning appears before the limit and "Przedłuż sesję" extends it."""

from tests.factories import UserFactory


def test_the_idle_warning_appears_and_the_session_can_be_extended(page, login_as, settings):
    settings.CUS_IDLE_TIMEOUT_MINUTES = 1
    settings.CUS_IDLE_WARNING_SECONDS = 58
    UserFactory(username="idle-kipus", role="KIPUS")
    login_as(page, "idle-kipus")

    warning = page.locator("#idle-warning")
    warning.wait_for(state="visible", timeout=8_000)
    assert "wygaśnie" in warning.inner_text()
    with page.expect_response("**/session/keepalive/") as keepalive:
        page.get_by_role("button", name="Przedłuż sesję").click()
    assert keepalive.value.status == 204
    warning.wait_for(state="hidden")
