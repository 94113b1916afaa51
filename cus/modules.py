"""The project's own apps and the modules each of them contributes.

A project app may have ``roles.py`` (its slice of the permissions table), ``demo.py``
(demo data), ``load.py`` (load-test data) and ``bench.py`` (pages bench/run drives).
The role table and the management commands find them here, app by app in dependency
order, so ``cus`` never names a domain app's module. Of the project this module
imports only ``cus.roles`` (plain data), so ``cus.apps`` and the commands use it
without an import cycle.
"""

from importlib import import_module

from cus import roles

# The project's own apps, in dependency order.
PROJECT_APPS = ("cus", "services", "ipus", "osl")


def project_modules(submodule):
    """Yield ``<app>.<submodule>`` for each project app that has one (demo, bench…)."""
    for label in PROJECT_APPS:
        name = f"{label}.{submodule}"
        try:
            yield import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


def role_permissions():
    """The whole table: role → set of "app_label.codename" permissions.

    The union of the ``PERMISSIONS`` slice in every app's ``roles.py``, ``cus.roles``
    among them.
    """
    table = {role: set() for role in roles.ROLES}
    for module in project_modules("roles"):
        for role, perms in module.PERMISSIONS.items():
            table[role] |= set(perms)
    return table
