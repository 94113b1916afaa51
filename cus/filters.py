import django_filters
from django.contrib.contenttypes.models import ContentType
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from cus.choices import AccessAction
from cus.models import AccessLog, User
from cus.modules import PROJECT_APPS

# Django's own widget templates in their Jinja2 versions (django/forms/jinja2/). A list
# filter's selects of staff, data kinds and providers hold 50-60 options each in a large
# city; through Django's engine (two template includes an option) they made the access
# log and the staff catalogue ~20 ms a request slower, through Jinja2 ~4 ms (issue 21).
# Only filter forms: the admin's widgets exist as Django templates only.
WIDGETS = Jinja2()


class FilterSet(django_filters.FilterSet):
    """The project's filter sets: their widgets are drawn by Jinja2."""

    @property
    def form(self):
        form = super().form
        form.renderer = WIDGETS
        return form


class AccessLogFilter(FilterSet):
    """Who viewed what, when: the IOD's questions."""

    user = django_filters.ModelChoiceFilter(
        label=_("Pracownik"),
        queryset=User.objects.order_by("last_name", "first_name").only(
            "username", "first_name", "last_name"
        ),
    )
    content_type = django_filters.ModelChoiceFilter(
        label=_("Rodzaj danych"),
        # The project's own models (not a DISTINCT over millions of log rows).
        queryset=ContentType.objects.filter(app_label__in=PROJECT_APPS).order_by(
            "app_label", "model"
        ),
    )
    object_id = django_filters.CharFilter(label=_("Identyfikator rekordu"))
    action = django_filters.ChoiceFilter(label=_("Czynność"), choices=AccessAction.choices)
    date_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("Od dnia")
    )
    date_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("Do dnia")
    )

    class Meta:
        model = AccessLog
        fields = ["user", "content_type", "object_id", "action", "date_from", "date_to"]
