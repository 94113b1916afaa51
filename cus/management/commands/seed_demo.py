from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cus.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

# Apps seed in dependency order; each may have a ``demo`` module with ``seed(stdout)``.
PROJECT_APPS = ("cus", "services", "ipus", "osl")


class Command(BaseCommand):
    help = "Wypełnia bazę danymi demonstracyjnymi CUS Starachowice (tylko przy DEBUG=1)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo działa tylko przy DEBUG=1: nie zakłada kont z jawnymi hasłami "
                "w środowisku produkcyjnym."
            )
        for label in PROJECT_APPS:
            module_name = f"{apps.get_app_config(label).name}.demo"
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Dane demonstracyjne gotowe."))
        self.stdout.write("Konta (login / hasło):")
        for username, _first, _last, role, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<10} {DEMO_PASSWORD}   ({role})")
