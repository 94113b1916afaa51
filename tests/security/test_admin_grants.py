"""Segregation of duties (issue 22, finding 8): roles and the approval right in the user admin.

The approval right (cus.approve_ipus) goes only to an OUS; no account gives itself a role
that sees cases or the approval right; every change of roles is recorded with who made
it; an approver never approves or returns a plan they coordinate. Each rule is tried for
every role (cus.roles.ROLES), through the user admin's change page.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cus import grants, roles
from cus.choices import RoleChangeKind
from cus.models import RoleChange, User
from ipus import workflows
from ipus.choices import PlanStatus
from tests.factories import UserFactory, staff_account
from tests.ipus.conftest import add_seed_items, draft_plan
from tests.security.admin_pages import posted_back


def approval():
    app_label, codename = roles.APPROVE_IPUS.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def save_account(client, account, **changes):
    """The administrator's POST of ``account``'s change page, with ``changes`` put in."""
    url = reverse("admin:cus_user_change", args=[account.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, posted_back(page, **changes))


def fresh(user):
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_approval_right_goes_only_to_an_ous(client, administrator, role):
    account = staff_account(f"t-{role.lower()}-2", role)
    client.force_login(administrator)
    response = save_account(client, account, user_permissions=str(approval().pk))
    held = fresh(account).user_permissions.filter(pk=approval().pk).exists()
    if role == roles.OUS:
        assert response.status_code == 302
        assert held
        change = RoleChange.objects.get(user=account, kind=RoleChangeKind.PERMISSION)
        assert (change.name, change.granted, change.by) == (roles.APPROVE_IPUS, True, administrator)
    else:
        assert response.status_code == 200
        assert "tylko organizatorowi usług społecznych (OUS)" in response.content.decode()
        assert not held
        assert not RoleChange.objects.filter(user=account, kind=RoleChangeKind.PERMISSION)


def test_an_ous_losing_the_role_loses_the_approval_right_too(client, administrator, ous):
    ous.user_permissions.add(approval())
    client.force_login(administrator)
    response = save_account(client, ous, groups=[])
    assert response.status_code == 200  # the approval right would stay with a non-OUS
    assert fresh(ous).has_role(roles.OUS)
    response = save_account(client, ous, groups=[], user_permissions=[])
    assert response.status_code == 302
    account = fresh(ous)
    assert not account.has_role(roles.OUS) and not account.has_perm(roles.APPROVE_IPUS)
    removed = RoleChange.objects.filter(user=ous, granted=False, by=administrator)
    assert {(c.kind, c.name) for c in removed} == {
        (RoleChangeKind.ROLE, roles.OUS),
        (RoleChangeKind.PERMISSION, roles.APPROVE_IPUS),
    }


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_administrator_gives_itself_no_case_role(client, administrator, role):
    client.force_login(administrator)
    group = Group.objects.get(name=role)
    own_roles = [str(pk) for pk in administrator.groups.values_list("pk", flat=True)]
    response = save_account(client, administrator, groups=[*own_roles, str(group.pk)])
    has_it = fresh(administrator).groups.filter(pk=group.pk).exists()
    if role in roles.CASE_ROLES:
        assert response.status_code == 200
        assert "Nie możesz nadać sobie roli z dostępem do spraw mieszkańców" in (
            response.content.decode()
        )
        assert not has_it
    else:
        assert response.status_code == 302
        assert has_it


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_administrator_gives_another_account_any_role_and_it_is_recorded(
    client, administrator, role
):
    account = staff_account("t-nowy")
    client.force_login(administrator)
    group = Group.objects.get(name=role)
    assert save_account(client, account, groups=str(group.pk)).status_code == 302
    assert fresh(account).has_role(role)
    change = RoleChange.objects.get(user=account)
    assert (change.kind, change.name, change.granted, change.by) == (
        RoleChangeKind.ROLE,
        role,
        True,
        administrator,
    )


def test_the_administrator_gives_itself_no_approval_right(client, administrator):
    administrator.groups.add(Group.objects.get(name=roles.OUS))  # by another administrator
    client.force_login(administrator)
    groups = [str(pk) for pk in administrator.groups.values_list("pk", flat=True)]
    response = save_account(
        client, administrator, groups=groups, user_permissions=str(approval().pk)
    )
    assert response.status_code == 200
    assert "Nie możesz nadać sobie upoważnienia do zatwierdzania IPUS" in response.content.decode()
    assert not fresh(administrator).has_perm(roles.APPROVE_IPUS)


def test_the_rules_answer_for_every_role(db, administrator):
    """``grants.problems`` itself: approval × role, and self × case role."""
    other = staff_account("t-inny")
    for role in roles.ROLES:
        problems = grants.problems(administrator, other, {role}, {roles.APPROVE_IPUS})
        assert ("user_permissions" in problems) == (role != roles.OUS), role
        problems = grants.problems(administrator, administrator, {role}, set())
        assert ("groups" in problems) == (role in roles.CASE_ROLES), role
        assert grants.problems(administrator, other, {role}, set()) == {}
    superuser = UserFactory(username="t-root", is_superuser=True)
    assert grants.problems(superuser, superuser, {roles.KIPUS}, set()) == {}


def test_every_change_of_roles_is_recorded_however_it_is_made(db, kipus, ous):
    ous_group = Group.objects.get(name=roles.OUS)
    before = RoleChange.objects.count()
    kipus.groups.add(ous_group)  # a shell, a command: no one named
    ous_group.user_set.remove(kipus)  # the other side of the relation
    ous_group.user_set.remove(kipus)  # nothing there: nothing recorded
    with grants.changes_by(ous):
        kipus.user_permissions.add(approval())
        kipus.user_permissions.clear()
    kipus.groups.clear()
    rows = list(RoleChange.objects.order_by("pk")[before:])
    assert [(r.kind, r.name, r.granted, r.by) for r in rows] == [
        (RoleChangeKind.ROLE, roles.OUS, True, None),
        (RoleChangeKind.ROLE, roles.OUS, False, None),
        (RoleChangeKind.PERMISSION, roles.APPROVE_IPUS, True, ous),
        (RoleChangeKind.PERMISSION, roles.APPROVE_IPUS, False, ous),
        (RoleChangeKind.ROLE, roles.KIPUS, False, None),
    ]
    assert rows[2].label == "Może zatwierdzać IPUS (upoważnienie dyrektora)"


def test_the_role_history_is_shown_on_the_account_and_kept_from_everyone(
    client, administrator, ous
):
    ous.user_permissions.add(approval())
    client.force_login(administrator)
    page = client.get(reverse("admin:cus_user_change", args=[ous.pk]))
    assert "Historia ról i uprawnień" in page.content.decode()
    assert "Może zatwierdzać IPUS (upoważnienie dyrektora)" in page.content.decode()
    change = RoleChange.objects.get(user=ous, kind=RoleChangeKind.PERMISSION)
    client.force_login(UserFactory(username="t-root", is_superuser=True, is_staff=True))
    url = reverse("admin:cus_rolechange_change", args=[change.pk])
    assert client.post(url, {"name": "KIPUS", "granted": "on"}).status_code == 403
    assert (
        client.post(
            reverse("admin:cus_rolechange_delete", args=[change.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:cus_rolechange_add")).status_code == 403
    assert RoleChange.objects.get(pk=change.pk).name == roles.APPROVE_IPUS


@pytest.fixture
def submitted_plan(kipus, assessment, seed_services):
    plan = draft_plan(assessment, kipus)
    add_seed_items(plan.current_version, seed_services)
    workflows.submit_version(plan.current_version, kipus)
    plan.refresh_from_db()
    return plan


@pytest.mark.parametrize("second_role", [roles.OUS, roles.DIRECTOR])
def test_an_approver_never_approves_or_returns_a_plan_they_coordinate(
    client, kipus, submitted_plan, second_role
):
    kipus.groups.add(Group.objects.get(name=second_role))
    if second_role == roles.OUS:
        kipus.user_permissions.add(approval())
    coordinator = fresh(kipus)
    assert coordinator.has_perm(roles.APPROVE_IPUS)
    version = submitted_plan.current_version
    client.force_login(coordinator)
    page = client.get(reverse("ipus:version-detail", args=[version.pk])).content.decode()
    assert reverse("ipus:version-approve", args=[version.pk]) not in page
    assert "Ten plan koordynujesz" in page
    for name, data in (("ipus:version-approve", {}), ("ipus:version-return", {"note": "x"})):
        response = client.post(reverse(name, args=[version.pk]), data, follow=True)
        assert "Nie zatwierdzasz ani nie zwracasz planu, który koordynujesz" in (
            response.content.decode()
        )
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.SUBMITTED and submitted_plan.number is None
    with pytest.raises(workflows.PlanError):
        workflows.approve_version(version, coordinator)


def test_the_director_still_approves_another_coordinators_plan(client, director, submitted_plan):
    client.force_login(director)
    client.post(reverse("ipus:version-approve", args=[submitted_plan.current_version.pk]))
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.APPROVED
