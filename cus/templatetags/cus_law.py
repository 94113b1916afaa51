"""The law's numbers in templates: ``{{ "ipus_approval_days"|law_period }}`` → "30 dni".

A builtin library (``TEMPLATES`` ``builtins``): every template has it, also those
rendered without a request (cached report tables, PDFs, e-mails), which context
processors never reach.
"""

from django import template

from cus import law

register = template.Library()


@register.filter
def law_value(name):
    """The number of a rule of cus/law.py: ``{{ "appeal_days"|law_value }}`` → 14."""
    return law.value(name)


@register.filter
def law_period(name):
    """The Polish words for it: ``{{ "appeal_days"|law_period }}`` → "14 dni"."""
    return law.period(name)
