import json
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from cus import roles
from cus.models import User
from cus.modules import project_modules


class Command(BaseCommand):
    help = (
        "Zakłada konta benchmarkowe i wypisuje (JSON) strony do obciążenia przez bench/run "
        "(tylko przy DEBUG=1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", help="plik wynikowy (domyślnie standardowe wyjście)")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("bench_targets działa tylko przy DEBUG=1 (zakłada konta z hasłem).")
        password = secrets.token_urlsafe(16)
        users = {}
        for role in roles.ROLES:
            user, _created = User.objects.get_or_create(username=f"bench-{role.lower()}")
            user.set_password(password)
            user.is_staff = role in roles.ADMIN_SITE_ROLES
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            users[role] = user.username

        pages = []
        for module in project_modules("bench"):
            for page in module.pages():
                role = page.pop("role")
                pages.append({**page, "user": users[role]})
        targets = {"password": password, "default_user": users[roles.KIPUS], "pages": pages}
        text = json.dumps(targets, ensure_ascii=False, indent=2)
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text)
