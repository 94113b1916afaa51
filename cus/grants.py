"""Segregation of duties: who may hold which role, and the record of every change of roles.

Two rules (DESIGN.md, "Who uses it"): the director's approval right (``cus.approve_ipus``)
goes to an individual account only when it is an OUS; no account gives itself a role
that sees residents' cases or the approval right (the administrator keeps users and
roles, not cases). ``problems`` checks a proposed set of roles against them; the user
admin's form shows its messages at the fields.

Every role and individual permission given or taken away is written as a
``RoleChange`` row, from Django's m2m signals, so a change made in the admin, by a
command or in a shell is recorded alike; ``changes_by`` names who made it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from cus import roles
from cus.choices import RoleChangeKind
from cus.models import RoleChange, User

_acting = ContextVar("cus_grants_by", default=None)


@contextmanager
def changes_by(user):
    """Record the role changes made inside the block as made by ``user``."""
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def held_by(account):
    """(role names, individual permissions as "app_label.codename") ``account`` holds now."""
    if account.pk is None:
        return set(), set()
    role_names = set(account.groups.values_list("name", flat=True))
    permissions = {
        f"{app_label}.{codename}"
        for app_label, codename in account.user_permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    return role_names, permissions


def problems(editor, account, role_names, permissions):
    """What is wrong with ``editor`` giving ``account`` these roles and individual permissions.

    ``{"groups" | "user_permissions": message}``; empty when both rules hold.
    """
    errors = {}
    role_names, permissions = set(role_names), set(permissions)
    if roles.APPROVE_IPUS in permissions and roles.APPROVAL_HOLDER_ROLE not in role_names:
        errors["user_permissions"] = _(
            "Upoważnienie dyrektora do zatwierdzania IPUS można nadać tylko organizatorowi "
            "usług społecznych (OUS). Nadaj najpierw rolę OUS albo odbierz upoważnienie."
        )
    if account.pk is not None and account.pk == editor.pk and not editor.is_superuser:
        held_roles, held_permissions = held_by(account)
        given = sorted((role_names - held_roles) & set(roles.CASE_ROLES))
        if given:
            errors["groups"] = _(
                "Nie możesz nadać sobie roli z dostępem do spraw mieszkańców (%(roles)s). "
                "Zrobi to inny administrator, a zmiana zostanie zapisana w historii ról."
            ) % {"roles": ", ".join(given)}
        if roles.APPROVE_IPUS in permissions - held_permissions:
            errors["user_permissions"] = _(
                "Nie możesz nadać sobie upoważnienia do zatwierdzania IPUS."
            )
    return errors


def _names(model, pks):
    if model is Group:
        return dict(Group.objects.filter(pk__in=pks).values_list("pk", "name"))
    return {
        pk: f"{app_label}.{codename}"
        for pk, app_label, codename in Permission.objects.filter(pk__in=pks).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }


def _record(kind, target_model, through, instance, action, reverse, pk_set):
    """Write the RoleChange rows of one m2m change of users' roles or permissions."""
    target_field = "group_id" if target_model is Group else "permission_id"
    if reverse:  # group.user_set.add(user), permission.user_set.remove(...)
        links = {"user_id__in": pk_set or (), target_field: instance.pk}
    else:
        links = {"user_id": instance.pk, f"{target_field}__in": pk_set or ()}
    if action in ("pre_remove", "pre_clear"):
        # Remember what is really there: removing an absent row changes nothing.
        if action == "pre_clear":
            links.pop("user_id__in" if reverse else f"{target_field}__in")
        instance._cus_removed = list(
            through.objects.filter(**links).values_list("user_id", target_field)
        )
        return
    if action == "post_add":
        pairs = [(pk, instance.pk) if reverse else (instance.pk, pk) for pk in pk_set]
        granted = True
    elif action in ("post_remove", "post_clear"):
        pairs, granted = getattr(instance, "_cus_removed", []), False
        instance._cus_removed = []
    else:
        return
    if not pairs:
        return
    names = _names(target_model, {target for _user, target in pairs})
    by = _acting.get()
    RoleChange.objects.bulk_create(
        RoleChange(
            user_id=user_id,
            kind=kind,
            name=names.get(target, str(target)),
            granted=granted,
            by=by if by is not None and by.is_authenticated else None,
        )
        for user_id, target in pairs
    )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="cus.grants.roles")
def _roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    _record(RoleChangeKind.ROLE, Group, sender, instance, action, reverse, pk_set)


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="cus.grants.perms")
def _permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    _record(RoleChangeKind.PERMISSION, Permission, sender, instance, action, reverse, pk_set)
