import gettext
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from cus import checks
from cus import settings as cus_settings


def run_django_setup(**env):
    """Import the settings in a fresh process; a ``None`` value unsets that variable.

    No local .env (CUS_ENV_FILE empty): a developer's demo .env must not fill the gaps.
    """
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update({"CUS_ENV_FILE": "", **env})
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "cus.settings"},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_without_secret_key_refuse_to_start():
    result = run_django_setup(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_mode_starts_without_a_secret_key():
    result = run_django_setup(DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_settings_without_a_database_url_refuse_to_start():
    result = run_django_setup(DEBUG="1", DATABASE_URL=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL is not set" in result.stderr


def test_a_malformed_boolean_is_rejected(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        cus_settings.env_bool("SOME_FLAG")


def test_database_url_becomes_a_pooled_postgresql_database():
    db = cus_settings.database_from_url("postgres://cus:p%40ss@db.local:5433/cus_prod")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "cus_prod",
        "cus",
        "p@ss",
        "db.local",
        "5433",
    )
    assert "pool" in db["OPTIONS"]
    assert db["OPTIONS"]["server_side_binding"] is True  # prepared statements (issue 8)
    assert db["OPTIONS"]["prepare_threshold"] == 5  # Django turns preparing off without it
    assert db["DISABLE_SERVER_SIDE_CURSORS"] is True  # select boxes: one round trip (issue 8)
    with pytest.raises(ImproperlyConfigured):
        cus_settings.database_from_url("mysql://x@y/z")


def test_server_side_binding_can_be_switched_off_for_pgbouncer(monkeypatch):
    monkeypatch.setenv("DATABASE_SERVER_SIDE_BINDING", "0")
    db = cus_settings.database_from_url("postgres://cus@db.local/cus")
    assert "server_side_binding" not in db["OPTIONS"]
    assert "prepare_threshold" not in db["OPTIONS"]


@pytest.mark.django_db
def test_frequent_queries_are_prepared_on_the_connection():
    from django.db import connection

    from cus.models import User

    if not connection.settings_dict["OPTIONS"].get("prepare_threshold"):
        pytest.skip("server-side binding is off (DATABASE_SERVER_SIDE_BINDING=0)")
    for number in range(8):
        User.objects.filter(username=f"nikt-{number}").exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "cus_user" WHERE "cus_user"."username"%'],
        )
        assert cursor.fetchone()[0] >= 1


@pytest.mark.django_db
def test_the_connection_plans_for_memory_not_spinning_disks():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        # At 4 the plan list's name filter hashed every request instead of index lookups.
        assert float(cursor.fetchone()[0]) == pytest.approx(1.1)
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_the_language_and_time_zone_are_polish():
    assert django_settings.LANGUAGE_CODE == "pl"
    assert django_settings.TIME_ZONE == "Europe/Warsaw"
    assert django_settings.USE_TZ


def ids(errors):
    return {error.id for error in errors}


def test_the_system_check_refuses_an_insecure_production_configuration(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "short"
    settings.ALLOWED_HOSTS = ["*"]
    settings.CUS_ALLOW_INSECURE = False
    settings.SESSION_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.DATABASES = {"default": {"ENGINE": "django.db.backends.mysql"}}
    found = ids(checks.production_is_secure(None))
    assert found == {"cus.E001", "cus.E002", "cus.E003", "cus.E004", "cus.E005"}


def test_the_system_check_accepts_a_secure_production_configuration(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "k3y-" + "abcdefghij" * 6
    settings.ALLOWED_HOSTS = ["cus.starachowice.example"]
    settings.CUS_ALLOW_INSECURE = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
    assert checks.production_is_secure(None) == []


def test_the_polish_catalogue_is_compiled_in_the_repository():
    locale_dir = django_settings.LOCALE_PATHS[0] / "pl" / "LC_MESSAGES"
    assert (locale_dir / "django.po").exists()
    with open(locale_dir / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    assert catalogue.info()["language"] == "pl"


def test_django_own_messages_are_polish(client, db):
    response = client.post("/login/", {"username": "nobody", "password": "wrong"})
    assert "Wprowadź poprawn" in response.text


def test_a_local_env_file_fills_only_what_the_environment_lacks(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text("# demo\nCUS_TEST_A=from-file\nCUS_TEST_B='quoted'\nnot a setting\n")
    monkeypatch.setenv("CUS_TEST_A", "from-environment")
    monkeypatch.delenv("CUS_TEST_B", raising=False)
    cus_settings.load_env_file(env_file)
    assert os.environ["CUS_TEST_A"] == "from-environment"
    assert os.environ.pop("CUS_TEST_B") == "quoted"
