"""Template filters of the IPUS pages: the deadline badges (also the Jinja2 rows' filters,
cus/jinja2.py)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cus import plurals

register = template.Library()


@register.filter
def deadline_badge(status):
    """The plan's approval clock (cus.law ``ipus_approval_days``) as a badge; ``status`` is
    ``Plan.deadline_state()``.

    One element, so a filter rather than an included template: it is drawn on every row of
    the plan list.
    """
    state, days = status
    if state == "ok":
        return format_html(
            '<span class="badge text-bg-success">{}</span>', _("zatwierdzony w terminie")
        )
    if state == "late":
        text = _("zatwierdzony %(days)s po terminie")
        colour = "danger"
    elif state == "overdue":
        text = _("po terminie %(days)s")
        colour = "danger"
    else:
        text = _("na zatwierdzenie %(left)s %(days)s")
        colour = _countdown_colour(days)
    return _days_badge(colour, text, days)


def _countdown_colour(days):
    return "warning" if days <= 7 else "light"


def _days_badge(colour, text, days):
    """``text`` with "%(days)s" ("2 dni") and "%(left)s" ("zostają", agreeing with the count)."""
    words = {"days": plurals.counted(days, "dzień"), "left": plurals.plural(days, "zostaje")}
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, text % words)


@register.filter
def request_deadline_badge(item):
    """Days left to an open request's IPUS deadline as a badge (list, detail, KIPUS home);
    ``item`` is marked by ``Request.mark_deadlines``."""
    if item.days_overdue:
        return deadline_badge(("overdue", item.days_overdue))  # the same words as a plan's
    days = item.days_left_today
    return _days_badge(_countdown_colour(days), _("%(left)s %(days)s"), days)
