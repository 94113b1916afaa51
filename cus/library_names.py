"""Polish names for the installed libraries' models and fields that the admin shows.

django-otp names nothing (the admin showed "OTP_TOTP", "TOTP devices", "Według pola
created at") and django-axes leaves a few names in English ("access failure", "User
Agent"). ``apply()`` (CusConfig.ready) sets the names at start-up. It sets the display
names only (``Options.verbose_name*``, ``Field.verbose_name``), never the values the
migrations read (``Options.original_attrs``, ``Field._verbose_name``): the libraries'
migrations stay as shipped, and ``makemigrations --check`` stays clean.

tests/cus/test_admin_polish.py walks every model registered in the admin and fails on a
name left in English.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

APPS = {
    "otp_totp": _("Weryfikacja dwuetapowa — aplikacje uwierzytelniające"),
    "otp_static": _("Weryfikacja dwuetapowa — kody zapasowe"),
    "axes": _("Próby logowania"),
}

# The fields every django-otp device has (django_otp.models.Device and its mixins).
DEVICE_FIELDS = {
    "user": _("użytkownik"),
    "name": _("nazwa"),
    "confirmed": _("potwierdzone"),
    "throttling_failure_timestamp": _("ostatnia nieudana próba"),
    "throttling_failure_count": _("liczba nieudanych prób"),
    "created_at": _("utworzono"),
    "last_used_at": _("ostatnio użyto"),
}
# The request fields of every django-axes record.
AXES_FIELDS = {
    "user_agent": _("przeglądarka"),
    "username": _("nazwa użytkownika"),
    "http_accept": _("nagłówek Accept"),
}

# Model label → (verbose name, plural, {field: verbose name}).
MODELS = {
    "otp_totp.totpdevice": (
        _("aplikacja uwierzytelniająca (TOTP)"),
        _("aplikacje uwierzytelniające (TOTP)"),
        {
            **DEVICE_FIELDS,
            "key": _("klucz"),
            "step": _("krok (s)"),
            "t0": _("czas początkowy (t0)"),
            "digits": _("liczba cyfr"),
            "tolerance": _("tolerancja (kroki)"),
            "drift": _("przesunięcie zegara (kroki)"),
            "last_t": _("ostatni użyty krok"),
        },
    ),
    "otp_static.staticdevice": (
        _("zestaw kodów zapasowych"),
        _("zestawy kodów zapasowych"),
        DEVICE_FIELDS,
    ),
    "otp_static.statictoken": (
        _("kod zapasowy"),
        _("kody zapasowe"),
        {"device": _("zestaw kodów"), "token": _("kod")},
    ),
    "axes.accessattempt": (None, None, AXES_FIELDS),
    "axes.accesslog": (None, None, {**AXES_FIELDS, "session_hash": _("skrót klucza sesji")}),
    "axes.accessfailurelog": (
        _("nieudane logowanie"),
        _("nieudane logowania"),
        {**AXES_FIELDS, "locked_out": _("konto zablokowane")},
    ),
}


def apply():
    for label, name in APPS.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for label, (name, plural, fields) in MODELS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        opts = model._meta
        if name:
            opts.verbose_name, opts.verbose_name_plural = name, plural
        for field_name, verbose_name in fields.items():
            opts.get_field(field_name).verbose_name = verbose_name
