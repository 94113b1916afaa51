"""Load data (generate_load_data): providers and services of a large city's catalogue."""

from decimal import Decimal

from cus.plurals import counted
from services.choices import CapacityPeriod, ProviderKind, Unit
from services.models import Provider, Service, StatutoryArea

PROVIDERS, SERVICES = 60, 150


def generate(scale, rng, stdout):
    kinds = list(ProviderKind.values)
    providers = Provider.objects.bulk_create(
        [
            Provider(name=f"Realizator {n:03d} (test)", kind=kinds[n % len(kinds)])
            for n in range(max(3, round(PROVIDERS * max(scale, 0.05))))
        ]
    )
    units = list(Unit.values)
    services = Service.objects.bulk_create(
        [
            Service(
                name=f"Usługa {n:03d} (test)",
                unit=units[n % len(units)],
                goal="Wsparcie w środowisku zamieszkania",
                active=True,
                is_free=n % 4 != 0,
                price_per_unit=None if n % 4 else Decimal("25.00"),
                capacity_units=None if n % 3 else 5000,
                capacity_period="" if n % 3 else CapacityPeriod.QUARTER,
            )
            for n in range(max(5, round(SERVICES * max(scale, 0.05))))
        ]
    )
    area = StatutoryArea.objects.ensure_all()["social_assistance"]
    Service.areas.through.objects.bulk_create(
        [Service.areas.through(service=s, statutoryarea=area) for s in services]
    )
    Service.providers.through.objects.bulk_create(
        [Service.providers.through(service=s, provider=rng.choice(providers)) for s in services]
    )
    stdout.write(
        f"  katalog: {counted(len(providers), 'realizator')}, {counted(len(services), 'usługa')}"
    )
