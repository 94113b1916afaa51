from django.core.management.base import BaseCommand

from ipus.workflows import activate_due_plans, switch_due_versions


class Command(BaseCommand):
    help = (
        "Codziennie (np. z crona o 00:05): podpisane plany IPUS, których data rozpoczęcia "
        "nadeszła, przechodzą w stan „w realizacji”, a podpisane aktualizacje, których data "
        "obowiązywania nadeszła, stają się wersjami obowiązującymi."
    )

    def handle(self, *args, **options):
        started = activate_due_plans()
        switched = switch_due_versions()
        self.stdout.write(f"Plany rozpoczęte dziś: {started}")
        self.stdout.write(f"Aktualizacje obowiązujące od dziś: {switched}")
