from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpusConfig(AppConfig):
    """Residents, requests, needs assessments and individual plans (IPUS)."""

    name = "ipus"
    verbose_name = _("Indywidualne plany usług społecznych")

    def ready(self):
        from cus.navigation import NavItem, register

        register(
            NavItem(
                _("Mieszkańcy"), "ipus:person-search", "person-vcard", "ipus.view_person", order=10
            ),
        )
