"""Template filters of the IPUS pages."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.defaulttags import CsrfTokenNode
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from cus.rows import day, object_url

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
        colour = _countdown_colour(days)
    return _days_badge(colour, text, days)


def _countdown_colour(days):
    return "warning" if days <= 7 else "light"


def _days_badge(colour, text, days):
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, text % {"days": days})


@register.simple_tag
def plan_rows(plans, today):
    """The plan list's rows (cus.rows: built in Python, ~10 ms less per page).

    ``plans`` come from ``Plan.objects.for_table()`` with ``deadline_status`` set.
    """
    return format_html_join("\n", "{}", ((_plan_row(plan, today),) for plan in plans))


def _plan_row(plan, today):
    version = plan.current_version
    coordinator = plan.coordinator
    if plan.status in plan.LIVE_STATUSES:
        due = plan.next_contact_due
        if due and due < today:
            contact = format_html('<span class="text-danger fw-bold">{}</span>', day(due))
        else:
            contact = format_html("<span>{}</span>", day(due))
    else:
        contact = "—"
    return format_html(
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}–{}</td>'
        '<td><span class="badge text-bg-{}">{}</span></td><td>{}</td><td>{}</td></tr>',
        object_url("ipus:plan-detail", plan.pk),
        plan.number or gettext("projekt"),
        plan.request.person,
        coordinator.get_full_name() or coordinator,
        day(version.valid_from) if version else "",
        day(version.valid_to) if version else "",
        plan.status_colour,
        plan.get_status_display(),
        deadline_badge(plan.deadline_status),
        contact,
    )


@register.simple_tag(takes_context=True)
def item_rows(context, items, deliveries=False, editable=False, card=False):
    """The rows of a plan's items table (ipus/includes/_items_table.html; cus.rows: built in
    Python). ``deliveries``: granted, used and remaining columns (items from
    ``delivery_summary``); ``editable``: change and delete buttons; ``card``: service card link.
    """
    csrf = CsrfTokenNode().render(context) if editable else ""
    return format_html_join(
        "\n",
        "{}",
        (
            (_item_row(number, item, deliveries, editable, card, csrf),)
            for number, item in enumerate(items, 1)
        ),
    )


def _item_row(number, item, deliveries, editable, card, csrf):
    flagged = getattr(item, "flagged", False)
    service = format_html("{}", item.service.name)
    if item.provider:
        service = format_html(
            '{}<br><span class="small text-muted">{}</span>', service, item.provider
        )
    if item.override_reason:
        service = format_html(
            '{}<br><span class="badge text-bg-warning" title="{}">{}</span>',
            service,
            item.override_reason,
            gettext("ponad limit (decyzja OUS)"),
        )
    cost = item.cost_per_unit
    if cost:
        payment = format_html("{} {}", localize(cost), gettext("zł/jedn."))
        if item.discount_percent:
            payment = format_html(
                "{} ({} {}%)", payment, gettext("ulga"), localize(item.discount_percent)
            )
    else:
        payment = gettext("bezpłatnie")
    units = ""
    if deliveries:
        units = format_html(
            "<td>{}</td><td>{}{}</td><td>{}</td>",
            localize(item.units_granted),
            # Blank, as the template's silent lookup was, on an item outside delivery_summary.
            localize(getattr(item, "units_used", "")),
            format_html(
                ' <span class="badge text-bg-danger">{}</span>', gettext("ponad harmonogram")
            )
            if flagged
            else "",
            localize(getattr(item, "units_remaining", "")),
        )
    actions = ""
    if editable:
        actions = format_html(
            # The spaces between the inline buttons are the template's line breaks: without
            # them "Zmień" and "Usuń" would touch.
            '<a class="btn btn-sm btn-outline-secondary" href="{}">{}</a> '
            '<form method="post" action="{}" class="d-inline">{}<button class="btn btn-sm '
            'btn-outline-danger" data-confirm="{}">{}</button></form>',
            object_url("ipus:item-update", item.pk),
            gettext("Zmień"),
            object_url("ipus:item-delete", item.pk),
            csrf,
            gettext("Usunąć tę usługę z projektu?"),
            gettext("Usuń"),
        )
    if card:
        actions = format_html(
            '{} <a class="btn btn-sm btn-outline-secondary" href="{}"><i class="bi bi-card-text" '
            'aria-hidden="true"></i> {}</a>',
            actions,
            object_url("ipus:item-card", item.pk),
            gettext("Karta usług"),
        )
    return format_html(
        '<tr{}><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td><td class="small">{}</td>'
        '<td>{}</td><td>{}</td>{}<td class="d-print-none text-nowrap">{}</td></tr>',
        mark_safe(' class="table-warning"') if flagged else "",
        localize(number),
        service,
        day(item.starts_on),
        day(item.ends_on),
        item.schedule,
        linebreaksbr(item.scope, autoescape=True),
        item.place,
        payment,
        units,
        actions,
    )


@register.simple_tag
def person_rows(persons):
    """The person search's rows (cus.rows: built in Python)."""
    return format_html_join(
        "\n",
        '<tr><td><a href="{}">{} {}</a></td><td>{}</td><td>{}</td></tr>',
        (
            (
                object_url("ipus:person-detail", person.pk),
                person.last_name,
                person.first_name,
                day(person.birth_date) or "—",
                person.address_line or "—",
            )
            for person in persons
        ),
    )


@register.filter
def request_deadline_badge(item):
    """Days left to an open request's IPUS deadline as a badge (list, detail, KIPUS home);
    ``item`` is marked by ``Request.mark_deadlines``."""
    if item.days_overdue:
        return deadline_badge(("overdue", item.days_overdue))  # the same words as a plan's
    days = item.days_left_today
    text = ngettext("zostaje %(days)s dzień", "zostaje %(days)s dni", days)
    return _days_badge(_countdown_colour(days), text, days)


@register.simple_tag
def request_rows(requests):
    """The request list's rows (cus.rows: built in Python); ``requests`` come from
    ``Request.objects.for_table()`` marked by ``Request.mark_deadlines``."""
    return format_html_join("\n", "{}", ((_request_row(item),) for item in requests))


def _request_row(item):
    coordinator = item.coordinator
    is_open = item.is_open
    return format_html(
        '<tr{}><td><a href="{}">{}</a></td><td>{}</td><td>{}</td>'
        '<td><span class="badge text-bg-{}">{}</span></td><td>{}</td></tr>',
        mark_safe(' class="table-danger"') if is_open and item.days_left_today < 0 else "",
        object_url("ipus:request-detail", item.pk),
        f"{timezone.localtime(item.received_at):%d.%m.%Y %H:%M}",
        item.person,
        coordinator.get_full_name() or coordinator,
        item.status_colour,
        item.get_status_display(),
        request_deadline_badge(item) if is_open else "—",
    )
