"""The fast select renders what Django's template-based select renders (bar whitespace)."""

import pytest
from django import forms
from django.test.html import parse_html

from cus.widgets import FastSelect, FastSelectMultiple, speed_up_selects

CHOICES = [
    ("", "---------"),
    ("a", "Ala & <Ola>"),
    (2, 'cudzysłów "x"'),
    ("Grupa", [("g1", "żółć"), ("g2", "łódź")]),
]


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, None),
        ("a", {"class": "form-select", "id": "id_x"}),
        (2, {"required": True, "disabled": False}),
        ("g2", {"data-x": "<script>"}),
    ],
)
def test_fast_select_matches_django_select(value, attrs):
    slow = forms.Select(choices=CHOICES).render("pole", value, attrs)
    fast = FastSelect(choices=CHOICES).render("pole", value, attrs)
    assert parse_html(fast) == parse_html(slow)  # same elements, attributes, text


def test_fast_select_multiple_matches_django():
    slow = forms.SelectMultiple(choices=CHOICES).render("pole", ["a", "g1"], {"id": "m"})
    fast = FastSelectMultiple(choices=CHOICES).render("pole", ["a", "g1"], {"id": "m"})
    assert parse_html(fast) == parse_html(slow)  # same elements, attributes, text


def test_speed_up_selects_swaps_only_plain_selects():
    class Form(forms.Form):
        one = forms.ChoiceField(choices=CHOICES)
        many = forms.MultipleChoiceField(choices=CHOICES)
        radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)

    form = speed_up_selects(Form())
    assert type(form.fields["one"].widget) is FastSelect
    assert type(form.fields["many"].widget) is FastSelectMultiple
    assert type(form.fields["radio"].widget) is forms.RadioSelect
    # The class's own fields are untouched (each form has copies).
    assert type(Form.base_fields["one"].widget) is forms.Select


@pytest.mark.django_db
def test_fast_select_matches_django_for_model_choices_and_safe_labels():
    from django.utils.safestring import mark_safe

    from cus.models import User

    User.objects.create(username="anna", first_name="Anna", last_name="Żak & <s>")
    User.objects.create(username="bolek")
    field = forms.ModelChoiceField(queryset=User.objects.order_by("username"))
    chosen = str(User.objects.get(username="bolek").pk)
    slow = forms.Select(choices=field.choices).render("u", chosen, {"id": "u"})
    fast = FastSelect(choices=field.choices).render("u", chosen, {"id": "u"})
    assert parse_html(fast) == parse_html(slow)
    safe = [("x", mark_safe("<b>gruby</b>")), ("", [("y", "bez nazwy grupy")])]
    assert parse_html(FastSelect(choices=safe).render("s", "y")) == parse_html(
        forms.Select(choices=safe).render("s", "y")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["pl", "en"])
def test_registered_models_render_their_options_from_values_as_from_instances(language):
    """Every select of the filter forms whose model is in VALUE_LABELS: same HTML as
    Django's instance-per-option rendering, with one query and no model instances."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from cus import roles
    from cus.filters import AccessLogFilter
    from cus.models import User
    from cus.widgets import VALUE_LABELS
    from ipus.filters import PlanFilter
    from ipus.models import Plan
    from services.filters import PublicServiceFilter, ServiceFilter
    from services.models import Programme, Provider, TargetGroup

    kipus = Group.objects.get(name=roles.KIPUS)
    kipus.user_set.add(User.objects.create(username="anna", first_name="Anna", last_name="Żak <s>"))
    kipus.user_set.add(User.objects.create(username="bez-nazwiska"))
    Provider.objects.create(name="Fundacja „Łącznik” <b>")
    TargetGroup.objects.get_or_create(name="Seniorzy & rodziny")
    Programme.objects.create(
        name="Korpus Wsparcia Seniorów", period_start="2025-01-01", period_end="2026-12-31"
    )
    forms_to_check = [
        AccessLogFilter(QueryDict("content_type=1")).form,
        PlanFilter(QueryDict(""), queryset=Plan.objects.all(), user=None).form,
        PublicServiceFilter(QueryDict("")).form,
        ServiceFilter(QueryDict("")).form,
    ]
    checked = set()
    with translation.override(language):
        for form in forms_to_check:
            for name, field in form.fields.items():
                model = getattr(getattr(field, "queryset", None), "model", None)
                if model not in VALUE_LABELS:
                    continue
                value = form[name].value()
                slow = forms.Select(choices=field.choices).render(name, value)
                with CaptureQueriesContext(connection) as queries:
                    fast = field.widget.render(name, value)
                assert parse_html(fast) == parse_html(slow), (model, name)
                assert len(queries) == 1
                assert "SELECT" in queries[0]["sql"] and "*" not in queries[0]["sql"]
                checked.add(model)
    assert checked == set(VALUE_LABELS)  # every registered model is on some filter here
