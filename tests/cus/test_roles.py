from django.contrib.auth.models import Group, Permission

from cus import modules, roles


def test_every_role_exists_with_exactly_its_permissions(db):
    table = modules.role_permissions()
    for role in roles.ROLES:
        group = Group.objects.get(name=role)
        held = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert held == table[role], role


def test_the_director_may_approve_ipus_and_the_ous_only_when_granted(director, ous):
    assert director.has_perm(roles.APPROVE_IPUS)
    assert not ous.has_perm(roles.APPROVE_IPUS)

    app_label, codename = roles.APPROVE_IPUS.split(".")
    ous.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    ous = type(ous).objects.get(pk=ous.pk)  # fresh permission cache
    assert ous.has_perm(roles.APPROVE_IPUS)


def test_a_user_without_a_role_holds_no_permissions(outsider):
    assert outsider.get_all_permissions() == set()


def test_roles_and_permissions_are_read_in_one_query_with_modelbackends_answers(
    ous, django_assert_num_queries
):
    from django.contrib.auth.backends import ModelBackend

    app_label, codename = roles.APPROVE_IPUS.split(".")
    ous.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    fresh = type(ous).objects.get(pk=ous.pk)
    with django_assert_num_queries(1):
        assert fresh.has_perm(roles.APPROVE_IPUS)  # a direct permission
        assert fresh.has_perm("services.change_service")  # through the OUS group
        assert fresh.has_role(roles.OUS) and not fresh.has_role(roles.KIPUS)
    reference = type(ous).objects.get(pk=ous.pk)
    assert fresh.get_all_permissions() == ModelBackend().get_all_permissions(reference)

    fresh.is_active = False
    assert not fresh.has_perm("services.change_service")


def test_a_superuser_still_holds_every_permission(db):
    from tests.factories import UserFactory

    admin = UserFactory(username="t-super", is_superuser=True)
    assert admin.has_perm("ipus.view_person") and admin.has_perm(roles.APPROVE_IPUS)
