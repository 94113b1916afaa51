from django.core.management.base import BaseCommand, CommandError

from cus import backup


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
            if options["check"]:
                manifest = backup.verify(options["source"])
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
        self.stdout.write(self.style.SUCCESS(f"Odtworzono kopię z {manifest['created_at']}."))
