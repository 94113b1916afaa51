"""Template filters of the IPUS pages."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.filter
def deadline_badge(status):
    """The plan's 30-day approval clock as a badge; ``status`` is ``Plan.deadline_state()``.

    A filter, not an included template: it is drawn on every row of the plan list.
    """
    state, days = status
    if state == "ok":
        return format_html(
            '<span class="badge text-bg-success">{}</span>', gettext("zatwierdzony w terminie")
        )
    if state == "late":
        text = ngettext(
            "zatwierdzony %(days)s dzień po terminie",
            "zatwierdzony %(days)s dni po terminie",
            days,
        )
        colour = "danger"
    elif state == "overdue":
        text = ngettext("po terminie %(days)s dzień", "po terminie %(days)s dni", days)
        colour = "danger"
    else:
        text = ngettext(
            "na zatwierdzenie zostaje %(days)s dzień",
            "na zatwierdzenie zostaje %(days)s dni",
            days,
        )
        colour = "warning" if days <= 7 else "light"
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, text % {"days": days})
