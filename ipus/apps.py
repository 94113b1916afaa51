from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpusConfig(AppConfig):
    """Residents, requests, needs assessments and individual plans (IPUS)."""

    name = "ipus"
    verbose_name = _("Indywidualne plany usług społecznych")

    def ready(self):
        from cus import home, roles
        from cus.navigation import NavItem, register
        from ipus.models import kipus_home

        register(
            NavItem(
                _("Mieszkańcy"), "ipus:person-search", "person-vcard", "ipus.view_person", order=10
            ),
            NavItem(_("Wnioski"), "ipus:request-list", "inbox", "ipus.view_request", order=11),
        )
        home.register(roles.KIPUS, kipus_home)
