"""Change history (django-simple-history) whose tables have Polish names.

simple_history names each history model "historical <verbose name>" in English, and
those names reach users: the admin, and the access log's "Rodzaj danych" select. The
project's models keep their history through this ``HistoricalRecords``.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history import models as simple_history


class HistoricalRecords(simple_history.HistoricalRecords):
    """simple_history's HistoricalRecords, named "wersja archiwalna: <model>"."""

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        if not self.user_set_verbose_name:
            options["verbose_name"] = format_lazy(
                _("wersja archiwalna: {name}"), name=model._meta.verbose_name
            )
        if not self.user_set_verbose_name_plural:
            options["verbose_name_plural"] = format_lazy(
                _("wersje archiwalne: {name}"), name=model._meta.verbose_name_plural
            )
        return options
