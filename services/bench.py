"""Catalogue pages that bench/run drives."""

from datetime import date

from django.urls import reverse

from cus import roles
from cus.bench import STAFF_PAGE_BUDGET_MS


def pages():
    year = date.today().year
    capacity = reverse("services:capacity")
    return [
        {
            "name": "Obłożenie usług (kwartał, rok, miesiąc)",
            "role": roles.OUS,
            "urls": [capacity, f"{capacity}?year={year}", f"{capacity}?year={year - 1}&month=6"],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
        {
            "name": "Katalog usług (pracownicy)",
            "role": roles.OUS,
            "urls": [
                reverse("services:service-list"),
                f"{reverse('services:service-list')}?q=us%C5%82",
            ],
            "budget_ms": STAFF_PAGE_BUDGET_MS,
        },
    ]
