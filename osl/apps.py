from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OslConfig(AppConfig):
    """Community organizing: OSL plans, communities, schedules, activities."""

    name = "osl"
    verbose_name = _("Organizowanie społeczności lokalnej")
