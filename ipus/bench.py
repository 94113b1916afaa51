"""IPUS pages that bench/run drives: search, lists, the plan, oversight and the contract PDF."""

from django.urls import reverse

from cus import roles
from cus.bench import PDF_BUDGET_MS, REPORT_BUDGET_MS, SEARCH_BUDGET_MS, STAFF_PAGE_BUDGET_MS
from cus.dates import Quarter
from ipus.choices import PlanStatus
from ipus.models import Person, Plan, PlanVersion, Request

SAMPLES = 20


def _spread(queryset, count=SAMPLES):
    """``count`` objects spread evenly over the queryset (by primary key), not the first ones."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // count)
    return ids[::step][:count]


def _page(count, wanted=20, per_page=50):
    """Page ``wanted`` of a list, or its last page when the list is shorter."""
    return max(1, min(wanted, -(-count // per_page)))


def pages():
    persons = Person.objects.filter(pk__in=_spread(Person.objects.exclude(pesel="")))
    persons = list(persons.only("pesel", "last_name"))
    plans = _spread(Plan.objects.filter(status=PlanStatus.ACTIVE))
    frozen = _spread(PlanVersion.objects.filter(document__isnull=False))
    requests_page = _page(Request.objects.count())
    closed_page = _page(Plan.objects.filter(status=PlanStatus.CLOSED).count())
    quarter = Quarter.current()
    quarters = [quarter.slug, quarter.previous().slug, quarter.previous().previous().slug]
    return [
        {
            "name": "Szukaj osoby po PESEL",
            "role": roles.KIPUS,
            "urls": [f"{reverse('ipus:person-search')}?q={p.pesel}" for p in persons],
            "budget_ms": SEARCH_BUDGET_MS,
        },
        {
            "name": "Szukaj osoby po nazwisku",
            "role": roles.KIPUS,
            "urls": [f"{reverse('ipus:person-search')}?q={p.last_name[:11]}" for p in persons],
            "budget_ms": SEARCH_BUDGET_MS,
        },
        {
            "name": "Lista wniosków (otwarte, wszystkie, moje)",
            "role": roles.KIPUS,
            "urls": [
                reverse("ipus:request-list"),
                f"{reverse('ipus:request-list')}?scope=all",
                f"{reverse('ipus:request-list')}?scope=all&page={requests_page}",
                f"{reverse('ipus:request-list')}?mine=1",
            ],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
        {
            "name": "Lista planów (filtry)",
            "role": roles.KIPUS,
            "urls": [
                reverse("ipus:plan-list"),
                f"{reverse('ipus:plan-list')}?status=active",
                f"{reverse('ipus:plan-list')}?status=closed&page={closed_page}",
                f"{reverse('ipus:plan-list')}?mine=on",
                f"{reverse('ipus:plan-list')}?q=Testowa012",
            ],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
        {
            "name": "Karta planu IPUS",
            "role": roles.KIPUS,
            "urls": [reverse("ipus:plan-detail", args=[pk]) for pk in plans],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
        {
            "name": "Przegląd kwartalny (OUS)",
            "role": roles.OUS,
            "urls": [f"{reverse('ipus:quarter-review')}?q={slug}" for slug in quarters],
            "budget_ms": REPORT_BUDGET_MS,
        },
        {
            "name": "Wskaźniki programu (OUS)",
            "role": roles.OUS,
            "urls": [f"{reverse('ipus:indicators')}?q={slug}" for slug in quarters],
            "budget_ms": REPORT_BUDGET_MS,
        },
        {
            "name": "Umowa IPUS — PDF (dyrektor)",
            "role": roles.DIRECTOR,
            "urls": [reverse("ipus:version-pdf", args=[pk]) for pk in frozen],
            "budget_ms": PDF_BUDGET_MS,
        },
    ]
