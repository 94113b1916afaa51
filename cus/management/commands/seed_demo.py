from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cus.apps import project_modules
from cus.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Wypełnia bazę danymi demonstracyjnymi CUS Starachowice (tylko przy DEBUG=1)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo działa tylko przy DEBUG=1: nie zakłada kont z jawnymi hasłami "
                "w środowisku produkcyjnym."
            )
        for module in project_modules("demo"):
            module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Dane demonstracyjne gotowe."))
        self.stdout.write("Konta (login / hasło):")
        for username, _first, _last, role, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<10} {DEMO_PASSWORD}   ({role})")
