"""The benchmark's helpers: targets for bench/run, its report and the query-count header."""

import io
import json
import subprocess
import sys
from pathlib import Path

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
        assert page.get("ceiling") or page["budget_ms"] > 0
    # The ceiling is driven first: the health check, then a page of base.html alone.
    ceiling = [page for page in targets["pages"] if page.get("ceiling")]
    assert targets["pages"][:2] == ceiling
    assert [(page["ceiling"], page["urls"]) for page in ceiling] == [
        ("healthz", ["/healthz"]),
        ("base", ["/password/change/done/"]),
    ]
    response = client.get("/password/change/done/")
    assert [t.name for t in response.templates] == [
        "registration/password_change_done.html",
        "base.html",
        "includes/_messages.html",
    ]


REPORT = Path(__file__).resolve().parents[2] / "bench" / "report.py"


def _row(name, rps, p95, budget=150, ceiling=False, errors=0):
    return {
        "name": name,
        "budget_ms": None if ceiling else budget,
        "ceiling": ceiling,
        "requests": 1000,
        "rps": rps,
        "p50": p95 / 2,
        "p95": p95,
        "p99": p95 * 1.2,
        "errors": errors,
        "error_samples": [],
        "queries_max": 4,
        "first_ms": 20.0,
    }


def _report(tmp_path, results):
    (tmp_path / "results.json").write_text(json.dumps(results))
    subprocess.run(
        [
            sys.executable,
            str(REPORT),
            *("--results", str(tmp_path / "results.json"), "--scale", "metro"),
            *("--concurrency", "8", "--seconds", "20", "--out", str(tmp_path / "RESULTS.md")),
        ],
        check=True,
    )
    return (tmp_path / "RESULTS.md").read_text()


def test_the_report_gives_every_pages_throughput_as_a_share_of_the_ceiling(tmp_path):
    report = _report(
        tmp_path,
        [
            _row("Sufit: GET /healthz", 800.0, 12.0, ceiling="healthz"),
            _row("Sufit: sam base.html", 400.0, 25.0, ceiling="base"),
            _row("Lista planów", 100.0, 90.0),
            _row("Karta planu", 50.0, 160.0),
        ],
    )
    table = [line.split(" | ") for line in report.splitlines() if line.startswith("| ")]
    rows = {cells[0].removeprefix("| "): cells for cells in table}
    # page | p95 | budget | req/s | % of ceiling | % of /healthz | … | verdict
    assert rows["Sufit: GET /healthz"][1:6] == ["12.0", "–", "800.0", "200 %", "100 %"]
    assert rows["Sufit: sam base.html"][4:6] == ["100 %", "50 %"]
    assert rows["Sufit: sam base.html"][-1] == "ceiling |"
    assert rows["Lista planów"][1:6] == ["90.0", "150", "100.0", "25 %", "12 %"]
    assert rows["Lista planów"][-1] == "met |"
    assert rows["Karta planu"][4] == "12 %" and rows["Karta planu"][-1] == "**missed** |"
    assert "All budgets met: **no**" in report
    assert "the ratios are what compare runs" in report


def test_the_ceiling_measured_at_the_start_and_the_end_is_averaged_and_its_drift_told(
    tmp_path,
):
    steady = [
        _row("Sufit: sam base.html", 400.0, 25.0, ceiling="base"),
        _row("Lista planów", 105.0, 90.0),
        _row("Sufit: sam base.html — again, at the end", 380.0, 26.0, ceiling="base"),
    ]
    report = _report(tmp_path, steady)
    assert "| Lista planów | 90.0 | 150 | 105.0 | 27 % |" in report  # of 390 req/s
    assert "400.0 req/s at the start and 380.0 at the end: the host's speed held" in report
    steady[2]["rps"] = 200.0
    report = _report(tmp_path, steady)
    assert "| Lista planów | 90.0 | 150 | 105.0 | 35 % |" in report  # of 300 req/s
    assert "the host's speed changed by 50% during the run" in report


def test_the_report_flags_errors_on_the_ceiling_and_works_without_one(tmp_path):
    report = _report(
        tmp_path,
        [_row("Sufit: sam base.html", 400.0, 25.0, ceiling="base", errors=3)],
    )
    assert "| **errors** |" in report and "All budgets met: **no**" in report
    report = _report(tmp_path, [_row("Lista planów", 100.0, 90.0)])
    assert "| 100.0 | – | – |" in report and "All budgets met: **yes**" in report


def test_the_query_count_header_counts_the_queries_of_a_request(db):
    def view(request):
        list(User.objects.all())
        list(User.objects.all())
        return HttpResponse("ok")

    response = QueryCountHeaderMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Query-Count"] == "2"
