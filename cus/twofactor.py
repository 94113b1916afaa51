"""Two-factor authentication policy: who must use a second factor, and the gate.

Staff log in with a password, then with a code from an authenticator app
(TOTP) or a one-time recovery code. ``TwoFactorMiddleware`` keeps a logged-in
but unverified user on the set-up or code page until they pass.
"""

import secrets

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

RECOVERY_DEVICE_NAME = "Kody zapasowe"
AUTHENTICATOR_NAME = "Aplikacja uwierzytelniająca"

# Set in the session once a user is known to have no device, so that users who
# log in with a password only do not pay a device lookup on every page. (A user
# gains a device only through the set-up page, which verifies the session.)
NO_DEVICE_SESSION_KEY = "cus_2fa_no_device"

# Views a logged-in user may reach before passing the second factor.
EXEMPT_VIEWS = {
    "two-factor-setup",
    "two-factor-verify",
    "logout",
    "cus:session-keepalive",
    "healthz",
}


def is_required(user):
    """Whether this user must use a second factor (by role, when the setting is on)."""
    if not settings.CUS_2FA_REQUIRED:
        return False
    return user.is_superuser or user.has_role(*settings.CUS_2FA_ROLES)


def safe_next(request, fallback="cus:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)


class TwoFactorMiddleware:
    """Keep a user who has (or must have) a second factor on the 2FA pages until verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match and match.view_name in EXEMPT_VIEWS:
            return None
        if is_required(user):
            target = "two-factor-verify" if user_has_device(user) else "two-factor-setup"
        elif request.session.get(NO_DEVICE_SESSION_KEY):
            return None
        elif user_has_device(user):
            target = "two-factor-verify"
        else:
            request.session[NO_DEVICE_SESSION_KEY] = True
            return None
        if request.headers.get("HX-Request"):
            # An htmx fragment must not swap the code page into a table.
            response = redirect(target)
            response["HX-Redirect"] = response["Location"]
            return response
        return redirect(f"{reverse(target)}?next={request.get_full_path()}")


# The key of the authenticator being paired waits in the session until a code confirms
# it: opening the set-up page stores nothing.
PENDING_KEY_SESSION = "cus_pending_totp_key"


def pending_authenticator(request):
    """The unconfirmed authenticator being set up by ``request.user``.

    Unsaved until a code is entered (a wrong code saves it with its failure count, so
    throttling holds across attempts, and the same row is reused after that).
    """
    key = request.session.get(PENDING_KEY_SESSION)
    if not key:
        key = request.session[PENDING_KEY_SESSION] = default_key()
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False, key=key).first()
    return device or TOTPDevice(
        user=request.user, name=AUTHENTICATOR_NAME, confirmed=False, key=key
    )


def forget_pending_authenticator(request):
    """After pairing: drop the key and any abandoned unconfirmed authenticators."""
    request.session.pop(PENDING_KEY_SESSION, None)
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones; returns them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [
        f"{secrets.randbelow(10**4):04d}-{secrets.randbelow(10**4):04d}"
        for _ in range(settings.CUS_2FA_RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
