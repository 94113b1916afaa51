from django.core.management.base import BaseCommand
from django.utils import timezone

from cus.models import StoredDocument
from ipus import retention


class Command(BaseCommand):
    help = (
        "Lista osób, których akta minęły okres przechowywania, i dokumentów po okresie "
        "archiwizacji (bez --apply niczego nie zmienia); z --apply anonimizuje osoby, zachowując "
        "dane do statystyk, i niszczy pliki dokumentów po okresie archiwizacji."
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
        expired = StoredDocument.objects.filter(
            keep_until__lt=timezone.localdate(), destroyed_on=None
        ).count()
        self.stdout.write(f"Dokumentów po okresie archiwizacji do zniszczenia: {expired}")
        if not options["apply"]:
            if persons or expired:
                self.stdout.write(
                    "Próba (dry run): nic nie zmieniono. Uruchom z --apply, aby anonimizować "
                    "i niszczyć."
                )
            return
        for person in persons:
            retention.anonymise(person)
        destroyed = retention.destroy_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Zanonimizowano: {len(persons)}. Zniszczono plików dokumentów: {destroyed}."
            )
        )
