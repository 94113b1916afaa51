"""The error pages users see with DEBUG off: Polish, lang="pl", no technical detail."""

import logging

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.checks.security.csrf import check_csrf_failure_view
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import get_resolver, path, reverse
from django.views import defaults

from cus.errors import csrf_failure
from cus.urls import urlpatterns as project_urlpatterns
from tests.factories import TEST_PASSWORD

CSRF_FAILURE_VIEW = "cus.errors.csrf_failure"
HTML_LANG = '<html lang="pl">'
CSRF_TITLE = "Sesja formularza wygasła"
# The reasons CsrfViewMiddleware gives; they belong in the log, not on the page.
CSRF_REASONS = ("CSRF cookie not set", "CSRF token", "Referer", "Origin", "Forbidden")


@login_not_required
def boom(request):
    raise RuntimeError("secret detail of the failure")


# For the 500 test: the project's URLs and one view that raises.
urlpatterns = [path("boom/", boom), *project_urlpatterns]


@pytest.fixture(autouse=True)
def _polish_csrf_page(settings):
    # A no-op once cus/settings.py names the view itself.
    if settings.CSRF_FAILURE_VIEW != CSRF_FAILURE_VIEW:
        settings.CSRF_FAILURE_VIEW = CSRF_FAILURE_VIEW


def assert_polish_page(response, status, text):
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert HTML_LANG in html
    assert text in html
    assert "Traceback" not in html
    return html


def test_the_project_keeps_djangos_error_handlers():
    """They render 400/403/404/500.html; no custom handler to break."""
    resolver = get_resolver()
    assert resolver.resolve_error_handler(400) is defaults.bad_request
    assert resolver.resolve_error_handler(403) is defaults.permission_denied
    assert resolver.resolve_error_handler(404) is defaults.page_not_found
    assert resolver.resolve_error_handler(500) is defaults.server_error


# --- 404 ----------------------------------------------------------------------


def test_an_unknown_url_is_a_polish_404_for_a_visitor(client, db):
    response = client.get("/no-such-page/")
    html = assert_polish_page(response, 404, "Nie znaleziono strony")
    assert "Logowanie dla pracowników" in html
    assert f'href="{reverse("cus:home")}"' in html
    assert "/no-such-page/" not in html


def test_an_unknown_url_is_a_polish_404_inside_the_staff_layout(client, kipus):
    client.force_login(kipus)
    response = client.get("/no-such-page/")
    html = assert_polish_page(response, 404, "Nie znaleziono strony")
    assert 'aria-label="Menu główne"' in html
    assert "Wyloguj" in html


def test_a_missing_object_is_a_polish_404(client, kipus):
    client.force_login(kipus)
    response = client.get(reverse("cus:calendar-feed", args=["no-such-token"]))
    assert_polish_page(response, 404, "Nie znaleziono strony")


# --- 403 ----------------------------------------------------------------------


def test_a_page_outside_the_role_is_a_polish_403(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("cus:centre-profile"))
    assert_polish_page(response, 403, "Twoja rola nie pozwala na otwarcie tej strony")


def test_a_login_post_without_a_csrf_token_gets_the_polish_csrf_page(db, kipus, caplog):
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.WARNING, logger="cus.errors"):
        response = client.post(reverse("login"), {"username": "t-kipus", "password": TEST_PASSWORD})

    html = assert_polish_page(response, 403, CSRF_TITLE)
    assert "ciasteczka" in html
    assert f'href="{reverse("cus:home")}"' in html
    assert not any(reason in html for reason in CSRF_REASONS)
    assert "_auth_user_id" not in client.session
    [record] = [r for r in caplog.records if r.name == "cus.errors"]
    assert record.levelno == logging.WARNING
    assert "CSRF cookie not set" in record.getMessage()
    assert "POST /login/" in record.getMessage()


def test_a_stale_form_token_gets_the_polish_csrf_page(db, kipus, caplog):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))  # sets the CSRF cookie, as opening the form does
    with caplog.at_level(logging.WARNING, logger="cus.errors"):
        response = client.post(
            reverse("login"),
            {"username": "t-kipus", "password": TEST_PASSWORD, "csrfmiddlewaretoken": "x" * 64},
        )

    html = assert_polish_page(response, 403, CSRF_TITLE)
    assert not any(reason in html for reason in CSRF_REASONS)
    assert "_auth_user_id" not in client.session
    assert any("CSRF token" in r.getMessage() for r in caplog.records if r.name == "cus.errors")


def test_a_staff_form_without_a_csrf_token_changes_nothing(kipus):
    client = Client(enforce_csrf_checks=True)
    client.force_login(kipus)
    new_password = "another-password-Źdźbło-456"
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )

    assert_polish_page(response, 403, CSRF_TITLE)
    kipus.refresh_from_db()
    assert kipus.check_password(TEST_PASSWORD)


def test_the_csrf_page_needs_no_user_session_or_database():
    """No ``db`` fixture: any query would fail the test. The request has no user."""
    request = RequestFactory().post("/services/1/update/")
    response = csrf_failure(request, reason="CSRF cookie not set.")
    html = assert_polish_page(response, 403, CSRF_TITLE)
    assert "CSRF cookie not set" not in html
    assert "Wyloguj" not in html


def test_djangos_check_accepts_the_csrf_failure_view():
    assert check_csrf_failure_view(None) == []


# --- 500 ----------------------------------------------------------------------


@pytest.mark.urls(__name__)
def test_a_view_that_raises_gets_the_polish_500(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/")
    html = assert_polish_page(response, 500, "Wystąpił błąd serwera")
    assert "secret detail" not in html
    assert "RuntimeError" not in html


def test_the_500_page_renders_without_a_request_context_or_database():
    """server_error renders 500.html with an empty context; no ``db`` fixture here."""
    response = defaults.server_error(RequestFactory().get("/"))
    assert_polish_page(response, 500, "Wystąpił błąd serwera")


# --- 400 ----------------------------------------------------------------------


def test_a_disallowed_host_gets_the_polish_400(client, db):
    response = client.get(reverse("login"), headers={"host": "evil.example"})
    html = assert_polish_page(response, 400, "Nieprawidłowe żądanie")
    assert "evil.example" not in html


def test_the_400_page_shows_no_exception_and_needs_no_database():
    """bad_request renders with the request, which may not have a user yet."""
    request = RequestFactory().get("/")
    response = defaults.bad_request(request, SuspiciousOperation("secret detail"))
    html = assert_polish_page(response, 400, "Nieprawidłowe żądanie")
    assert "secret detail" not in html
