from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cus.modules import PROJECT_APPS


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
