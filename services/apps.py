from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """The catalogue of social services: programmes, providers, services, capacity."""

    name = "services"
    verbose_name = _("Katalog usług społecznych")
