"""Roles of the centre's staff and what each may do.

A role is a Django group. ``cus.modules.role_permissions()`` is the single table
of which permissions each group holds, assembled from one slice per app
(``PERMISSIONS`` here and in ``<app>/roles.py``). Each app's data migration grants
a frozen copy of its slice (``grant``); a test checks that the groups in the
database match the table. Plain data: this module imports nothing of the project.
"""

from django.utils.translation import gettext_lazy as _

KIPUS = "KIPUS"
OUS = "OUS"
OSL = "OSL"
DIRECTOR = "Dyrektor"
ANIMATOR = "Animator"
IOD = "IOD"
ADMINISTRATOR = "Administrator"

ROLES = (KIPUS, OUS, OSL, DIRECTOR, ANIMATOR, IOD, ADMINISTRATOR)

ROLE_LABELS = {
    KIPUS: _("Koordynator indywidualnych planów usług społecznych (KIPUS)"),
    OUS: _("Organizator usług społecznych (OUS)"),
    OSL: _("Organizator społeczności lokalnej (OSL)"),
    DIRECTOR: _("Dyrektor CUS"),
    ANIMATOR: _("Animator"),
    IOD: _("Inspektor ochrony danych (IOD)"),
    ADMINISTRATOR: _("Administrator systemu"),
}

# The director's authorisation to approve IPUS; the director holds it and it
# can be granted to an individual OUS user (and to no one else: cus.grants).
APPROVE_IPUS = "cus.approve_ipus"
APPROVAL_HOLDER_ROLE = OUS

# The permissions given to individual accounts, by name.
PERMISSION_LABELS = {APPROVE_IPUS: _("Może zatwierdzać IPUS (upoważnienie dyrektora)")}

# The roles that see residents' cases (DESIGN.md, data protection). No account gives
# one of them to itself (cus.grants), and only the OUS reassigns a case's coordinator.
CASE_ROLES = (KIPUS, OUS, DIRECTOR)

# The register of authorisations to sign in the director's name (KPA art. 268a): kept by the
# director and the administrator.
AUTHORISATION_REGISTER = (
    "cus.view_authorisation",
    "cus.add_authorisation",
    "cus.change_authorisation",
)

# The core app's slice of the table; every app keeps its own slice in
# ``<app>/roles.py`` as ``PERMISSIONS``; ``cus.modules.role_permissions()`` is their union.
PERMISSIONS = {
    KIPUS: {
        "cus.view_centreprofile",
        "cus.view_storeddocument",
    },
    OUS: {
        "cus.view_centreprofile",
        "cus.view_storeddocument",
    },
    OSL: {
        "cus.view_centreprofile",
    },
    DIRECTOR: {
        "cus.view_centreprofile",
        "cus.view_storeddocument",
        APPROVE_IPUS,
        *AUTHORISATION_REGISTER,
    },
    ANIMATOR: set(),
    IOD: {
        "cus.view_accesslog",
        "cus.view_centreprofile",
    },
    ADMINISTRATOR: {
        "cus.view_centreprofile",
        "cus.change_centreprofile",
        "cus.add_user",
        "cus.change_user",
        "cus.view_user",
        "cus.view_rolechange",
        *AUTHORISATION_REGISTER,
        "auth.view_group",
        # Resetting a user's second factor (lost phone): see and remove devices.
        "otp_totp.view_totpdevice",
        "otp_totp.delete_totpdevice",
        "otp_static.view_staticdevice",
        "otp_static.delete_staticdevice",
    },
}


# Roles whose members work in the Django admin (seed_demo sets is_staff for them).
ADMIN_SITE_ROLES = (KIPUS, OUS, ADMINISTRATOR)


def grant(apps, table):
    """Give each group in ``table`` its permissions; used by data migrations.

    Missing permissions are created first, because Django creates model
    permissions only after all migrations have run.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    assign_permissions(apps, table)


def assign_permissions(apps, table):
    """Give each group in ``table`` (created if missing) its permissions, which must exist."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in table.items():
        group, _created = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
