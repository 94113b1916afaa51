from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cus import backup


class Command(BaseCommand):
    help = (
        "Zapisuje zaszyfrowaną kopię zapasową (klucz z CUS_BACKUP_KEY): zrzut bazy danych, "
        "przechowywane dokumenty i manifest sum kontrolnych."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="nowy katalog kopii (domyślnie CUS_DATA_DIR/backups/<data-i-godzina>)",
        )

    def handle(self, *args, **options):
        try:
            if options["output"]:
                target = options["output"]
            else:
                folder = backup.make_private_dir(settings.DATA_DIR / "backups")
                target = folder / timezone.localtime().strftime("%Y%m%d-%H%M%S")
            manifest = backup.backup(target)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Kopia zapisana w {target}, zaszyfrowana kluczem z CUS_BACKUP_KEY: baza "
                f"({manifest['engine']}) i {len(manifest['files']) - 1} plików, "
                f"manifest {backup.MANIFEST}{backup.SUFFIX}."
            )
        )
