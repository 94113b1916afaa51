"""Django strings its Polish catalogue does not translate yet; ours (LOCALE_PATHS) does.

Listed here so ``make messages`` keeps them in locale/pl.
"""

from django.utils.translation import gettext_noop

MISSING_FROM_DJANGO = (
    # The empty choice of select boxes (new in Django 6.1).
    gettext_noop("- Select an option -"),
)
