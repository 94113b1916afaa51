"""Headers that keep the browser from running anything but our own files, and idle sessions."""

import time

from django.urls import reverse

from cus.middleware import SESSION_KEY


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
    assert "Wylogowano po 30 minutach bezczynności" in response.text
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
