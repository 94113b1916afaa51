"""Headers that keep the browser from running anything but our own files, and idle sessions."""

import time

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import path, reverse

from cus.middleware import SESSION_KEY
from cus.urls import urlpatterns as project_urlpatterns
from tests.factories import TEST_PASSWORD, UserFactory
from tests.urlwalk import all_views, sample_url

# Features that, were they allowed, would let a page reach the user's devices or money.
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid")


@login_not_required
def boom(request):
    raise RuntimeError("a failing view")


# For the 500 case: the project's URLs and one view that raises.
urlpatterns = [path("boom/", boom), *project_urlpatterns]


def test_pages_carry_a_strict_content_security_policy(client, kipus):
    client.force_login(kipus)
    response = client.get(reverse("cus:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-eval" not in policy
    assert "script-src 'self' 'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_login_page_has_no_inline_script(client, db):
    response = client.get(reverse("login"))
    assert "Content-Security-Policy" in response
    assert "<script>" not in response.text
    assert "onclick=" not in response.text


def test_an_idle_session_is_logged_out_with_a_polish_message(client, kipus, settings):
    settings.CUS_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(kipus)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 31 * 60
    session.save()

    response = client.get(reverse("cus:home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Wylogowano po bezczynności (30 minut)" in response.text
    assert not response.context["user"].is_authenticated


def test_activity_within_the_limit_keeps_the_session(client, kipus):
    client.force_login(kipus)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("cus:home")).status_code == 200
    assert client.session[SESSION_KEY] >= int(time.time()) - 5


def test_keepalive_extends_the_session_and_refuses_get(client, kipus):
    client.force_login(kipus)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 10
    session.save()
    assert client.get(reverse("cus:session-keepalive")).status_code == 405
    assert client.post(reverse("cus:session-keepalive")).status_code == 204
    assert client.session[SESSION_KEY] >= int(time.time()) - 1


def test_the_page_tells_the_script_when_to_warn(client, kipus, settings):
    settings.CUS_IDLE_TIMEOUT_MINUTES = 15
    client.force_login(kipus)
    response = client.get(reverse("cus:home"))
    assert 'data-idle-timeout="900"' in response.text
    assert 'id="idle-warning"' in response.text


# --- Permissions-Policy on every response (issue 22) ---------------------------------


def assert_permissions_policy(response, where):
    policy = response.get("Permissions-Policy")
    assert policy, f"{where}: {response.status_code} without Permissions-Policy"
    features = dict(entry.strip().split("=", 1) for entry in policy.split(","))
    for feature in DENIED_FEATURES:
        assert features.get(feature) == "()", f"{where}: {feature} not denied in {policy!r}"


@pytest.mark.django_db
def test_every_url_pattern_answers_with_a_permissions_policy():
    """Every named URL, as a visitor and as a superuser (whatever the status: page, redirect,
    403, 404, 405, PDF, CSV, iCal)."""
    root = UserFactory(username="t-root", is_superuser=True, is_staff=True)
    visitor, staff = Client(), Client()
    staff.force_login(root)
    walked = 0
    for view_name, pattern in all_views():
        url = sample_url(view_name, pattern)
        if url is None or view_name == "logout":
            continue
        for who, browser in (("visitor", visitor), ("superuser", staff)):
            assert_permissions_policy(browser.get(url), f"{who} GET {url} ({view_name})")
            walked += 1
    assert walked > 100


@pytest.mark.urls(__name__)
def test_error_pages_static_files_and_lockouts_carry_it_too(db, settings, kipus):
    settings.WHITENOISE_USE_FINDERS = True  # WhiteNoise serves static/ as in production
    browser = Client(raise_request_exception=False)
    staff = Client()
    staff.force_login(kipus)
    cases = {
        "404": browser.get("/no-such-page/"),
        "500": browser.get("/boom/"),
        "400 (a foreign host)": browser.get("/", HTTP_HOST="evil.example"),
        "405 (GET of logout)": staff.get(reverse("logout")),
        "static file": browser.get("/static/css/cus.css"),
        "health check": browser.get(reverse("healthz")),
        "CSRF failure": Client(enforce_csrf_checks=True).post(
            reverse("login"), {"username": "x", "password": "y"}
        ),
    }
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        browser.post(reverse("login"), {"username": kipus.username, "password": "zle"})
    cases["429 (lockout)"] = browser.post(
        reverse("login"), {"username": kipus.username, "password": TEST_PASSWORD}
    )
    expected = {
        "404": 404,
        "500": 500,
        "400 (a foreign host)": 400,
        "405 (GET of logout)": 405,
        "static file": 200,
        "health check": 200,
        "CSRF failure": 403,
        "429 (lockout)": 429,
    }
    assert {name: response.status_code for name, response in cases.items()} == expected
    for name, response in cases.items():
        assert_permissions_policy(response, name)
