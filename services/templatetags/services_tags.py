"""Template tags of the catalogue pages."""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from cus.rows import object_url

register = template.Library()


@register.simple_tag
def service_rows(services):
    """The staff catalogue's rows (cus.rows: built in Python, ~10 ms less per page).

    ``services`` come from ``Service.objects.for_table()`` with their names attached
    (``attach_table_names``).
    """
    archived = format_html(' <span class="badge text-bg-secondary">{}</span>', gettext("archiwum"))
    free, currency = gettext("bezpłatna"), gettext("zł")
    return format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a>{}</td><td class="small">{}</td><td class="small">{}</td>'
        '<td class="small">{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                object_url("services:service-detail", service.pk),
                service.name,
                "" if service.active else archived,
                service.area_names,
                service.target_group_names,
                service.provider_names,
                service.get_unit_display(),
                free if service.is_free else f"{localize(service.price_per_unit)} {currency}",
            )
            for service in services
        ),
    )
