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


# --- Throttling per address across accounts (issue 22) -------------------------------


@pytest.fixture
def sprayed_accounts(db, settings):
    """Enough accounts that four wrong passwords on each exceed the address's limit."""
    from tests.factories import staff_account

    settings.AXES_FAILURE_LIMIT = 5
    settings.CUS_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    return [staff_account(f"konto-{n}") for n in range(5)]


def _login(client, username, password, address="10.1.1.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_one_address_trying_a_few_passwords_on_every_account_is_locked_out(
    client, sprayed_accounts, settings
):
    """Password spraying: below each account's limit, but over the address's."""
    per_account = settings.AXES_FAILURE_LIMIT - 1
    limit = settings.CUS_LOGIN_ADDRESS_FAILURE_LIMIT
    statuses = []
    for account in sprayed_accounts:
        for attempt in range(per_account):
            statuses.append(_login(client, account.username, f"zle-haslo-{attempt}").status_code)
    assert len(statuses) == len(sprayed_accounts) * per_account > limit
    # Every try up to the address's limit is an ordinary wrong password; from the limit on,
    # the address is locked out, whichever account it tries.
    assert statuses == [200] * (limit - 1) + [429] * (len(statuses) - limit + 1)
    fresh = sprayed_accounts[-1]
    response = _login(client, fresh.username, TEST_PASSWORD)
    assert response.status_code == 429
    assert "Logowanie czasowo zablokowane" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The same account from another address logs in.
    response = _login(client, fresh.username, TEST_PASSWORD, address="10.2.2.2")
    assert response.status_code == 302


def test_a_good_login_of_an_own_account_does_not_reset_the_address(
    client, sprayed_accounts, settings
):
    """An attacker with a staff account of their own cannot wipe the address's count."""
    own, *others = sprayed_accounts
    limit = settings.CUS_LOGIN_ADDRESS_FAILURE_LIMIT
    tries = [account for account in others for _ in range(settings.AXES_FAILURE_LIMIT - 1)]
    for account in tries[: limit - 1]:
        assert _login(client, account.username, "zle-haslo").status_code == 200
    assert _login(client, own.username, TEST_PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert _login(client, tries[limit - 1].username, "zle-haslo").status_code == 429


def test_the_address_is_let_in_again_after_the_cool_off(client, sprayed_accounts, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    for account in sprayed_accounts[:3]:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            _login(client, account.username, "zle-haslo")
    assert _login(client, sprayed_accounts[3].username, TEST_PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _login(client, sprayed_accounts[3].username, TEST_PASSWORD).status_code == 302


def test_failures_from_several_addresses_do_not_add_up(client, sprayed_accounts, settings):
    """An office's colleagues mistyping from their own machines lock nobody else out."""
    limit = settings.CUS_LOGIN_ADDRESS_FAILURE_LIMIT
    for n in range(limit + 2):
        account = sprayed_accounts[n % len(sprayed_accounts)]
        _login(client, account.username, "zle-haslo", address=f"10.3.3.{n}")
    assert _login(client, sprayed_accounts[0].username, TEST_PASSWORD).status_code == 302


def test_the_address_limit_is_never_below_the_account_limit():
    from tests.cus.test_settings import run_django_setup

    result = run_django_setup(
        DEBUG="1", AXES_FAILURE_LIMIT="5", CUS_LOGIN_ADDRESS_FAILURE_LIMIT="3"
    )
    assert result.returncode != 0
    assert "CUS_LOGIN_ADDRESS_FAILURE_LIMIT" in result.stderr
