"""No list filter offers "---------": every select of every filter set of the project
(cus.filters.FilterSet and its subclasses, enumerated) has a Polish "any" option."""

import importlib
import importlib.util

import pytest
from django.test import RequestFactory

from cus.filters import FilterSet
from cus.modules import PROJECT_APPS
from tests.factories import UserFactory

for app in PROJECT_APPS:  # every app's filters module, so its filter sets are subclasses here
    if importlib.util.find_spec(f"{app}.filters"):
        importlib.import_module(f"{app}.filters")


def _filter_sets(cls=FilterSet):
    for sub in cls.__subclasses__():
        yield sub
        yield from _filter_sets(sub)


FILTER_SETS = sorted(set(_filter_sets()), key=lambda cls: cls.__qualname__)


@pytest.mark.parametrize("filterset_class", FILTER_SETS, ids=lambda cls: cls.__qualname__)
def test_no_filter_shows_dashes_for_any(db, filterset_class):
    request = RequestFactory().get("/")
    request.user = UserFactory()
    try:
        filterset = filterset_class({}, request=request, user=request.user)
    except TypeError:
        filterset = filterset_class({}, request=request)
    widgets = "".join(str(field) for field in filterset.form)
    assert "<select" in widgets or not any(
        hasattr(f, "empty_label") for f in filterset.form.fields.values()
    )
    assert "---------" not in widgets
