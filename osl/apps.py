from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OslConfig(AppConfig):
    """Community organizing: OSL plans, communities, schedules, activities."""

    name = "osl"
    verbose_name = _("Organizowanie społeczności lokalnej")

    def ready(self):
        from cus import todo
        from cus.navigation import NavItem, register
        from ipus import oversight
        from osl import due

        register(
            NavItem(_("Plany OSL"), "osl:plan-list", "people", "osl.view_oslplan", order=20),
            NavItem(
                _("Zapisz działanie"),
                "osl:activity-pick",
                "pencil-square",
                "osl.add_activity",
                order=21,
            ),
            NavItem(
                _("Rejestry OSL"),
                "osl:partner-list",
                "journal-bookmark",
                "osl.view_partner",
                order=22,
            ),
        )
        todo.register(due.due_for)
        oversight.VOLUNTEER_COUNTERS.append(due.volunteers_per_quarter)
