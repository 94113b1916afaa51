"""Every page requires a login, except the few that are public on purpose."""

import re

import pytest

from tests.urlwalk import all_views, sample_url

# Views reachable without logging in. A new public page must be added here
# deliberately; anything else that answers an anonymous visitor fails the test.
PUBLIC_VIEWS = {
    "login",
    "healthz",
    "admin:login",
    # The public catalogue of services for residents.
    "catalogue:list",
    "catalogue:service",
    "catalogue:regulations",
    # A user's private calendar feed: the secret token in the URL is the credential.
    "cus:calendar-feed",
}

ALL_VIEWS = all_views()


def is_public(pattern):
    return getattr(pattern.callback, "login_required", True) is False


def test_the_public_pages_are_exactly_the_allowlist():
    public = {name for name, pattern in ALL_VIEWS if is_public(pattern)}
    assert public == PUBLIC_VIEWS


@pytest.mark.django_db
@pytest.mark.parametrize(("view_name", "pattern"), ALL_VIEWS, ids=[n for n, _ in ALL_VIEWS])
def test_anonymous_users_are_sent_to_login(client, view_name, pattern):
    if view_name in PUBLIC_VIEWS:
        pytest.skip("public page")
    url = sample_url(view_name, pattern)
    assert url is not None, f"cannot build a URL for {view_name}"
    response = client.get(url)
    assert response.status_code == 302, f"{view_name} answered {response.status_code}"
    assert re.match(r"^/(admin/)?login/", response["Location"]), response["Location"]
