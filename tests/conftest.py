"""Persona fixtures: one user per role, and an outsider with no role."""

import pytest

from cus import roles
from tests.factories import UserFactory


def pytest_collection_modifyitems(items):
    """The newcomer's walk of the real demo is the last step of the run."""
    items.sort(key=lambda item: item.get_closest_marker("newcomer") is not None)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _role_groups_after_flush(request):
    """Recreate what data migrations create, for tests on a transactional database.

    Such tests (browser tests, backups) end with a flush that removes the role
    groups and the reference rows (statutory areas). (serialized_rollback
    restores them only while no rollback test has run first, so it is not used.)
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    _restore_migration_data()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A database kept by --reuse-db may come from a run that ended with such a flush."""
    with django_db_blocker.unblock():
        _restore_migration_data()


def _restore_migration_data():
    from django.contrib.auth.models import Group, Permission

    from cus.roles import role_permissions
    from services.models import StatutoryArea

    StatutoryArea.objects.ensure_all()
    for role, perms in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


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


def mark_demo_database(comment):
    """Give the test database the comment bin/demo-postgres gives the demo's (or none)."""
    from django.db import connection

    # COMMENT takes no bound parameters: the literal is quoted by psycopg here.
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    literal = connection.ops.compose_sql("%s", [comment])
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE {name} IS {literal}")


@pytest.fixture
def seed_demo(settings):
    """Returns a function that seeds the demo data as `make demo` does."""
    import io

    from django.core.management import call_command

    from cus.demo import DEMO_DATABASE_COMMENT

    def seed():
        settings.CUS_DEMO = True
        mark_demo_database(DEMO_DATABASE_COMMENT)
        try:
            call_command("seed_demo", stdout=io.StringIO())
        finally:
            settings.CUS_DEMO = False

    yield seed
    # A transactional test keeps a comment it set; the next test starts unmarked.
    mark_demo_database(None)
