"""Pages of the core app that bench/run drives (see ``manage.py bench_targets``).

Every app may have a ``bench`` module whose ``pages()`` returns the pages to
drive on the current data: a name, the role that opens it, sample URLs and the
p95 budget in milliseconds (issue "Performance at the scale of a large city").
"""

from django.urls import reverse

from cus import roles

STAFF_PAGE_BUDGET_MS = 150
SEARCH_BUDGET_MS = 100
REPORT_BUDGET_MS = 500
PDF_BUDGET_MS = 300


def pages():
    return [
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
