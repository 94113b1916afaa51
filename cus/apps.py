from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CusConfig(AppConfig):
    """Project core: users, roles, centre profile, access log, shared helpers."""

    name = "cus"
    verbose_name = _("Centrum Usług Społecznych")

    def ready(self):
        # checks, the "iprefix" lookup, the menu, the record of role changes
        from cus import checks, grants, library_names, lookups, navigation  # noqa: F401
        from cus.widgets import use_project_widgets

        library_names.apply()
        use_project_widgets()
