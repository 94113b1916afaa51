from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """The catalogue of social services: programmes, providers, services, capacity."""

    name = "services"
    verbose_name = _("Katalog usług społecznych")

    def ready(self):
        from cus import home, roles
        from cus.navigation import NavItem, register
        from services.models import catalogue_summary

        home.register(roles.OUS, catalogue_summary)

        register(
            NavItem(
                _("Katalog usług"),
                "services:service-list",
                "journal-bookmark",
                "services.view_service",
                order=30,
            ),
            NavItem(
                _("Realizatorzy"),
                "services:provider-list",
                "building-check",
                "services.view_provider",
                order=31,
            ),
            NavItem(
                _("Programy"),
                "services:programme-list",
                "clipboard-data",
                "services.view_programme",
                order=32,
            ),
        )
