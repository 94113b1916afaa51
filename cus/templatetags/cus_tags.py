"""Tags of every page: ``{% jinja %}`` draws the busiest rows, ``{% menu_link %}`` the header."""

import re

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from cus.navigation import menu_url

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, template_name, **values):
    """``{% jinja "ipus/rows/plans.html" plans=object_list today=today %}``: a Jinja2
    template of templates/jinja2/ (cus/jinja2.py) rendered with ``values`` and, when
    the page has one, the request (``csrf_input`` for the rows' forms)."""
    rows = engines["jinja2"].get_template(template_name)
    return mark_safe(rows.render(values, request=context.get("request")))  # autoescaped


@register.simple_tag
def menu_link(url_name):
    """``{% url url_name %}`` of an argument-less page, reversed once per process
    (``cus.navigation.menu_url``): the links of every page's header."""
    return menu_url(url_name)


@register.inclusion_tag("includes/_form_errors.html")
def error_summary(form, *formsets):
    """``{% error_summary form rows %}``: the summary of the form's errors and of its formsets'
    rows (includes/_form_errors.html); a page without formsets includes the template itself."""
    formsets = [formset for formset in formsets if formset]  # a page may have none yet
    return {
        "form": form,
        "formsets": formsets,
        "formsets_invalid": any(
            formset.is_bound and not formset.is_valid() for formset in formsets
        ),
    }


# Abbreviations a Polish address or letterhead never ends a line with.
_ABBREVIATION = re.compile(r"\b(ul\.|al\.|pl\.|os\.|nr|tel\.)\s+", re.IGNORECASE)


@register.filter(is_safe=True)
def keep_abbreviations(text):
    """``{{ address|keep_abbreviations }}``: a no-break space after "ul.", "al.", "pl.",
    "os.", "nr" and "tel.", so the street stays on the abbreviation's line."""
    return _ABBREVIATION.sub("\\1\u00a0", str(text or ""))


@register.filter
def tel_uri(phone):
    """``<a href="tel:{{ phone|tel_uri }}">``: the number's digits and a leading +."""
    text = str(phone or "").strip()
    digits = "".join(c for c in text if c.isdigit())
    return f"+{digits}" if text.startswith("+") else digits
