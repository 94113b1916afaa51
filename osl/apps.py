from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OslConfig(AppConfig):
    """Community organizing: OSL plans, communities, schedules, activities."""

    name = "osl"
    verbose_name = _("Organizowanie społeczności lokalnej")

    def ready(self):
        from cus import home, roles, todo, worklist
        from cus.navigation import NavItem, register
        from ipus import oversight
        from osl import due
        from osl import home as osl_home

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
        todo.register(osl_home.adoption_dues)
        worklist.register(osl_home.worklist_section)
        home.register(roles.DIRECTOR, osl_home.director_home)
        home.register(roles.OSL, osl_home.organizer_home)
        oversight.VOLUNTEER_COUNTERS.append(due.volunteers_per_quarter)
