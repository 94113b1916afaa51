"""The forms the project's pages hold, for tests that check every form a user can open.

``matrix_pages`` opens every page of the permission matrix as the first role that may open
it; ``page_forms`` lists the forms a response's context holds (forms, and the rows of
formsets with their empty row).
"""

from django import forms
from django.urls import reverse

from tests.security import permission_matrix as pm


def first_allowed_role(name):
    return next((role for role in pm.STAFF if pm.MATRIX[name][role] == pm.OK), None)


def matrix_urls(world):
    """(URL name, role, URL) for every page of the matrix that some staff role opens."""
    for name in pm.MATRIX:
        role = first_allowed_role(name)
        if role is not None:
            args = pm.URL_ARGS[name](world) if name in pm.URL_ARGS else []
            yield name, role, reverse(name, args=args)


def matrix_pages(client, people, world):
    """(URL name, role, URL, response) of every HTML page that some staff role opens."""
    for name, role, url in matrix_urls(world):
        client.force_login(people[role])
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            yield name, role, url, response


def context_values(response):
    for context in response.context or []:
        layers = context.flatten() if hasattr(context, "flatten") else context
        for value in layers.values():
            yield from value.values() if isinstance(value, dict) else [value]


def page_formsets(response):
    found = []
    for value in context_values(response):
        if isinstance(value, forms.BaseFormSet) and value not in found:
            found.append(value)
    return found


def page_forms(response):
    """Every form of the page: its forms and every row of its formsets, the empty row too."""
    found = []
    for value in context_values(response):
        if isinstance(value, forms.BaseFormSet):
            candidates = [*value.forms, value.empty_form]
        else:
            candidates = [value]
        found += [f for f in candidates if isinstance(f, forms.BaseForm) and f not in found]
    return found
