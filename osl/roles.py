"""What each role may do with the osl app's models.

This app's slice of ``cus.modules.role_permissions()``; a data migration in this
app grants a frozen copy of it whenever it changes. The OSL organizer edits;
animators log activities and nothing else; the director adopts plans; KIPUS and
OUS read. Volunteers' and leaders' data are for the OSL organizer and the director.
"""

from cus import roles

MODELS = (
    "oslplan",
    "plangoal",
    "plansection",
    "swotentry",
    "community",
    "stage",
    "scheduleitem",
    "indicator",
    "activity",
    "indicatorvalue",
    "evidence",
    "partner",
    "leader",
    "volunteer",
    "resource",
    "annualreport",
)
PEOPLE = ("leader", "volunteer")
READ = {f"osl.view_{model}" for model in MODELS}
WORK = READ | {f"osl.{action}_{model}" for model in MODELS for action in ("add", "change")}
WORK |= {
    "osl.delete_plangoal",
    "osl.delete_community",
    "osl.delete_plansection",
    "osl.delete_swotentry",
    "osl.delete_stage",
    "osl.delete_scheduleitem",
    "osl.delete_indicator",
    "osl.delete_evidence",
    "osl.delete_activity",
}

PERMISSIONS: dict[str, set[str]] = {
    roles.OSL: WORK,
    # Animators also read, correct and delete the activities they logged (Activity.objects
    # .visible_to / .editable_by scope them), which needs no model-wide permission.
    roles.ANIMATOR: {
        "osl.add_activity",
        "osl.add_indicatorvalue",
        "osl.add_evidence",
    },
    roles.DIRECTOR: READ | {"osl.adopt_oslplan"},
    roles.KIPUS: READ - {f"osl.view_{model}" for model in PEOPLE},
    roles.OUS: READ - {f"osl.view_{model}" for model in PEOPLE},
}
