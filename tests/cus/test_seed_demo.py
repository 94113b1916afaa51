import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from cus import roles
from cus.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from cus.models import CentreProfile, User


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
def test_seed_demo_twice_leaves_the_same_data(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


@pytest.mark.django_db
def test_seed_demo_creates_the_starachowice_centre_and_one_account_per_role(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
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
def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()
