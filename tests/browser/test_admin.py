"""The Django admin works under the CSP for the roles that use it."""

from tests.factories import UserFactory


def test_the_administrator_edits_a_user_in_the_polish_admin(page, login_as):
    UserFactory(username="adm", role="Administrator", is_staff=True)
    UserFactory(username="nowa-kipus", first_name="Zofia", role="KIPUS")
    login_as(page, "adm")

    page.goto("/admin/")
    assert "CUS — panel administracyjny" in page.content()
    page.goto("/admin/cus/user/?q=nowa")
    page.get_by_role("link", name="nowa-kipus").click()
    page.get_by_label("Stanowisko").fill("Koordynatorka IPUS")
    page.get_by_role("button", name="Zapisz", exact=True).first.click()
    page.wait_for_url("**/admin/cus/user/**")
    assert "Koordynatorka" not in page.url
    page.goto("/admin/cus/user/?q=nowa")
    assert page.get_by_role("link", name="nowa-kipus").is_visible()
