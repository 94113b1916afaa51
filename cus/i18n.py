"""Django strings its Polish catalogue does not translate yet; ours (LOCALE_PATHS) does.

Listed here so ``make messages`` keeps them in locale/pl.
"""

from django.utils.translation import gettext_noop

MISSING_FROM_DJANGO = (
    # The empty choice of select boxes (new in Django 6.1).
    gettext_noop("- Select an option -"),
)

# Django admin's titles and messages put a model's name into a sentence whose Polish needs
# another case ("Dodaj użytkownik", "Pomyślnie usunięto 5 użytkownicy"). Our catalogue
# words them so the name stands alone, in the nominative it has.
ADMIN_WITHOUT_DECLENSION = (
    gettext_noop("Add %s"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Select %s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
)
