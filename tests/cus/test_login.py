import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD


@pytest.mark.django_db
def test_the_login_page_is_in_polish(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pl">' in html
    assert "Logowanie do systemu CUS" in html
    assert "Nazwa użytkownika" in html
    assert "Hasło" in html
    assert "Zaloguj się" in html


def test_a_user_logs_in_through_the_form_and_lands_on_the_home_page(client, kipus):
    response = client.post(
        reverse("login"),
        {"username": "t-kipus", "password": TEST_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("cus:home")
    assert response.context["user"] == kipus
    assert "Koordynator IPUS — moje otwarte wnioski" in response.content.decode()


def test_a_wrong_password_gets_a_polish_message_and_keeps_the_username(client, kipus):
    response = client.post(reverse("login"), {"username": "t-kipus", "password": "zle-haslo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wprowadź poprawne dane w polach" in html or "poprawn" in html
    assert 'value="t-kipus"' in html


def test_repeated_failed_logins_lock_the_account_out(client, kipus, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "t-kipus", "password": "zle-haslo"})
    # Even the right password is refused while the lockout lasts.
    response = client.post(reverse("login"), {"username": "t-kipus", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Logowanie czasowo zablokowane" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_ends_the_session(client, kipus):
    client.force_login(kipus)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_is_in_polish_and_validates(client, kipus):
    client.force_login(kipus)
    url = reverse("password_change")
    assert "Zmiana hasła" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "krotkie",
            "new_password2": "krotkie",
        },
    )
    assert response.status_code == 200
    assert "To hasło jest za krótkie" in response.content.decode()
    response = client.post(
        url,
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Nowe-Hasło-Źdźbło-2026",
            "new_password2": "Nowe-Hasło-Źdźbło-2026",
        },
    )
    assert response.status_code == 302
    kipus.refresh_from_db()
    assert kipus.check_password("Nowe-Hasło-Źdźbło-2026")
