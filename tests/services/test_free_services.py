"""A service marked "bezpłatna" with a price or discount rules is refused, with a Polish
message at the field, by every form that edits a service (the app's and the admin's,
enumerated from services.forms and the admin registry) and by the model itself."""

import inspect

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.test import RequestFactory

from services import forms as service_forms
from services.models import Service
from tests.factories import UserFactory
from tests.services.factories import ServiceFactory

CONTRADICTIONS = {
    "price_per_unit": ("12", "Usługa bezpłatna nie ma ceny"),
    "discount_rules": ("50% dla posiadaczy Karty Seniora", "Usługa bezpłatna nie ma ulg"),
}


def _service_forms():
    """Every form class that edits a Service: the app's ModelForms and the admin's."""
    found = [
        form
        for _name, form in inspect.getmembers(service_forms, inspect.isclass)
        if issubclass(form, forms.ModelForm) and getattr(form._meta, "model", None) is Service
    ]
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    found.append(admin.site._registry[Service].get_form(request))
    return found


def _as_post(form):
    """What the unbound form's page would post for its instance, unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [v.pk if isinstance(v, Model) else v for v in value]
        elif value is not None:
            data[name] = value
    return data


@pytest.mark.parametrize("field", CONTRADICTIONS)
def test_every_service_form_refuses_a_free_service_with_a_price_or_discounts(db, field):
    service = ServiceFactory(name="Asystent osobisty", is_free=True)
    classes = _service_forms()
    assert len(classes) >= 2
    for form_class in classes:
        # A fresh instance each time: a form's validation writes its values onto it.
        data = _as_post(form_class(instance=Service.objects.get(pk=service.pk)))
        unchanged = form_class(data, instance=Service.objects.get(pk=service.pk))
        assert unchanged.is_valid(), (form_class, unchanged.errors)  # as it was: accepted
        value, message = CONTRADICTIONS[field]
        form = form_class(
            {**data, "is_free": "on", field: value}, instance=Service.objects.get(pk=service.pk)
        )
        assert not form.is_valid()
        assert any(message in error for error in form.errors.get(field, [])), (
            form_class,
            form.errors,
        )
    service.refresh_from_db()
    assert service.price_per_unit is None and service.discount_rules == ""


def test_the_model_refuses_the_contradiction_too(db):
    service = Service(name="Taksówka", unit="ride", is_free=True, price_per_unit=5)
    with pytest.raises(ValidationError) as error:
        service.clean()
    assert "price_per_unit" in error.value.message_dict
