"""``|filter_field`` renders a list filter's fields as crispy-forms would, only faster."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.http import QueryDict
from django.test.html import parse_html

from cus.filters import AccessLogFilter
from cus.models import AccessLog
from cus.templatetags.cus_forms import filter_field
from ipus.filters import PlanFilter
from ipus.models import Plan


def assert_same_as_crispy(form):
    for bound_field in form:
        assert parse_html(str(filter_field(bound_field))) == parse_html(
            str(as_crispy_field(bound_field))
        ), bound_field.name


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "action=view&date_from=2026-01-01", "action=zz&date_to=xx"])
def test_access_log_filter_matches_crispy(query):
    filterset = AccessLogFilter(QueryDict(query), queryset=AccessLog.objects.all())
    filterset.form.is_valid()
    assert_same_as_crispy(filterset.form)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "mine=on&status=active", "status=nie&q=Kowal"])
def test_plan_filter_with_checkbox_matches_crispy(query):
    filterset = PlanFilter(QueryDict(query), queryset=Plan.objects.all())
    filterset.form.is_valid()
    assert_same_as_crispy(filterset.form)


def test_required_field_help_text_and_fallback_widgets():
    class Form(forms.Form):
        name = forms.CharField(label="Nazwa", help_text="Pełna <b>nazwa</b>")
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    form = Form(data={"kind": "x"})
    form.is_valid()
    assert_same_as_crispy(form)
    assert 'aria-describedby="id_name_helptext id_name_error"' in str(filter_field(form["name"]))
