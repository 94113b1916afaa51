"""Playwright (sync API) driving the system Chromium against ``live_server``.

Every test here is marked ``browser`` and runs with a transactional database
(tests/conftest.py recreates the role groups); ``page`` is a fresh page in a fresh
context, and ``login_as(page, username)`` logs in through the real form.
"""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.factories import TEST_PASSWORD

CHROMIUM = os.environ.get("CUS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # The django_db marker lets pytest-django run these after the tests that
    # roll back, since the flush after each of these empties the database.
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page; a JavaScript error or a CSP violation on any page fails the test."""
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(f"JavaScript: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    yield page
    context.close()
    assert not errors, "the browser reported errors:\n" + "\n".join(errors)


@pytest.fixture
def login_as():
    def login(page, username, password=TEST_PASSWORD):
        page.goto("/login/")
        page.get_by_label("Nazwa użytkownika").fill(username)
        page.get_by_label("Hasło").fill(password)
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    return login
