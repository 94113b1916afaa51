"""What each role may do with the ipus app's models.

This app's slice of ``cus.roles.role_permissions()``; a data migration in this
app grants a frozen copy of it whenever it changes. Case data is for KIPUS, OUS
and the director only (DESIGN.md, data protection).
"""

from cus import roles

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
        "ipus.view_plan",
        "ipus.add_plan",
        "ipus.change_plan",
        "ipus.view_planitem",
        "ipus.add_planitem",
        "ipus.change_planitem",
        "ipus.delete_planitem",
    },
    roles.OUS: {
        "ipus.view_person",
        "ipus.change_person",
        "ipus.view_request",
        "ipus.change_request",
        "ipus.view_refusaldecision",
        "ipus.view_needsassessment",
        "ipus.view_plan",
        "ipus.view_planitem",
    },
    roles.DIRECTOR: {
        "ipus.view_person",
        "ipus.view_request",
        "ipus.view_refusaldecision",
        "ipus.view_needsassessment",
        "ipus.view_plan",
        "ipus.view_planitem",
    },
}
