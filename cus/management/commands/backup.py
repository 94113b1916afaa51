from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cus import backup


class Command(BaseCommand):
    help = "Zapisuje kopię zapasową: zrzut bazy danych, przechowywane dokumenty i manifest sum kontrolnych."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="nowy katalog kopii (domyślnie CUS_DATA_DIR/backups/<data-i-godzina>)",
        )

    def handle(self, *args, **options):
        target = options["output"] or settings.DATA_DIR / "backups" / timezone.localtime().strftime(
            "%Y%m%d-%H%M%S"
        )
        try:
            manifest = backup.backup(target)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Kopia zapisana w {target}: baza ({manifest['engine']}) i "
                f"{len(manifest['files']) - 1} plików, manifest {backup.MANIFEST}."
            )
        )
