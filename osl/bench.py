"""OSL pages that bench/run drives: the progress dashboard of every plan and the activity log."""

from django.urls import reverse

from cus import roles
from cus.bench import STAFF_PAGE_BUDGET_MS
from osl.models import Activity, OslPlan


def pages():
    plans = list(OslPlan.objects.order_by("pk").values_list("pk", flat=True))
    page = max(1, min(20, -(-Activity.objects.count() // 50)))
    return [
        {
            "name": "Postęp planu OSL",
            "role": roles.OSL,
            "urls": [reverse("osl:plan-progress", args=[pk]) for pk in plans],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
        {
            "name": "Dziennik działań OSL",
            "role": roles.OSL,
            "urls": [reverse("osl:activity-list"), f"{reverse('osl:activity-list')}?page={page}"],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
    ]
