"""Who may open which page: every URL name × role → the expected outcome.

The single table an auditor reads. ``test_permission_matrix.py`` requests each
URL as each role and compares, and fails when a URL name is missing here.

Outcomes: OK (200), LOGIN (redirect to the login page), FORBIDDEN (403),
NOT_FOUND (404: the object lies outside the role's reach), NOT_ALLOWED (405:
a POST-only action opened with GET), REDIRECT (302 elsewhere, e.g. a form
that sends the user on).
"""

from cus import roles

ANONYMOUS = "anonymous"
ROLES = (
    ANONYMOUS,
    roles.KIPUS,
    roles.OUS,
    roles.OSL,
    roles.DIRECTOR,
    roles.ANIMATOR,
    roles.IOD,
    roles.ADMINISTRATOR,
)
STAFF = ROLES[1:]

OK = 200
LOGIN = "login"
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
REDIRECT = 302


def expect(default, anonymous=LOGIN, **by_role):
    """A row: ``default`` for every staff role unless named; anonymous users go to login."""
    row = dict.fromkeys(STAFF, default)
    row[ANONYMOUS] = anonymous
    for role, outcome in by_role.items():
        row[role] = outcome
    return row


def only(allowed_roles, outcome=OK, otherwise=FORBIDDEN):
    """A row where only ``allowed_roles`` get ``outcome``; other staff get ``otherwise``."""
    row = expect(otherwise)
    row.update(dict.fromkeys(allowed_roles, outcome))
    return row


CATALOGUE_READERS = [roles.KIPUS, roles.OUS, roles.DIRECTOR, roles.OSL]
CASE_READERS = [roles.KIPUS, roles.OUS, roles.DIRECTOR]
CASE_WORKERS = [roles.KIPUS, roles.OUS]
# Aggregates for the director and the OSL organizer.
SUMMARY_READERS = [roles.OUS, roles.DIRECTOR, roles.OSL]
OSL_READERS = [roles.OSL, roles.DIRECTOR, roles.KIPUS, roles.OUS]
AUTHORISATION_KEEPERS = [roles.DIRECTOR, roles.ADMINISTRATOR]

# URL name → role → outcome, for GET requests. Views with parameters take them
# from URL_ARGS below.
MATRIX = {
    # Public pages
    "login": expect(REDIRECT, anonymous=OK),
    "healthz": expect(OK, anonymous=OK),
    # Every account
    "logout": expect(NOT_ALLOWED),
    "password_change": expect(OK),
    "password_change_done": expect(OK),
    "account-security": expect(OK),
    "two-factor-setup": expect(OK),
    "two-factor-verify": expect(REDIRECT),
    "two-factor-recovery-codes": expect(NOT_ALLOWED),
    "two-factor-disable": expect(NOT_ALLOWED),
    "cus:home": expect(OK),
    "cus:session-keepalive": expect(NOT_ALLOWED),
    # The centre's letterhead: the administrator keeps it
    "cus:centre-profile": only([roles.ADMINISTRATOR]),
    "cus:centre-letterhead": only([roles.ADMINISTRATOR]),
    "cus:centre-logo": expect(NOT_FOUND),  # no logo uploaded in the test world
    # Is this PDF one the centre issued? Roles that handle case documents
    "cus:document-verify": only([roles.KIPUS, roles.OUS, roles.DIRECTOR]),
    "cus:calendar": expect(OK),
    "cus:calendar-reset": expect(NOT_ALLOWED),
    "cus:calendar-feed": expect(NOT_FOUND, anonymous=NOT_FOUND),  # the token is the credential
    # The personal-data access log: the data-protection officer only
    "cus:accesslog-list": only([roles.IOD]),
    # The register of authorisations (KPA art. 268a): the director and the administrator.
    "cus:authorisation-list": only(AUTHORISATION_KEEPERS),
    "cus:authorisation-create": only(AUTHORISATION_KEEPERS),
    "cus:authorisation-update": only(AUTHORISATION_KEEPERS),
    "cus:authorisation-document": only(AUTHORISATION_KEEPERS, outcome=NOT_FOUND),
    # The service catalogue: the OUS keeps it; KIPUS, the director and OSL read it
    "services:service-list": only(CATALOGUE_READERS),
    "services:service-detail": only(CATALOGUE_READERS),
    "services:service-create": only([roles.OUS]),
    "services:service-update": only([roles.OUS]),
    "services:service-archive": expect(NOT_ALLOWED),
    "services:service-restore": expect(NOT_ALLOWED),
    "services:capacity": only(CATALOGUE_READERS),
    "services:provider-list": only(CATALOGUE_READERS),
    "services:provider-detail": only(CATALOGUE_READERS),
    "services:provider-create": only([roles.OUS]),
    "services:provider-update": only([roles.OUS]),
    "services:programme-list": only(CATALOGUE_READERS),
    "services:programme-detail": only(CATALOGUE_READERS),
    "services:programme-create": only([roles.OUS]),
    "services:programme-update": only([roles.OUS]),
    "services:programme-status": expect(NOT_ALLOWED),
    "services:programme-entry-add": expect(NOT_ALLOWED),
    "services:programme-entry-remove": expect(NOT_ALLOWED),
    # Residents: case data for KIPUS, OUS and the director only
    "ipus:person-search": only(CASE_READERS),
    "ipus:person-detail": only(CASE_READERS),
    "ipus:person-export": only(CASE_READERS),
    "ipus:person-create": only([roles.KIPUS]),
    "ipus:person-update": only([roles.KIPUS, roles.OUS]),
    "ipus:request-create": only([roles.KIPUS]),
    "ipus:request-list": only(CASE_READERS),
    "ipus:request-detail": only(CASE_READERS),
    "ipus:request-outcome": expect(NOT_ALLOWED),
    "ipus:request-refuse": expect(NOT_ALLOWED),
    "ipus:refusal-followup": expect(NOT_ALLOWED),
    "ipus:refusal-pdf": only(CASE_READERS, outcome=NOT_FOUND),  # no decision in the world
    "ipus:refusal-issue": expect(NOT_ALLOWED),
    "ipus:refusal-receipt": only(CASE_READERS, outcome=NOT_FOUND),
    "ipus:assessment-start": expect(NOT_ALLOWED),
    "ipus:assessment-detail": only(CASE_READERS),
    "ipus:assessment-update": only([roles.KIPUS]),
    "ipus:assessment-autosave": expect(NOT_ALLOWED),
    "ipus:assessment-pdf": only(CASE_READERS),
    "ipus:assessment-sign": expect(NOT_ALLOWED),
    "ipus:assessment-scan": expect(NOT_ALLOWED),
    # Plans (the world's plan is a draft of the matrix's KIPUS, with one item)
    "ipus:plan-create": only(CASE_WORKERS, outcome=REDIRECT),  # the assessment is not completed
    "ipus:plan-list": only(CASE_READERS),
    "ipus:plan-worklist": only([roles.DIRECTOR]),
    "ipus:waiting-list": only(CASE_READERS),
    "ipus:delivery-import": only(CASE_WORKERS),
    "ipus:plan-detail": only(CASE_READERS),
    "ipus:plan-annex": expect(NOT_ALLOWED),
    "ipus:plan-terminate": expect(NOT_ALLOWED),
    "ipus:plan-close": only(CASE_WORKERS, outcome=REDIRECT),  # only an active plan is closed
    "ipus:plan-closure-pdf": only(CASE_READERS, outcome=NOT_FOUND),  # not closed
    "ipus:contact-create": expect(NOT_ALLOWED),
    "ipus:delivery-save": expect(NOT_ALLOWED),
    "ipus:version-detail": only(CASE_READERS),
    "ipus:version-update": only(CASE_WORKERS),
    "ipus:item-create": only(CASE_WORKERS),
    "ipus:item-capacity": only(CASE_WORKERS),
    "ipus:version-submit": expect(NOT_ALLOWED),
    "ipus:version-return": expect(NOT_ALLOWED),
    "ipus:version-approve": expect(NOT_ALLOWED),
    "ipus:version-signed-copy": expect(NOT_ALLOWED),
    "ipus:version-discard": expect(NOT_ALLOWED),
    "ipus:version-pdf": only(CASE_READERS),
    "ipus:version-document": only(CASE_READERS, outcome=NOT_FOUND),  # nothing signed yet
    "ipus:item-update": only(CASE_WORKERS),
    "ipus:item-delete": expect(NOT_ALLOWED),
    "ipus:item-card": only(CASE_READERS),
    # Community organizing (the world has a draft plan, an adopted one with an activity)
    "osl:plan-list": only(OSL_READERS),
    "osl:plan-create": only([roles.OSL]),
    "osl:plan-detail": only(OSL_READERS),
    "osl:plan-update": only([roles.OSL]),
    "osl:plan-adopt": expect(NOT_ALLOWED),
    "osl:plan-submit": expect(NOT_ALLOWED),
    "osl:plan-return": expect(NOT_ALLOWED),
    "osl:plan-new-version": expect(NOT_ALLOWED),
    "osl:plan-progress": only(OSL_READERS),
    "osl:plan-pdf": only(OSL_READERS),
    "osl:schedule-xlsx": only(OSL_READERS),
    "osl:report-create": expect(NOT_ALLOWED),
    "osl:report-correct": expect(NOT_ALLOWED),
    "osl:community-create": only([roles.OSL]),
    "osl:community-update": only([roles.OSL]),
    "osl:item-create": only([roles.OSL]),
    "osl:item-update": only([roles.OSL]),
    "osl:item-detail": only(OSL_READERS),
    "osl:community-delete": expect(NOT_ALLOWED),
    "osl:item-delete": expect(NOT_ALLOWED),
    "osl:item-move": expect(NOT_ALLOWED),
    "osl:schedule-import": only([roles.OSL]),
    "osl:report-pdf": only(OSL_READERS, outcome=NOT_FOUND),  # not generated in the world
    # The animator reads the activities they logged (the world's one is theirs).
    "osl:activity-list": only([*OSL_READERS, roles.ANIMATOR]),
    "osl:activity-pick": only([roles.OSL, roles.ANIMATOR]),
    "osl:activity-create": only([roles.OSL, roles.ANIMATOR]),
    "osl:activity-detail": only([*OSL_READERS, roles.ANIMATOR]),
    "osl:activity-update": only([roles.OSL, roles.ANIMATOR]),
    "osl:activity-delete": only([roles.OSL, roles.ANIMATOR]),
    "osl:evidence-file": only([*OSL_READERS, roles.ANIMATOR]),
    "osl:partner-list": only(OSL_READERS),
    "osl:partner-create": only([roles.OSL]),
    "osl:partner-update": only([roles.OSL]),
    "osl:leader-list": only([roles.OSL, roles.DIRECTOR]),
    "osl:leader-create": only([roles.OSL]),
    "osl:leader-update": only([roles.OSL]),
    "osl:volunteer-list": only([roles.OSL, roles.DIRECTOR]),
    "osl:volunteer-create": only([roles.OSL]),
    "osl:volunteer-update": only([roles.OSL]),
    "osl:resource-list": only(OSL_READERS),
    "osl:resource-create": only([roles.OSL]),
    "osl:resource-update": only([roles.OSL]),
    # Oversight (the world has a meeting with an action and a summary sent to the director)
    "ipus:quarter-review": only([roles.OUS, roles.DIRECTOR]),
    "ipus:meeting-create": only([roles.OUS]),
    "ipus:meeting-detail": only(CASE_READERS),
    "ipus:action-done": expect(NOT_ALLOWED),
    "ipus:summary-list": only(SUMMARY_READERS),
    "ipus:summary-create": only([roles.OUS]),
    "ipus:summary-detail": only(SUMMARY_READERS),
    "ipus:summary-pdf": only(SUMMARY_READERS, outcome=NOT_FOUND),  # not generated in the world
    "ipus:indicators": only(SUMMARY_READERS),
    "ipus:inbox": expect(OK),
    "ipus:inbox-detail": expect(NOT_FOUND, **{roles.DIRECTOR: REDIRECT}),  # the director's message
    # The public catalogue: everyone, logged in or not
    "catalogue:list": expect(OK, anonymous=OK),
    "catalogue:service": expect(OK, anonymous=OK),
    "catalogue:regulations": expect(NOT_FOUND, anonymous=NOT_FOUND),  # no regulations uploaded
}


def pks(*names):
    """URL args: the primary keys of the world's objects called ``names``."""
    return lambda world: [world[name].pk for name in names]


# URL name → function(world) returning the URL's args, for views with parameters.
# The world is the demo catalogue and residents (services.demo, ipus.demo).
URL_ARGS = {
    "services:service-detail": pks("service"),
    "services:service-update": pks("service"),
    "services:service-archive": pks("service"),
    "services:service-restore": pks("service"),
    "services:provider-detail": pks("provider"),
    "services:provider-update": pks("provider"),
    "services:programme-detail": pks("programme"),
    "services:programme-update": pks("programme"),
    "services:programme-status": pks("programme"),
    "services:programme-entry-add": pks("programme"),
    "services:programme-entry-remove": pks("programme", "entry"),
    "catalogue:service": pks("service"),
    "ipus:person-detail": pks("person"),
    "ipus:person-update": pks("person"),
    "ipus:person-export": pks("person"),
    "ipus:request-create": pks("person"),
    "ipus:request-detail": pks("request"),
    "ipus:request-outcome": lambda w: [w["request"].pk, "handoff"],
    "ipus:request-refuse": pks("request"),
    "ipus:refusal-followup": pks("request"),
    "ipus:refusal-pdf": pks("request"),
    "ipus:refusal-issue": pks("request"),
    "ipus:refusal-receipt": pks("request"),
    "cus:authorisation-update": pks("authorisation"),
    "cus:authorisation-document": lambda w: [999999],
    "ipus:assessment-start": pks("request"),
    "ipus:assessment-detail": pks("assessment"),
    "ipus:assessment-update": pks("assessment"),
    "ipus:assessment-autosave": pks("assessment"),
    "ipus:assessment-pdf": pks("assessment"),
    "ipus:assessment-sign": pks("assessment"),
    "ipus:assessment-scan": pks("assessment"),
    "ipus:plan-create": pks("assessment"),
    "ipus:plan-detail": pks("plan"),
    "ipus:plan-annex": pks("plan"),
    "ipus:plan-terminate": pks("plan"),
    "ipus:plan-close": pks("plan"),
    "ipus:plan-closure-pdf": pks("plan"),
    "ipus:contact-create": pks("plan"),
    "ipus:delivery-save": pks("plan"),
    "ipus:version-detail": pks("version"),
    "ipus:version-update": pks("version"),
    "ipus:item-create": pks("version"),
    "ipus:item-capacity": pks("version"),
    "ipus:version-submit": pks("version"),
    "ipus:version-return": pks("version"),
    "ipus:version-approve": pks("version"),
    "ipus:version-signed-copy": pks("version"),
    "ipus:version-discard": pks("version"),
    "ipus:version-pdf": pks("version"),
    "ipus:version-document": lambda w: [w["version"].pk, "signed-copy"],
    "ipus:item-update": pks("item"),
    "ipus:item-delete": pks("item"),
    "ipus:item-card": pks("item"),
    "osl:plan-detail": pks("osl_plan"),
    "osl:plan-update": pks("osl_plan"),
    "osl:plan-adopt": pks("osl_plan"),
    "osl:plan-submit": pks("osl_plan"),
    "osl:plan-return": pks("osl_plan"),
    "osl:plan-new-version": pks("osl_plan"),
    "osl:plan-progress": pks("osl_plan"),
    "osl:plan-pdf": pks("osl_plan"),
    "osl:schedule-xlsx": pks("osl_plan"),
    "osl:report-create": pks("osl_plan"),
    "osl:community-create": pks("osl_plan"),
    "osl:community-update": pks("osl_plan", "community"),
    "osl:item-create": pks("osl_plan"),
    "osl:item-update": pks("osl_plan", "osl_item"),
    "osl:item-detail": pks("osl_item"),
    "osl:community-delete": pks("osl_plan", "community"),
    "osl:item-delete": pks("osl_plan", "osl_item"),
    "osl:item-move": pks("osl_plan", "osl_item"),
    "osl:schedule-import": pks("osl_plan"),
    "osl:report-pdf": pks("report"),
    "osl:report-correct": pks("report"),
    "osl:activity-create": pks("adopted_item"),
    "osl:activity-detail": pks("activity"),
    "osl:activity-update": pks("activity"),
    "osl:activity-delete": pks("activity"),
    "osl:evidence-file": pks("evidence"),
    "osl:partner-update": pks("partner"),
    "osl:leader-update": pks("leader"),
    "osl:volunteer-update": pks("volunteer"),
    "osl:resource-update": pks("resource"),
    "ipus:meeting-detail": pks("meeting"),
    "ipus:action-done": pks("action"),
    "ipus:summary-detail": pks("summary"),
    "ipus:summary-pdf": pks("summary"),
    "ipus:inbox-detail": pks("message"),
    "cus:calendar-feed": lambda w: ["nie-ma-takiego"],
    "catalogue:regulations": pks("service"),
}

# The Django admin, per registered model: which roles open its list. Staff flag
# is set for KIPUS, OUS and the administrator (cus.roles.ADMIN_SITE_ROLES);
# other roles are sent to the admin's login page.
ADMIN_MODEL_VIEWERS = {
    "auth.group": {roles.ADMINISTRATOR},
    "cus.user": {roles.ADMINISTRATOR},
    "cus.centreprofile": {roles.KIPUS, roles.OUS, roles.ADMINISTRATOR},
    "cus.accesslog": set(),
    "cus.rolechange": {roles.ADMINISTRATOR},
    "cus.authorisation": {roles.ADMINISTRATOR},
    "otp_totp.totpdevice": {roles.ADMINISTRATOR},
    "otp_static.staticdevice": {roles.ADMINISTRATOR},
    "ipus.person": {roles.KIPUS, roles.OUS},
    "ipus.request": {roles.KIPUS, roles.OUS},
    "ipus.needsassessment": {roles.KIPUS, roles.OUS},
    "ipus.plan": {roles.KIPUS, roles.OUS},
    "services.programme": {roles.KIPUS, roles.OUS},
    "services.provider": {roles.KIPUS, roles.OUS},
    "services.service": {roles.KIPUS, roles.OUS},
    "services.challenge": {roles.KIPUS, roles.OUS},
    "services.targetgroup": {roles.KIPUS, roles.OUS},
    "services.statutoryarea": {roles.KIPUS, roles.OUS},
    "axes.accessattempt": set(),
    "axes.accessfailurelog": set(),
    "axes.accesslog": set(),
}

# The admin's record pages (cus.admin.CusModelAdmin's rules). Who asks: the KIPUS who
# coordinates the world's cases (OWN), another KIPUS (OTHER), the OUS and the
# administrator, the roles that work in the admin. What they get:
#   EDIT      the page opens with a form; saving it unchanged changes nothing (302)
#   READ      the page opens read-only; a POST (with values changed) is refused (403)
#             and the record is as it was
#   DELETE    the confirmation page opens (not posted: it would delete the record)
#   FORBIDDEN the page is refused (403), and so is a POST; the record is as it was
OWN, OTHER = "own coordinator", "other coordinator"
ADMIN_ACTORS = (OWN, OTHER, roles.OUS, roles.ADMINISTRATOR)
EDIT, READ, DELETE = "edit", "read", "delete"


def admin_row(default=FORBIDDEN, *, kipus=None, own=None, other=None, ous=None, administrator=None):
    """A row of the admin record matrix: ``kipus`` for both coordinators unless named."""
    kipus = default if kipus is None else kipus
    return {
        OWN: kipus if own is None else own,
        OTHER: kipus if other is None else other,
        roles.OUS: default if ous is None else ous,
        roles.ADMINISTRATOR: default if administrator is None else administrator,
    }


NOBODY = admin_row()
CASE_READ = admin_row(kipus=READ, ous=READ)  # every case reader (KIPUS and the OUS) reads it
ADMINISTRATOR_READS = admin_row(administrator=READ)
CATALOGUE = {  # the OUS keeps the catalogue; KIPUS read it
    "change": admin_row(kipus=READ, ous=EDIT),
    "delete": NOBODY,
    "history": CASE_READ,
}

# Add pages, per registered model.
ADMIN_ADD = {
    "auth.group": NOBODY,
    "cus.user": admin_row(administrator=EDIT),
    "cus.centreprofile": NOBODY,  # there is one, already set up
    "cus.accesslog": NOBODY,
    "cus.rolechange": NOBODY,
    "cus.authorisation": admin_row(administrator=EDIT),
    "otp_totp.totpdevice": NOBODY,
    "otp_static.staticdevice": NOBODY,
    "ipus.person": admin_row(kipus=EDIT),
    "ipus.request": admin_row(kipus=EDIT),
    "ipus.needsassessment": NOBODY,  # started on its request's page
    "ipus.plan": NOBODY,  # drawn up from an assessment's page
    "services.programme": admin_row(ous=EDIT),
    "services.provider": admin_row(ous=EDIT),
    "services.service": admin_row(ous=EDIT),
    "services.challenge": admin_row(ous=EDIT),
    "services.targetgroup": admin_row(ous=EDIT),
    "services.statutoryarea": NOBODY,
    "axes.accessattempt": NOBODY,
    "axes.accessfailurelog": NOBODY,
    "axes.accesslog": NOBODY,
}

# Record pages: record of the world → its model, and per page (change, delete, history:
# the list of changes, and a recorded version where the model keeps its history with
# django-simple-history) the outcome for each actor. The world's cases are OWN's.
ADMIN_RECORDS = {
    "request": {
        "model": "ipus.request",
        "change": admin_row(own=EDIT, other=READ, ous=EDIT),
        "delete": NOBODY,
        "history": CASE_READ,
    },
    # Closed: a record of what happened; the OUS may still hand it to another coordinator.
    "closed_request": {
        "model": "ipus.request",
        "change": admin_row(kipus=READ, ous=EDIT),
        "delete": NOBODY,
        "history": CASE_READ,
    },
    "assessment": {
        "model": "ipus.needsassessment",
        "change": admin_row(own=EDIT, other=READ, ous=READ),
        "delete": NOBODY,
        "history": CASE_READ,
    },
    # The assessment of an active, signed plan: frozen for everyone.
    "signed_assessment": {
        "model": "ipus.needsassessment",
        "change": admin_row(kipus=READ, ous=READ),
        "delete": NOBODY,
        "history": CASE_READ,
    },
    # A plan changes only through its pages; here the OUS reassigns its coordinator.
    "plan": {
        "model": "ipus.plan",
        "change": admin_row(kipus=READ, ous=EDIT),
        "delete": NOBODY,
        "history": CASE_READ,
    },
    "active_plan": {
        "model": "ipus.plan",
        "change": admin_row(kipus=READ, ous=EDIT),
        "delete": NOBODY,
        "history": CASE_READ,
    },
    # Residents are shared: every KIPUS and the OUS update them, as in the pages.
    "person": {
        "model": "ipus.person",
        "change": admin_row(kipus=EDIT, ous=EDIT),
        "delete": NOBODY,
        "history": CASE_READ,
    },
    "centre_profile": {
        "model": "cus.centreprofile",
        "change": admin_row(kipus=READ, ous=READ, administrator=EDIT),
        "delete": NOBODY,
        "history": admin_row(kipus=READ, ous=READ, administrator=READ),
    },
    # Evidence: read by whom it is for, changed by nobody (a superuser neither).
    "access_log_entry": {
        "model": "cus.accesslog",
        "change": NOBODY,
        "delete": NOBODY,
        "history": NOBODY,
    },
    "role_change": {
        "model": "cus.rolechange",
        "change": ADMINISTRATOR_READS,
        "delete": NOBODY,
        "history": ADMINISTRATOR_READS,
    },
    # The register of authorisations: the administrator keeps it (the director in the pages).
    "authorisation": {
        "model": "cus.authorisation",
        "change": admin_row(administrator=EDIT),
        "delete": NOBODY,
        "history": ADMINISTRATOR_READS,
    },
    "account": {
        "model": "cus.user",
        "change": admin_row(administrator=EDIT),
        "delete": NOBODY,
        "history": ADMINISTRATOR_READS,
    },
    "group": {
        "model": "auth.group",
        "change": ADMINISTRATOR_READS,
        "delete": NOBODY,
        "history": ADMINISTRATOR_READS,
    },
    # A lost phone: the administrator removes the device.
    "totp_device": {
        "model": "otp_totp.totpdevice",
        "change": ADMINISTRATOR_READS,
        "delete": admin_row(administrator=DELETE),
        "history": ADMINISTRATOR_READS,
    },
    "static_device": {
        "model": "otp_static.staticdevice",
        "change": ADMINISTRATOR_READS,
        "delete": admin_row(administrator=DELETE),
        "history": ADMINISTRATOR_READS,
    },
    "programme": {"model": "services.programme", **CATALOGUE},
    "provider": {"model": "services.provider", **CATALOGUE},
    "service": {"model": "services.service", **CATALOGUE},
    "challenge": {"model": "services.challenge", **CATALOGUE},
    "target_group": {"model": "services.targetgroup", **CATALOGUE},
    # The law's list: read only.
    "statutory_area": {
        "model": "services.statutoryarea",
        "change": CASE_READ,
        "delete": NOBODY,
        "history": CASE_READ,
    },
    # Login throttling's records: nobody's in the admin.
    "access_attempt": {
        "model": "axes.accessattempt",
        "change": NOBODY,
        "delete": NOBODY,
        "history": NOBODY,
    },
    "access_failure": {
        "model": "axes.accessfailurelog",
        "change": NOBODY,
        "delete": NOBODY,
        "history": NOBODY,
    },
    "axes_log": {
        "model": "axes.accesslog",
        "change": NOBODY,
        "delete": NOBODY,
        "history": NOBODY,
    },
}
