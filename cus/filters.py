from pathlib import Path

import django_filters
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.forms import renderers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import fields

from cus import access
from cus.choices import AccessAction
from cus.models import AccessLog, User
from cus.modules import PROJECT_APPS


class Widgets(renderers.Jinja2):
    """Django's widget templates in their Jinja2 versions (django/forms/jinja2/), with the
    select from templates/jinja2/widgets/ in front: its options inline, not one include
    each (63 options: 1.5 -> 0.5 ms). A list filter's selects of staff, data kinds and
    providers hold 50-60 options each in a large city; through Django's engine (two
    includes an option) they made the access log and the staff catalogue ~20 ms a
    request slower (issue 21). Only filter forms: the admin's widgets are Django's.

    A field's label, errors and help text come from filter_field.html (`{{ field.as_field_group }}`
    in the page): the Bootstrap markup crispy-forms would give, without its Django templates."""

    field_template_name = "filter_field.html"

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates" / "jinja2" / "widgets",
                    Path(renderers.__file__).parent / "jinja2",
                ],
                "NAME": "filterwidgets",
                "OPTIONS": {},
            }
        )


WIDGETS = Widgets()


class FilterSet(django_filters.FilterSet):
    """The project's filter sets: their widgets are drawn by Jinja2."""

    @property
    def form(self):
        form = super().form
        form.renderer = WIDGETS
        return form


class OptionRows(fields.ModelChoiceIterator):
    """A select's options as (pk, label) rows read by the field's `rows` function: no
    model instance and no __str__ an option (62 data kinds: 2.7 -> 0.7 ms)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.field.rows(self.queryset)


class OptionRowsField(fields.ModelChoiceField):
    iterator = OptionRows

    def __init__(self, *args, rows, **kwargs):
        self.rows = rows
        super().__init__(*args, **kwargs)


class RowsChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter whose options come from `rows(queryset)`, e.g. `name_rows`.
    Choosing still validates against the queryset (one get by primary key)."""

    field_class = OptionRowsField


def name_rows(queryset):
    """Options labelled by the `name` column (what __str__ of these models returns)."""
    return queryset.values_list("pk", "name")


def user_rows(queryset):
    """Staff labelled as User.__str__ does: full name, else the login."""
    for pk, first_name, last_name, username in queryset.values_list(
        "pk", "first_name", "last_name", "username"
    ):
        yield pk, f"{first_name} {last_name}".strip() or username


def content_type_rows(queryset):
    """Data kinds labelled as ContentType.__str__ does ("app | model"), in the active
    language, from the model registry instead of an instance each."""
    for pk, app_label, model_name in queryset.values_list("pk", "app_label", "model"):
        try:
            meta = apps.get_model(app_label, model_name)._meta
        except LookupError:  # a model removed since its row was written
            yield pk, f"{app_label} | {model_name}"
        else:
            yield pk, f"{meta.app_config.verbose_name} | {meta.verbose_name}"


class AccessLogFilter(FilterSet):
    """Who viewed what, when, and who read this person's data: the IOD's questions.

    ``person`` finds every read of one resident's data, whichever record was read
    (person, request, assessment, plan, version, item …): each row names its resident
    (AccessLog.person_id, filled by cus.access)."""

    person = django_filters.CharFilter(
        label=_("Osoba (PESEL, nazwisko lub identyfikator)"),
        method="filter_person",
        max_length=100,
    )

    user = RowsChoiceFilter(
        label=_("Pracownik"),
        queryset=User.objects.order_by("last_name", "first_name"),
        rows=user_rows,
    )
    content_type = RowsChoiceFilter(
        label=_("Rodzaj danych"),
        rows=content_type_rows,
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
        fields = ["person", "user", "content_type", "object_id", "action", "date_from", "date_to"]

    def filter_person(self, queryset, name, value):
        text = value.strip()
        if text.isdigit() and len(text) != 11:  # an id; eleven digits are a PESEL
            return queryset.filter(person_id=int(text)) if len(text) <= 18 else queryset.none()
        return queryset.filter(person_id__in=access.residents_matching(text))
