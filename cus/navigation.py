"""The main menu: each app registers its entries; each user sees only what they may use.

Apps call ``register()`` from ``AppConfig.ready()``. An entry is shown when the
user holds its permission (if any) and one of its roles (if any).
"""

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    """One entry of the main menu."""

    label: str
    url_name: str
    icon: str
    permission: str | None = None
    roles: tuple[str, ...] = ()
    staff_only: bool = False
    order: int = 100

    def visible_to(self, user):
        if not user.is_authenticated:
            return False
        if self.staff_only and not user.is_staff:
            return False
        if self.permission and not user.has_perm(self.permission):
            return False
        return not self.roles or user.is_superuser or user.has_role(*self.roles)

    @property
    def namespace(self):
        return self.url_name.split(":")[0] if ":" in self.url_name else ""


_registry: list[NavItem] = []


def register(*items):
    for item in items:
        if item not in _registry:
            _registry.append(item)
    _registry.sort(key=lambda item: item.order)


@functools.cache
def _url(url_name, script_prefix):
    return reverse(url_name)


def menu_url(url_name):
    """``reverse(url_name)`` of an argument-less page, reversed once per script prefix.

    Every page showed a dozen menu links, each a ``reverse()`` (~40 µs) on every request.
    """
    return _url(url_name, get_script_prefix())


def items_for(user, current_url_name=""):
    """Menu entries for ``user`` as dicts ready for the template."""
    return [
        {
            "label": item.label,
            "url": menu_url(item.url_name),
            "icon": item.icon,
            "active": item.url_name == current_url_name,
        }
        for item in _registry
        if item.visible_to(user)
    ]


register(
    NavItem(_("Pulpit"), "cus:home", "house", order=0),
    NavItem(
        _("Dziennik dostępu"),
        "cus:accesslog-list",
        "journal-text",
        "cus.view_accesslog",
        order=900,
    ),
    NavItem(
        _("Profil centrum"),
        "cus:centre-profile",
        "building",
        "cus.change_centreprofile",
        order=910,
    ),
    NavItem(
        _("Weryfikacja dokumentu"),
        "cus:document-verify",
        "patch-check",
        "cus.view_storeddocument",
        order=800,
    ),
    NavItem(
        _("Upoważnienia"),
        "cus:authorisation-list",
        "pen",
        "cus.view_authorisation",
        order=920,
    ),
    NavItem(_("Panel administracyjny"), "admin:index", "gear", staff_only=True, order=990),
)
