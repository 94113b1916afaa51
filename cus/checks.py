"""System checks that refuse to run an insecure production configuration."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security)
def production_is_secure(app_configs, **kwargs):
    """With DEBUG off, the deployment must be safe for special-category personal data."""
    if settings.DEBUG:
        return []
    errors = []
    key = settings.SECRET_KEY
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure"):
        errors.append(
            Error(
                "SECRET_KEY jest za słaby dla środowiska produkcyjnego.",
                hint="Ustaw losowy SECRET_KEY o długości co najmniej 50 znaków.",
                id="cus.E001",
            )
        )
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS musi wymieniać nazwy hostów serwera (bez '*').",
                id="cus.E002",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        errors.append(
            Error(
                "CUS działa tylko na PostgreSQL: DATABASES musi wskazywać bazę PostgreSQL "
                "(ustaw DATABASE_URL).",
                id="cus.E003",
            )
        )
    if not settings.CUS_ALLOW_INSECURE:
        if not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
            errors.append(
                Error(
                    "Ciasteczka sesji i CSRF muszą mieć flagę Secure (tylko HTTPS).",
                    hint="SESSION_COOKIE_SECURE=1 i CSRF_COOKIE_SECURE=1.",
                    id="cus.E004",
                )
            )
        if settings.SECURE_HSTS_SECONDS < 86400:
            errors.append(
                Error(
                    "Nagłówek HSTS musi obowiązywać co najmniej dobę.",
                    hint="SECURE_HSTS_SECONDS=31536000",
                    id="cus.E005",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def backups_can_be_written(app_configs, **kwargs):
    """manage.py backup refuses to run without its encryption key (cus/backup.py)."""
    if settings.DEBUG or settings.CUS_BACKUP_KEY:
        return []
    return [
        Warning(
            "CUS_BACKUP_KEY nie jest ustawiony: manage.py backup nie zapisze kopii zapasowej.",
            hint="Utwórz klucz i przechowuj go poza serwerem (README, „Backups”).",
            id="cus.W001",
        )
    ]
