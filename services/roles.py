"""What each role may do with the services app's models.

This app's slice of ``cus.modules.role_permissions()``; a data migration in this
app grants a frozen copy of it whenever it changes.
"""

from cus import roles

MODELS = (
    "programme",
    "programmegoal",
    "programmeentry",
    "provider",
    "service",
    "challenge",
    "targetgroup",
)
READ = {f"services.view_{model}" for model in MODELS} | {"services.view_statutoryarea"}
EDIT = {f"services.{action}_{model}" for model in MODELS for action in ("add", "change")}

PERMISSIONS: dict[str, set[str]] = {
    # The OUS keeps the catalogue; services are archived, never deleted.
    roles.OUS: READ | EDIT,
    roles.KIPUS: READ,
    roles.DIRECTOR: READ,
    roles.OSL: READ,
}
