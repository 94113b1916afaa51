from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpusConfig(AppConfig):
    """Residents, requests, needs assessments and individual plans (IPUS)."""

    name = "ipus"
    verbose_name = _("Indywidualne plany usług społecznych")

    def ready(self):
        from cus import home, roles
        from cus.navigation import NavItem, register
        from ipus.home import director_home, kipus_home, kipus_plan_home

        register(
            NavItem(
                _("Mieszkańcy"), "ipus:person-search", "person-vcard", "ipus.view_person", order=10
            ),
            NavItem(_("Wnioski"), "ipus:request-list", "inbox", "ipus.view_request", order=11),
            NavItem(_("IPUS"), "ipus:plan-list", "journal-check", "ipus.view_plan", order=12),
            NavItem(
                _("Omówienie kwartału"),
                "ipus:quarter-review",
                "clipboard-data",
                "ipus.view_oversight",
                order=13,
            ),
            NavItem(
                _("Wskaźniki"), "ipus:indicators", "graph-up", "ipus.view_indicators", order=14
            ),
            NavItem(_("Skrzynka"), "ipus:inbox", "envelope", "ipus.view_halfyearsummary", order=15),
        )
        from cus import access
        from ipus.models import Person

        # The access log's filter by resident: by PESEL or name, the ids of the persons.
        access.register_resident_search(lambda text: Person.objects.search(text).values("pk"))
        home.register(roles.KIPUS, kipus_home)
        home.register(roles.KIPUS, kipus_plan_home)
        home.register(roles.DIRECTOR, director_home)

        from cus import todo
        from ipus import capacity as ipus_capacity
        from ipus import oversight
        from services import capacity

        todo.register(oversight.due_for)
        capacity.register(capacity.CapacitySource(totals=ipus_capacity.capacity_totals))
