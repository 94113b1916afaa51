"""Every page requires a login, except the few that are public on purpose."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

# Views reachable without logging in. A new public page must be added here
# deliberately; anything else that answers an anonymous visitor fails the test.
PUBLIC_VIEWS = {
    "login",
    "healthz",
    "admin:login",
}

SAMPLE_VALUES = ("1", "cus", "x")


def named_patterns(patterns=None, namespace=""):
    """Yield (view name, pattern, callback) for every named URL pattern."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def sample_url(view_name, pattern):
    regex = pattern.pattern.regex
    names = list(regex.groupindex)
    positional = regex.groups - len(names)
    for value in SAMPLE_VALUES:
        try:
            if positional:
                return reverse(view_name, args=[value] * positional)
            return reverse(view_name, kwargs=dict.fromkeys(names, value))
        except NoReverseMatch:
            continue
    return None


ALL_VIEWS = sorted(dict(named_patterns()).items())


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
