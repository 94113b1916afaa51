from django.core.management.base import BaseCommand

from ipus import retention


class Command(BaseCommand):
    help = (
        "Lista osób, których akta minęły okres przechowywania (bez --apply niczego nie zmienia); "
        "z --apply anonimizuje je, zachowując dane do statystyk."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="anonimizuj wymienione osoby")

    def handle(self, *args, **options):
        persons = list(retention.due())
        self.stdout.write(
            f"Osób po okresie przechowywania (zamknięte przed {retention.cutoff():%Y-%m-%d}): "
            f"{len(persons)}"
        )
        for person in persons:
            self.stdout.write(f"  id {person.pk}: ostatnie zamknięcie {person.last_closed or '—'}")
        if not options["apply"]:
            if persons:
                self.stdout.write(
                    "Próba (dry run): nic nie zmieniono. Uruchom z --apply, aby anonimizować."
                )
            return
        for person in persons:
            retention.anonymise(person)
        self.stdout.write(self.style.SUCCESS(f"Zanonimizowano: {len(persons)}"))
