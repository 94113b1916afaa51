"""Deterministic synthetic data at a chosen scale, for benchmarks and query-count guards.

``--scale metro`` ≈ a city of 800 000: 100 000 persons, 120 000 requests and assessments,
60 000 plans with 3–6 items, an annex on one plan in five, quarterly monitoring, monthly
deliveries, 150 services, 60 providers, 5 OSL plans with 40 communities, 2 000 schedule
items and 50 000 activities. ``small`` is the same shape at 2 %, ``tiny`` at 0.2 %.
Each app contributes through its ``load.py`` (``generate(scale, rng, stdout)``), in the
order of PROJECT_APPS. Refused unless DEBUG is on: it is never to touch a real centre.
"""

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from cus.modules import project_modules

SCALES = {"metro": 1.0, "small": 0.02, "tiny": 0.002}


class Command(BaseCommand):
    help = "Generuje syntetyczne dane do testów wydajności (tylko przy DEBUG=1)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        if not settings.DEBUG:
            raise CommandError("generate_load_data działa tylko przy DEBUG=1 (nigdy na produkcji).")
        rng = random.Random(seed)
        started = time.perf_counter()
        for module in project_modules("load"):
            with transaction.atomic():
                module.generate(SCALES[scale], rng, self.stdout)
        with connection.cursor() as cursor:
            # Fresh planner statistics after the bulk loads and, outside a transaction
            # (not in tests), the visibility map a production database has from
            # autovacuum: without it COUNT(*) and index-only scans read every heap page.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        self.stdout.write(f"Gotowe w {time.perf_counter() - started:.1f} s (skala {scale}).")
