from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CusConfig(AppConfig):
    """Project core: users, roles, centre profile, access log, shared helpers."""

    name = "cus"
    verbose_name = _("Centrum Usług Społecznych")

    def ready(self):
        from django.contrib.contenttypes.models import ContentType

        from cus import checks, lookups, navigation  # noqa: F401  (checks, "iprefix", menu)
        from cus.display import speed_up_choice_displays
        from cus.models import User
        from cus.widgets import content_type_label, register_value_label, user_label

        speed_up_choice_displays(PROJECT_APPS)
        register_value_label(User, ["first_name", "last_name", "username"], user_label)
        register_value_label(ContentType, ["app_label", "model"], content_type_label)


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
