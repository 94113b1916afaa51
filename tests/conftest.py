"""Persona fixtures: one user per role, and an outsider with no role."""

import pytest

from cus import roles
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def kipus(db):
    return UserFactory(username="t-kipus", role=roles.KIPUS, is_staff=True)


@pytest.fixture
def ous(db):
    return UserFactory(username="t-ous", role=roles.OUS, is_staff=True)


@pytest.fixture
def osl_organizer(db):
    return UserFactory(username="t-osl", role=roles.OSL)


@pytest.fixture
def director(db):
    return UserFactory(username="t-dyrektor", role=roles.DIRECTOR)


@pytest.fixture
def animator(db):
    return UserFactory(username="t-animator", role=roles.ANIMATOR)


@pytest.fixture
def iod(db):
    return UserFactory(username="t-iod", role=roles.IOD)


@pytest.fixture
def administrator(db):
    return UserFactory(username="t-admin", role=roles.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def outsider(db):
    """A logged-in account that holds no role."""
    return UserFactory(username="t-outsider")


@pytest.fixture
def persona(request, db):
    """Parametrise with a fixture name: ``@pytest.mark.parametrize("persona", [...], indirect=True)``."""
    return request.getfixturevalue(request.param)
