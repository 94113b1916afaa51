"""Authentication backend that reads a user's roles and permissions in one query.

Django's ModelBackend reads the user's own permissions and their groups' permissions
in two queries, and the menu then reads the group names in a third — on every page.
This backend reads all three at once the first time a request needs any of them, with
one fixed SQL statement (compiling the equivalent ORM union cost more than running it);
the answers are ModelBackend's (superusers and inactive users are left to it).
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

ROLE, PERMISSION = "role", "perm"


@cache
def _sql():
    user = get_user_model()
    user_groups = user.groups.through._meta.db_table
    user_permissions = user.user_permissions.through._meta.db_table
    group_permissions = Group.permissions.through._meta.db_table
    permission, group = Permission._meta.db_table, Group._meta.db_table
    content_type = ContentType._meta.db_table
    return f"""
        SELECT '{PERMISSION}', ct.app_label || '.' || p.codename
          FROM {permission} p JOIN {content_type} ct ON ct.id = p.content_type_id
         WHERE p.id IN (
               SELECT gp.permission_id FROM {group_permissions} gp
                 JOIN {user_groups} ug ON ug.group_id = gp.group_id WHERE ug.user_id = %s
               UNION
               SELECT up.permission_id FROM {user_permissions} up WHERE up.user_id = %s)
        UNION ALL
        SELECT '{ROLE}', g.name
          FROM {group} g JOIN {user_groups} ug ON ug.group_id = g.id WHERE ug.user_id = %s
    """


def load_access(user):
    """(role names, "app_label.codename" permissions) of a user, in one query."""
    roles, perms = set(), set()
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [user.pk, user.pk, user.pk])
        for kind, key in cursor.fetchall():
            (roles if kind == ROLE else perms).add(key)
    return frozenset(roles), perms


class RoleBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if (
            obj is not None
            or not user_obj.is_active
            or user_obj.is_anonymous
            or user_obj.is_superuser
            or not hasattr(user_obj, "access")
        ):
            return super().get_all_permissions(user_obj, obj)
        return user_obj.access[1]
