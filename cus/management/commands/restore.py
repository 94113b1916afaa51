from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from cus import backup, reports
from cus.modules import project_modules


def undone_anonymisations(manifest):
    """(retention module, [(person id, anonymised at)]) of the anonymisations made after the
    backup was: restoring it brings those persons' data back (ipus/retention.py)."""
    made_at = datetime.fromisoformat(manifest["created_at"])
    return [(module, module.anonymised_since(made_at)) for module in project_modules("retention")]


class Command(BaseCommand):
    help = (
        "Odtwarza bazę danych i przechowywane dokumenty z zaszyfrowanej kopii zapasowej "
        "(klucz z CUS_BACKUP_KEY; najpierw odszyfrowuje i sprawdza wszystkie pliki). "
        "ZASTĘPUJE bieżące dane."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="katalog kopii (z plikiem manifest.json.enc)")
        parser.add_argument(
            "--yes", action="store_true", help="potwierdzam zastąpienie bieżących danych"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="tylko odszyfruj i sprawdź kopię, niczego nie zmieniaj",
        )

    def handle(self, *args, **options):
        try:
            manifest = backup.verify(options["source"])
            undone = undone_anonymisations(manifest)
            self._say_undone(undone)
            if options["check"]:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Kopia z {manifest['created_at']} jest kompletna ({len(manifest['files'])} plików)."
                    )
                )
                return
            if not options["yes"]:
                raise CommandError(
                    "Odtworzenie zastąpi bieżącą bazę i dokumenty. Uruchom ponownie z --yes."
                )
            manifest = backup.restore(options["source"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        # The restored data's cached reports may hold what was anonymised since.
        reports.clear()
        again = sum(module.anonymise_again([pk for pk, _at in rows]) for module, rows in undone)
        self.stdout.write(self.style.SUCCESS(f"Odtworzono kopię z {manifest['created_at']}."))
        if again:
            self.stdout.write(
                self.style.WARNING(
                    f"Ponownie zanonimizowano osoby (jak przed odtworzeniem): {again}."
                )
            )

    def _say_undone(self, undone):
        rows = [row for _module, module_rows in undone for row in module_rows]
        if not rows:
            return
        self.stdout.write(
            self.style.WARNING(
                f"Kopia jest starsza niż anonimizacja {len(rows)} os. — odtworzenie przywróci ich "
                "dane, więc po odtworzeniu zostaną zanonimizowane ponownie:"
            )
        )
        for pk, at in rows:
            self.stdout.write(f"  osoba id {pk}: zanonimizowana {at:%Y-%m-%d %H:%M}")
