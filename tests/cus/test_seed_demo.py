import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from cus import roles
from cus.demo import DEMO_ACCOUNTS, DEMO_DATABASE_COMMENT, DEMO_PASSWORD
from cus.models import CentreProfile, User
from tests.conftest import mark_demo_database


def snapshot():
    return {
        "users": sorted(
            User.objects.values_list(
                "username",
                "first_name",
                "last_name",
                "is_staff",
                "password",
                "groups__name",
            )
        ),
        "centre": list(CentreProfile.objects.values()),
        "centre_history": CentreProfile.history.count(),
        "groups": Group.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_twice_leaves_the_same_data(seed_demo):
    seed_demo()
    first = snapshot()
    seed_demo()
    assert snapshot() == first


@pytest.mark.django_db
def test_seed_demo_creates_the_starachowice_centre_and_one_account_per_role(seed_demo):
    seed_demo()
    centre = CentreProfile.objects.get()
    assert centre.name == "Centrum Usług Społecznych w Starachowicach"
    assert centre.town == "Starachowice"
    seeded_roles = set()
    for username, *_rest in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        seeded_roles |= user.role_names
        # Only the roles that work in the admin get the staff flag.
        assert user.is_staff == bool(user.role_names & set(roles.ADMIN_SITE_ROLES))
    assert seeded_roles == set(roles.ROLES)


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_cus_demo(settings):
    """A production configuration (no CUS_DEMO) never gets accounts with a known password."""
    settings.CUS_DEMO = False
    settings.DEBUG = True
    mark_demo_database(DEMO_DATABASE_COMMENT)
    with pytest.raises(CommandError, match="CUS_DEMO=1"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("comment", [None, "", "cus", "CUS demo database"])
def test_seed_demo_refuses_a_database_that_is_not_the_demo_database(settings, comment):
    settings.CUS_DEMO = True
    mark_demo_database(comment)
    with pytest.raises(CommandError, match="nie jest bazą demo"):
        call_command("seed_demo")
    assert not User.objects.exists()
    assert not CentreProfile.objects.exclude(name="").exists()
