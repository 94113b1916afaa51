"""Pages of the core app that bench/run drives (see ``manage.py bench_targets``).

Every app may have a ``bench`` module whose ``pages()`` returns the pages to
drive on the current data: a name, the role that opens it, sample URLs and the
p95 budget in milliseconds (issue "Performance at the scale of a large city").
The core app's list starts with the ceiling the other pages are measured against.
"""

from django.urls import reverse

from cus import roles

STAFF_PAGE_BUDGET_MS = 150
SEARCH_BUDGET_MS = 100
REPORT_BUDGET_MS = 500
PDF_BUDGET_MS = 300


def pages():
    return [
        # The ceiling, driven first and again last (bench/load.py) with the same driver and
        # load as every page: /healthz (SELECT 1, no template) and a real staff page that
        # renders base.html with only a heading and a link (session, user, menu).
        # bench/report.py gives every page's throughput as a fraction of the "base" one's:
        # the host's speed varies between runs, the ratio much less.
        {
            "name": "Sufit: GET /healthz",
            "role": roles.KIPUS,
            "urls": [reverse("healthz")],
            "ceiling": "healthz",
        },
        {
            "name": "Sufit: sam base.html (hasło zmienione)",
            "role": roles.KIPUS,
            "urls": [reverse("password_change_done")],
            "ceiling": "base",
        },
        {
            "name": "Pulpit koordynatora",
            "role": roles.KIPUS,
            "urls": [reverse("cus:home")],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
        {
            "name": "Dziennik dostępu (IOD)",
            "role": roles.IOD,
            "urls": [reverse("cus:accesslog-list")],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
    ]
