"""A coordinator pairs an authenticator app on first login, then logs in with a code."""

import base64

from django_otp.oath import TOTP

from tests.factories import UserFactory


def code_for(secret):
    key = base64.b32decode(secret.replace(" ", ""))
    return f"{TOTP(key).token():06d}"


def test_a_kipus_sets_up_two_factor_login_and_reaches_the_start_page(page, login_as, settings):
    settings.CUS_2FA_REQUIRED = True
    UserFactory(username="kipus-2fa", role="KIPUS")
    login_as(page, "kipus-2fa")

    assert "/account/two-factor/setup/" in page.url
    assert page.locator(".two-factor-qr svg").is_visible()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Kod").fill(code_for(secret))
    page.get_by_role("button", name="Potwierdź i włącz").click()

    codes = page.locator("#recovery-codes li")
    assert codes.count() == 10
    page.get_by_role("link", name="Zapisałem kody").click()
    assert page.locator("#home-kipus").is_visible()
