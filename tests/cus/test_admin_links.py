"""The admin shows a role only links it may open.

For every role that works in the admin, every model page it may open (change list,
add page, the change page of each demo record) is read, and every admin link on it
is followed: none may answer 403 or 404. (Django links read-only foreign keys and
raw-id inputs to the related record unchecked: a KIPUS was shown user accounts, on
change pages and on the pages of a record's recorded versions.)
"""

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from cus import roles
from tests.factories import UserFactory

HREF = re.compile(r'href="(/admin/[^"#]*)"')


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ADMIN_SITE_ROLES)
def test_every_admin_link_shown_to_a_role_opens_for_it(client, seed_demo, role):
    seed_demo()
    someone = UserFactory(username="t-someone")
    client.force_login(UserFactory(username=f"t-admin-{role}", role=role, is_staff=True))
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if client.get(changelist).status_code != 200:
            continue
        pages.append(changelist)
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        for pk in model_admin.get_queryset(_request_for(client)).values_list("pk", flat=True)[:2]:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]))
            # Its history, with who changed it, and a recorded version of it.
            if isinstance(model_admin, SimpleHistoryAdmin):
                model.history.filter(**{opts.pk.attname: pk}).update(history_user=someone)
                pages.append(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
                )
                version = model.history.filter(**{opts.pk.attname: pk}).first()
                if version is not None:
                    pages.append(
                        reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_simple_history",
                            args=[pk, version.history_id],
                        )
                    )
    shown = {}
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue
        for raw in HREF.findall(response.content.decode()):
            # One link per address: a list's sort orders and filters are the same page;
            # a raw-id lookup (?_to_field=) is a page of its own.
            href = raw.replace("&amp;", "&")
            path = href if "_to_field=" in href else href.split("?")[0]
            if "/logout/" not in path:
                shown.setdefault(path, page)
    broken = [
        f"{href} (on {page}): {status}"
        for href, page in sorted(shown.items())
        if (status := client.get(href).status_code) in (403, 404)
    ]
    assert not broken, "\n".join(broken)


def _request_for(client):
    """A request of the logged-in user, for the model admins' own querysets."""
    from django.test import RequestFactory

    from cus.models import User

    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(pk=client.session["_auth_user_id"])
    return request


@pytest.mark.django_db
def test_a_recorded_version_cannot_be_restored_in_the_admin(client, seed_demo):
    """Restoring a version would write statuses and numbers back around the workflows."""
    from ipus.models import Plan

    seed_demo()
    client.force_login(UserFactory(username="t-admin-kipus", role=roles.KIPUS, is_staff=True))
    plan = Plan.objects.exclude(number="").order_by("pk").first()
    oldest = plan.history.order_by("history_date").first()
    url = reverse("admin:ipus_plan_simple_history", args=[plan.pk, oldest.history_id])
    page = client.get(url)
    assert page.status_code == 200 and "Przywróć" not in page.content.decode()
    before = Plan.objects.filter(pk=plan.pk).values().get()
    assert client.post(url, {"status": oldest.status, "number": ""}).status_code == 403
    assert Plan.objects.filter(pk=plan.pk).values().get() == before
