"""No page answers malformed ids, query strings or form posts with a server error.

One walk over every named URL, on the demo data, as a superuser (who reaches
every page): odd path values, a bag of malformed query parameters, and a POST of
the same garbage. Any 5xx is collected and reported together.
"""

import pytest

from tests.factories import UserFactory
from tests.urlwalk import all_views, build_url

# Path values: existing-looking, missing, out of any integer range, hostile text.
PATH_VALUES = ("1", "999999", "99999999999999999999999", "0", "x", "..%2F..%2Fetc", "%00")

MALFORMED_QUERY = {
    "page": "abc",
    "q": "Zażółć\x00'; DROP TABLE cus_user; --",
    "search": "%",
    "status": "no-such-status",
    "date": "2023-02-30",
    "date_from": "2023-13-45",
    "date_to": "wczoraj",
    "year": "99999999999",
    "quarter": "9",
    "period": "x",
    "person": "abc",
    "service": "-1",
    "provider": "1e9",
    "coordinator": "[]",
    "ordering": "-password",
    "sort": "__class__",
    "format": "exe",
    "next": "https://evil.example/",
    "id": "1;1",
}

# Views whose whole point is to end the session or that a garbage POST cannot reach meaningfully.
SKIP_POST = {"logout"}


@pytest.fixture
def superuser_client(client, seed_demo):
    seed_demo()
    root = UserFactory(username="t-root", is_superuser=True, is_staff=True)
    client.force_login(root)
    client.root = root
    return client


@pytest.mark.django_db
def test_no_url_answers_malformed_input_with_a_server_error(superuser_client):
    client = superuser_client
    failures = []
    for view_name, pattern in all_views():
        urls = {build_url(view_name, pattern, value) for value in PATH_VALUES} - {None}
        for url in sorted(urls):
            for method, kwargs in (
                ("get", {"data": MALFORMED_QUERY}),
                ("get", {}),
                ("post", {"data": MALFORMED_QUERY}),
            ):
                if method == "post" and view_name in SKIP_POST:
                    continue
                try:
                    response = getattr(client, method)(url, **kwargs)
                except Exception as error:
                    failures.append(f"{method.upper()} {url} ({view_name}): {error!r}")
                    continue
                if response.status_code >= 500:
                    failures.append(f"{method.upper()} {url} ({view_name}): {response.status_code}")
            client.force_login(client.root)  # a POST may have ended the session
    assert not failures, "server errors:\n" + "\n".join(failures)
