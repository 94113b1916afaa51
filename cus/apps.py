from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CusConfig(AppConfig):
    """Project core: users, roles, centre profile, access log, shared helpers."""

    name = "cus"
    verbose_name = _("Centrum Usług Społecznych")

    def ready(self):
        from cus import checks, lookups, navigation  # noqa: F401  (checks, "iprefix", menu)


# The project's own apps, in dependency order.
PROJECT_APPS = ("cus", "services", "ipus", "osl")


def project_modules(submodule):
    """Yield ``<app>.<submodule>`` for each project app that has one (demo, bench…)."""
    from importlib import import_module

    for label in PROJECT_APPS:
        name = f"{label}.{submodule}"
        try:
            yield import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
