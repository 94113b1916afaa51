from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cus.demo import DEMO_ACCOUNTS, DEMO_DATABASE_COMMENT, DEMO_PASSWORD
from cus.modules import project_modules


def database_comment():
    """The comment bin/demo gave the current database when it created it (or None)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = current_database()"
        )
        return cursor.fetchone()[0]


class Command(BaseCommand):
    help = (
        "Wypełnia bazę danymi demonstracyjnymi CUS Starachowice "
        "(tylko w bazie demo utworzonej przez make demo, przy CUS_DEMO=1)."
    )

    def handle(self, *args, **options):
        # Demo accounts share a published password: never in a real centre's database.
        if not settings.CUS_DEMO:
            raise CommandError(
                "seed_demo działa tylko przy CUS_DEMO=1 (ustawia je make demo): nie zakłada "
                "kont z jawnymi hasłami w środowisku produkcyjnym."
            )
        if database_comment() != DEMO_DATABASE_COMMENT:
            raise CommandError(
                f"Baza {connection.settings_dict['NAME']!r} nie jest bazą demo utworzoną przez "
                "make demo (brak oznaczenia bazy demo): dane demonstracyjne nie zostaną zapisane."
            )
        for module in project_modules("demo"):
            module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Dane demonstracyjne gotowe."))
        self.stdout.write("Konta (login / hasło):")
        for username, _first, _last, role, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<10} {DEMO_PASSWORD}   ({role})")
