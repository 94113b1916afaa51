"""The list filters' selects: options read as rows (cus.filters.RowsChoiceFilter) say what
the models' __str__ says, the project's select template draws what Django's does, and
``|display`` in the Jinja2 rows is ``get_<field>_display()``."""

import re

import pytest
from django import forms
from django.apps import apps
from django.forms import renderers
from django.utils import translation
from django.utils.html import escape

from cus import filters as cus_filters
from cus.models import User
from cus.modules import PROJECT_APPS
from cus.rows import display
from ipus import filters as ipus_filters
from services import filters as services_filters
from services.models import Programme, TargetGroup
from tests.factories import UserFactory
from tests.services.factories import ProviderFactory

HOSTILE = '<b>Łódź & "Śródmieście"</b>'
FILTER_MODULES = (cus_filters, ipus_filters, services_filters)


def _filtersets():
    found, todo = [], [cus_filters.FilterSet]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            found.append(subclass)
    return found


def test_every_filter_set_of_the_project_is_a_jinja2_drawn_filter_set():
    """A filter set made from django_filters.FilterSet directly would draw its selects
    through Django's engine (two includes an option)."""
    import django_filters

    ours = set(_filtersets())
    for module in FILTER_MODULES:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, django_filters.FilterSet):
                assert value is cus_filters.FilterSet or value in ours, value


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_rows_choice_filter_offers_the_models_own_labels(language, kipus):
    """For every RowsChoiceFilter of every filter set: the options are exactly those a
    plain ModelChoiceField over the same queryset would offer (pk and __str__)."""
    UserFactory(username="a-login-only", first_name="", last_name="")
    UserFactory(username="a-named", first_name=HOSTILE, last_name="Żak")
    ProviderFactory(name=HOSTILE)
    Programme.objects.create(
        name="Program „Razem”", period_start="2026-01-01", period_end="2026-12-31", main_goal="-"
    )
    TargetGroup.objects.create(name="Seniorzy 60+")
    checked = 0
    with translation.override(language):
        for filterset_class in _filtersets():
            filterset = filterset_class({})
            for name, field in filterset.form.fields.items():
                if not isinstance(field, cus_filters.OptionRowsField):
                    continue
                expected = forms.ModelChoiceField(
                    queryset=field.queryset, empty_label=field.empty_label
                )
                got = [(str(value), str(label)) for value, label in field.choices]
                want = [(str(value), str(label)) for value, label in expected.choices]
                assert got == want, (filterset_class.__name__, name)
                assert len(got) > 1, (filterset_class.__name__, name)  # the test saw options
                checked += 1
    assert checked >= 7


@pytest.mark.django_db
def test_a_chosen_option_still_validates_against_the_queryset():
    inactive = UserFactory(username="k-gone", is_active=False)
    filterset = ipus_filters.PlanFilter({"coordinator": inactive.pk}, queryset=None)
    assert not filterset.form.is_valid()
    assert "coordinator" in filterset.form.errors
    any_user = cus_filters.AccessLogFilter({"user": inactive.pk}, queryset=None)
    assert any_user.form.is_valid()
    assert any_user.form.cleaned_data["user"] == inactive


def _normalised(html):
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "2", ["2", "a&b"]])
def test_the_projects_select_draws_what_djangos_jinja2_select_draws(value):
    choices = [
        ("", "---"),
        (1, HOSTILE),
        ("Grupa <1>", [(2, "Dwa"), ("a&b", "A i B")]),
        (3, "Trzy"),
    ]
    for widget in (
        forms.Select(choices=choices, attrs={"class": "form-select", "data-x": '"q"'}),
        forms.SelectMultiple(choices=choices, attrs={"required": True, "disabled": False}),
    ):
        ours = widget.render("pick", value, renderer=cus_filters.WIDGETS)
        djangos = widget.render("pick", value, renderer=renderers.Jinja2())
        assert _normalised(ours) == _normalised(djangos)
        assert "&lt;b&gt;" in ours and "<b>" not in ours


def _choice_fields():
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.concrete_fields:
                if field.choices and not field.is_relation:
                    yield model, field


@pytest.mark.parametrize("language", ["pl", "en"])
def test_display_is_get_field_display_for_every_choice_field_of_the_project(language):
    fields = list(_choice_fields())
    assert len(fields) > 10
    with translation.override(language):
        for model, field in fields:
            for value in [*(value for value, _label in field.flatchoices), "not-a-choice"]:
                instance = model(**{field.attname: value})
                want = getattr(instance, f"get_{field.name}_display")()
                assert display(instance, field.name) == want, (model, field.name, value)


def test_users_label_is_user_str():
    """user_rows writes User.__str__ out; this pins them together."""
    for first, last, username in [("Ala", "Kot", "u1"), ("", "", "u2"), (" ", "", "u3")]:
        user = User(first_name=first, last_name=last, username=username)
        (label,) = [
            label for _pk, label in cus_filters.user_rows(_Rows([(1, first, last, username)]))
        ]
        assert label == str(user)


class _Rows(list):
    def values_list(self, *fields):
        return self


@pytest.mark.django_db
def test_every_field_of_every_filter_set_draws_its_label_widget_and_errors(kipus):
    """filter_field.html (cus.filters.Widgets.field_template_name) draws every field of every
    filter set: a label for its widget, Bootstrap's classes on the widget, and each error in
    the element the widget's aria-describedby names — with impossible values in every field."""
    checked = 0
    for filterset_class in _filtersets():
        form = filterset_class(
            dict.fromkeys(filterset_class.base_filters, "\u0000<b>zła wartość</b>"),
            queryset=filterset_class._meta.model._default_manager.none(),
        ).form
        form.is_valid()
        for field in form:
            html = str(field.as_field_group())
            kind = field.widget_type
            assert f'<label for="{field.id_for_label}" class="form-' in html, (
                filterset_class,
                html,
            )
            css = {"checkbox": "form-check-input", "select": "form-select"}.get(
                kind, "form-control"
            )
            assert re.search(rf'<(input|select)[^>]* class="[^"]*\b{css}\b', html), html
            assert "<b>" not in html
            if field.errors:
                assert "is-invalid" in html
                target = re.search(r'aria-describedby="([^"]+)"', html).group(1)
                assert f'<div id="{target}" class="invalid-feedback">' in html, html
                for error in field.errors:
                    assert escape(error) in html
                checked += 1
    assert checked >= 5  # selects, dates and choices refused the value
