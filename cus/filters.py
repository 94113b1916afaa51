import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from cus.choices import AccessAction
from cus.models import AccessLog, User
from cus.modules import PROJECT_APPS
from cus.widgets import speed_up_selects


class FilterSet(django_filters.FilterSet):
    """The project's filter sets: their selects render without a template per option."""

    @property
    def form(self):
        return speed_up_selects(super().form)


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
