import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cus.filters import FilterSet, RowsChoiceFilter, name_rows
from services.models import Programme, Provider, Service, StatutoryArea, TargetGroup

FEE_CHOICES = (("free", _("bezpłatne")), ("paid", _("odpłatne")))
STATUS_CHOICES = (
    ("active", _("aktywne")),
    ("archived", _("zarchiwizowane")),
    ("all", _("wszystkie")),
)


class PublicServiceFilter(FilterSet):
    """What residents filter the public catalogue by."""

    q = django_filters.CharFilter(label=_("Szukaj"), method="filter_search")
    area = RowsChoiceFilter(
        label=_("Obszar"),
        field_name="areas",
        queryset=StatutoryArea.objects.all(),
        rows=name_rows,
    )
    target_group = RowsChoiceFilter(
        label=_("Dla kogo"),
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        rows=name_rows,
    )
    provider = RowsChoiceFilter(
        label=_("Realizator"),
        field_name="providers",
        queryset=Provider.objects.active(),
        rows=name_rows,
    )
    programme = RowsChoiceFilter(
        label=_("Program"), queryset=Programme.objects.all(), rows=name_rows
    )
    fee = django_filters.ChoiceFilter(
        label=_("Odpłatność"), choices=FEE_CHOICES, method="filter_fee"
    )

    class Meta:
        model = Service
        fields = ["q", "area", "target_group", "provider", "programme", "fee"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_fee(self, queryset, name, value):
        return queryset.filter(is_free=(value == "free"))


class ServiceFilter(PublicServiceFilter):
    """The staff list: the public filters plus archived services."""

    status = django_filters.ChoiceFilter(
        label=_("Stan"),
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label=None,
        widget=forms.Select,
    )
    provider = RowsChoiceFilter(
        label=_("Realizator"),
        field_name="providers",
        queryset=Provider.objects.all(),
        rows=name_rows,
    )

    class Meta(PublicServiceFilter.Meta):
        fields = [*PublicServiceFilter.Meta.fields, "status"]

    def __init__(self, data=None, *args, **kwargs):
        # Archived services are shown only on request.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("status"):
            data["status"] = "active"
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == "active":
            return queryset.filter(active=True)
        if value == "archived":
            return queryset.filter(active=False)
        return queryset
