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
