"""The benchmark's helpers: targets for bench/run and the query-count header."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.test import RequestFactory

from cus.middleware import QueryCountHeaderMiddleware
from cus.models import User


def test_bench_targets_refuses_without_debug(db):
    with pytest.raises(CommandError):
        call_command("bench_targets", stdout=io.StringIO())


def test_bench_targets_lists_pages_that_open_for_their_users(client, db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("bench_targets", stdout=out)
    settings.DEBUG = False
    targets = json.loads(out.getvalue())
    assert targets["pages"]
    for page in targets["pages"]:
        client.force_login(User.objects.get(username=page["user"]))
        for url in page["urls"]:
            assert client.get(url).status_code == 200, (page["name"], url)
        assert page["budget_ms"] > 0


def test_the_query_count_header_counts_the_queries_of_a_request(db):
    def view(request):
        list(User.objects.all())
        list(User.objects.all())
        return HttpResponse("ok")

    response = QueryCountHeaderMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Query-Count"] == "2"
