"""What each role may do with the ipus app's models.

This app's slice of ``cus.modules.role_permissions()``; a data migration in this
app grants a frozen copy of it whenever it changes. Case data is for KIPUS, OUS
and the director only (DESIGN.md, data protection).
"""

from cus import roles

PLAN_READ = {
    "ipus.view_plan",
    "ipus.view_planversion",
    "ipus.view_planitem",
    "ipus.view_plantransition",
    "ipus.view_monitoringcontact",
    "ipus.view_delivery",
}
PLAN_WORK = PLAN_READ | {
    "ipus.add_plan",
    "ipus.change_plan",
    "ipus.add_planversion",
    "ipus.change_planversion",
    "ipus.delete_planversion",
    "ipus.add_planitem",
    "ipus.change_planitem",
    "ipus.delete_planitem",
    "ipus.add_monitoringcontact",
    "ipus.change_monitoringcontact",
    "ipus.add_delivery",
    "ipus.change_delivery",
}

OVERSIGHT_READ = {
    "ipus.view_oversight",
    "ipus.view_indicators",
    "ipus.view_reviewmeeting",
    "ipus.view_meetingaction",
    "ipus.view_halfyearsummary",
}
OVERSIGHT_WORK = OVERSIGHT_READ | {
    "ipus.add_reviewmeeting",
    "ipus.change_reviewmeeting",
    "ipus.add_meetingaction",
    "ipus.change_meetingaction",
    "ipus.add_halfyearsummary",
}

PERMISSIONS: dict[str, set[str]] = {
    roles.KIPUS: {
        "ipus.view_person",
        "ipus.add_person",
        "ipus.change_person",
        "ipus.view_request",
        "ipus.add_request",
        "ipus.change_request",
        "ipus.view_refusaldecision",
        "ipus.add_refusaldecision",
        "ipus.change_refusaldecision",
        "ipus.view_needsassessment",
        "ipus.add_needsassessment",
        "ipus.change_needsassessment",
        *PLAN_WORK,
        # Coordinators attend the quarterly meetings and own some of their actions.
        "ipus.view_reviewmeeting",
        "ipus.view_meetingaction",
    },
    roles.OUS: {
        "ipus.view_person",
        "ipus.change_person",
        "ipus.view_request",
        "ipus.change_request",
        "ipus.view_refusaldecision",
        "ipus.view_needsassessment",
        # The OUS acts on any case: reviews plans, overrides capacity, imports deliveries.
        *PLAN_WORK,
        "ipus.override_capacity",
        *OVERSIGHT_WORK,
    },
    roles.DIRECTOR: {
        "ipus.view_person",
        "ipus.view_request",
        "ipus.view_refusaldecision",
        "ipus.view_needsassessment",
        *PLAN_READ,
        *OVERSIGHT_READ,
    },
    # Aggregates only: the indicators and the half-year summaries addressed to them.
    roles.OSL: {"ipus.view_indicators", "ipus.view_halfyearsummary"},
}
