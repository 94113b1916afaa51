"""WSGI entry point (gunicorn cus.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cus.settings")

application = get_wsgi_application()


def _refuse_insecure_configuration():
    # System checks do not run under gunicorn by themselves; a server that would
    # expose personal data insecurely must not start at all.
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    errors = [e for e in checks.run_checks(tags=[checks.Tags.security]) if e.is_serious()]
    if errors:
        raise ImproperlyConfigured("\n".join(str(e) for e in errors))


_refuse_insecure_configuration()
