"""Two-factor login: set-up with an authenticator app, codes, recovery codes, the gate."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cus.twofactor import PENDING_KEY_SESSION
from tests.factories import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.CUS_2FA_REQUIRED = True


def current_code(device):
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def pending_code(client):
    """The code the app would show for the key on the set-up page (kept in the session)."""
    device = TOTPDevice(key=client.session[PENDING_KEY_SESSION])
    return f"{TOTP(device.bin_key).token():06d}"


def password_login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client.get(response["Location"])


def enrol(client, user):
    """Log in and pair an authenticator; returns (device, recovery codes)."""
    password_login(client, user)
    client.get(reverse("two-factor-setup"))
    # Opening the page pairs nothing yet.
    assert not TOTPDevice.objects.filter(user=user).exists()
    response = client.post(reverse("two-factor-setup"), {"code": pending_code(client)})
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    codes = re.findall(r"<li>(\d{4}-\d{4})</li>", response.text)
    return device, codes


def test_a_kipus_is_sent_to_set_up_the_second_factor_after_the_password(client, kipus):
    response = password_login(client, kipus)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-setup"))

    page = client.get(response["Location"])
    assert "<svg" in page.text
    assert 'id="totp-secret"' in page.text
    # Every other page stays closed until the second factor is set up.
    assert client.get(reverse("cus:home")).status_code == 302


def test_a_wrong_code_does_not_enable_it(client, kipus):
    password_login(client, kipus)
    client.get(reverse("two-factor-setup"))
    response = client.post(reverse("two-factor-setup"), {"code": "000000"})
    assert "Kod się nie zgadza" in response.text
    assert not TOTPDevice.objects.filter(user=kipus, confirmed=True).exists()
    # Failures count against one pending authenticator, however often the page is opened.
    client.get(reverse("two-factor-setup"))
    client.post(reverse("two-factor-setup"), {"code": "000001"})
    pending = TOTPDevice.objects.get(user=kipus, confirmed=False)
    assert pending.throttling_failure_count >= 1
    response = client.post(reverse("two-factor-setup"), {"code": "12ab"})
    assert "Wpisz 6 cyfr" in response.text


def test_setting_it_up_shows_ten_recovery_codes_once_and_opens_the_app(client, kipus):
    device, codes = enrol(client, kipus)
    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10 == len(set(codes))
    assert client.get(reverse("cus:home")).status_code == 200


def test_the_next_login_asks_for_a_code_from_the_app(client, kipus):
    device, _codes = enrol(client, kipus)
    client.post(reverse("logout"))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the set-up code may be reused here

    response = password_login(client, kipus)
    assert response["Location"].startswith(reverse("two-factor-verify"))
    wrong = client.post(reverse("two-factor-verify"), {"code": "000000"})
    assert "Nieprawidłowy lub już użyty kod" in wrong.text
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    right = client.post(reverse("two-factor-verify"), {"code": current_code(device), "next": "/"})
    assert right.status_code == 302
    assert client.get(reverse("cus:home")).status_code == 200


def test_a_recovery_code_works_once(client, kipus):
    _device, codes = enrol(client, kipus)
    client.post(reverse("logout"))
    password_login(client, kipus)

    response = client.post(reverse("two-factor-verify"), {"code": codes[0].replace("-", "")})
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=kipus).count() == 9
    client.post(reverse("logout"))
    password_login(client, kipus)
    again = client.post(reverse("two-factor-verify"), {"code": codes[0]})
    assert again.status_code == 200


def test_next_never_leaves_the_site(client, kipus):
    device, _codes = enrol(client, kipus)
    client.post(reverse("logout"))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    password_login(client, kipus)
    response = client.post(
        reverse("two-factor-verify"),
        {"code": current_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("cus:home")


def test_roles_without_personal_data_are_not_forced(client, osl_organizer):
    response = password_login(client, osl_organizer)
    assert response.status_code == 200


def test_it_is_not_forced_when_the_setting_is_off(client, kipus, settings):
    settings.CUS_2FA_REQUIRED = False
    assert password_login(client, kipus).status_code == 200


def test_an_htmx_request_is_redirected_as_a_whole_page(client, kipus):
    password_login(client, kipus)
    response = client.get(reverse("cus:home"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("two-factor-setup")


def test_a_required_role_cannot_switch_it_off(client, kipus):
    enrol(client, kipus)
    response = client.post(reverse("two-factor-disable"), follow=True)
    assert "nie można go wyłączyć" in response.text
    assert TOTPDevice.objects.filter(user=kipus).exists()


def test_new_recovery_codes_replace_the_old_ones(client, kipus):
    _device, old = enrol(client, kipus)
    assert client.get(reverse("two-factor-recovery-codes")).status_code == 405
    response = client.post(reverse("two-factor-recovery-codes"))
    new = re.findall(r"<li>(\d{4}-\d{4})</li>", response.text)
    assert len(new) == 10
    assert set(
        StaticToken.objects.filter(device__user=kipus).values_list("token", flat=True)
    ) == set(new)
    assert not set(old) & set(new)


def test_the_administrator_may_remove_a_users_devices_in_the_admin(
    client, kipus, administrator, settings
):
    enrol(client, kipus)
    assert administrator.has_perm("otp_totp.delete_totpdevice")
    settings.CUS_2FA_REQUIRED = False  # the administrator's own second factor is not the point
    client.force_login(administrator)
    response = client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=kipus)
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert device.key not in page.text
