from django.core.management.base import BaseCommand

from ipus.workflows import activate_due_plans


class Command(BaseCommand):
    help = (
        "Codziennie (np. z crona o 00:05): podpisane plany IPUS, których data rozpoczęcia "
        "nadeszła, przechodzą w stan „w realizacji”."
    )

    def handle(self, *args, **options):
        count = activate_due_plans()
        self.stdout.write(f"Plany rozpoczęte dziś: {count}")
