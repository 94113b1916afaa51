"""The Jinja2 environment of the busiest list rows (TEMPLATES' second engine, templates/jinja2/).

Jinja2 compiles a template to Python: 25 rows of the plan list take ~1.2 ms, against
~3.8 ms through Django's engine (issue 21). The hot tables draw their rows from Jinja2
templates, called from the Django templates by ``{% jinja %}`` (cus_tags); Django's
engine stays the default for everything else.

The rows see the same helpers the Django templates have: Django's translations
(``_()``, ``gettext``, ``ngettext``, ``{% trans %}``), ``|localize``, ``|floatformat``,
``|linebreaksbr``, ``|localtime``, ``|counted("plan")`` / ``|number`` (cus/plurals.py), ``|day`` (``|date:"d.m.Y"``), ``|display("field")``
(``get_field_display()``), ``object_url()`` and the apps' badge filters.
"""

import jinja2
from django.template.defaultfilters import floatformat, linebreaksbr
from django.utils.formats import localize
from django.utils.module_loading import import_string
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext

from cus import plurals
from cus.markup import render_markup
from cus.rows import day, display, object_url

# The apps' own filters, named by dotted path as cus/urls.py names their URLconfs: cus
# imports no domain app. The same functions are the Django templates' filters.
APP_FILTERS = {
    "deadline_badge": "ipus.templatetags.ipus_tags.deadline_badge",
    "request_deadline_badge": "ipus.templatetags.ipus_tags.request_deadline_badge",
}


def environment(**options):
    # A misspelt name fails loudly (in the suite) instead of printing nothing; a row that
    # may lack an attribute says so with ``is defined``.
    options["undefined"] = jinja2.StrictUndefined
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True, **options
    )
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters.update(
        counted=plurals.counted,
        number=plurals.number,
        plural=plurals.plural,
        day=day,
        display=display,
        floatformat=floatformat,
        linebreaksbr=linebreaksbr,
        localize=localize,
        localtime=localtime,
        markup=render_markup,
    )
    env.filters.update({name: import_string(path) for name, path in APP_FILTERS.items()})
    env.globals["object_url"] = object_url
    return env
