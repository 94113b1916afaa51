"""Data for the role sections of the start page.

``cus`` imports no domain app: each app registers a function giving the data
its sections show (``register(role, function)`` from ``AppConfig.ready``).
HomeView calls only the functions of the user's roles, so a role pays only
for its own numbers.
"""

_providers: list[tuple[str, object]] = []


def register(role, function):
    """``function(user) -> dict`` is merged into the start page's context for ``role``."""
    if (role, function) not in _providers:
        _providers.append((role, function))


def context_for(user):
    context = {}
    for role, function in _providers:
        if user.is_superuser or user.has_role(role):
            context.update(function(user))
    return context
