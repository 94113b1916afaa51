"""What each role may do with the services app's models.

This app's slice of ``cus.roles.role_permissions()``; a data migration in this
app grants a frozen copy of it whenever it changes.
"""

from cus import roles  # noqa: F401  (role names: roles.KIPUS, roles.OUS, …)

PERMISSIONS: dict[str, set[str]] = {}
