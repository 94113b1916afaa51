"""Persona fixtures: one user per role, and an outsider with no role."""

import pytest

from cus import roles
from tests.factories import staff_account


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
    from django.apps import apps

    from cus.modules import role_permissions
    from services.models import StatutoryArea

    StatutoryArea.objects.ensure_all()
    # The flush's post_migrate signal has recreated the permissions themselves.
    roles.assign_permissions(apps, role_permissions())


def _persona(username, role=None):
    """A fixture for the account ``username`` of ``role``, staff flag as seed_demo sets it."""

    @pytest.fixture
    def account(db):
        return staff_account(username, role)

    return account


kipus = _persona("t-kipus", roles.KIPUS)
ous = _persona("t-ous", roles.OUS)
osl_organizer = _persona("t-osl", roles.OSL)
director = _persona("t-dyrektor", roles.DIRECTOR)
animator = _persona("t-animator", roles.ANIMATOR)
iod = _persona("t-iod", roles.IOD)
administrator = _persona("t-admin", roles.ADMINISTRATOR)
outsider = _persona("t-outsider")  # a logged-in account that holds no role


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
