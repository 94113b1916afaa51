"""Every form class of the project and of its admin, for the tests that check them all."""

from django import forms
from django.contrib import admin
from django.test import RequestFactory

from cus.modules import PROJECT_APPS, project_modules


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _is_project(form_class):
    if form_class.__module__.split(".")[0] in PROJECT_APPS:
        return True
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    return model is not None and model._meta.app_label in PROJECT_APPS


def project_form_classes():
    """Every Form and ModelForm class defined by the project's apps (their forms modules, and
    the forms that inline formsets build for project models), by qualified name."""
    list(project_modules("forms"))  # importing the modules defines their classes
    found = {
        f"{form_class.__module__}.{form_class.__qualname__}": form_class
        for form_class in _subclasses(forms.BaseForm)
        if _is_project(form_class)
    }
    return dict(sorted(found.items()))


def admin_form_classes(user):
    """The change form of every model registered in the admin, as ``user`` gets it."""
    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        f"admin:{model._meta.label_lower}": model_admin.get_form(request)
        for model, model_admin in admin.site._registry.items()
    }
