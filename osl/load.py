"""Load data (generate_load_data): OSL plans with communities, schedules and activities."""

from datetime import date, timedelta

from django.utils import timezone

from cus.plurals import counted
from osl.models import Activity, Community, Indicator, OslPlan, ScheduleItem

PLANS, COMMUNITIES, ITEMS, ACTIVITIES = 5, 40, 2000, 50_000
FREQUENCIES = ("weekly", "monthly", "quarterly", "half_yearly", "yearly", "as_needed")


def generate(scale, rng, stdout):
    today = timezone.localdate()
    n_plans = max(1, round(PLANS * min(1, scale * 10)))
    n_communities = max(n_plans, round(COMMUNITIES * max(scale, 0.05)))
    n_items, n_activities = (max(10, round(c * scale)) for c in (ITEMS, ACTIVITIES))
    plans = OslPlan.objects.bulk_create(
        [
            OslPlan(
                title=f"Plan OSL {n + 1} (test)",
                period_start=date(today.year - 1, 1, 1),
                period_end=date(today.year, 12, 31),
                status="adopted",
            )
            for n in range(n_plans)
        ]
    )
    communities = Community.objects.bulk_create(
        [
            Community(plan=plans[n % n_plans], name=f"Społeczność {n + 1}", kind="territorial")
            for n in range(n_communities)
        ]
    )
    items = ScheduleItem.objects.bulk_create(
        [
            ScheduleItem(
                plan=community.plan,
                community=community,
                area=rng.choice(("animation", "networking", "planning")),
                task=f"Działanie {n + 1} (test)",
                number=n + 1,
                timing_kinds=["frequency"],
                frequency=rng.choice(FREQUENCIES),
                participants=str(people := rng.randint(5, 30)),
                participants_min=people,
                participants_max=people,
                participants_basis="occurrence",
            )
            for n, community in enumerate(communities[n % n_communities] for n in range(n_items))
        ]
    )
    indicators = Indicator.objects.bulk_create(
        [Indicator(item=item, name="Uczestnicy", target=20, unit="osób") for item in items]
    )
    span = (today - date(today.year - 1, 1, 1)).days
    Activity.objects.bulk_create(
        [
            Activity(
                item=items[n % n_items],
                held_on=date(today.year - 1, 1, 1) + timedelta(days=rng.randrange(span)),
                place="Świetlica",
                description="Działanie (dane testowe)",
                participants=rng.randint(3, 40),
            )
            for n in range(n_activities)
        ],
        batch_size=5000,
    )
    stdout.write(
        f"  OSL: {counted(n_plans, 'plan')}, {counted(n_communities, 'społeczność')}, {counted(n_items, 'pozycja')}, "
        f"{counted(len(indicators), 'wskaźnik')}, {counted(n_activities, 'działanie')}"
    )
