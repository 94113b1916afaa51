from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CusConfig(AppConfig):
    """Project core: users, roles, centre profile, access log, shared helpers."""

    name = "cus"
    verbose_name = _("Centrum Usług Społecznych")

    def ready(self):
        from cus import checks, lookups, navigation  # noqa: F401  (checks, "iprefix", menu)
