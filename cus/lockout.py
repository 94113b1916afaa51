"""Login throttling (django-axes): per account and address, and per address across accounts.

Axes counts failures for every entry of AXES_LOCKOUT_PARAMETERS and locks out when one
count reaches AXES_FAILURE_LIMIT. ``["username", "ip_address"]`` alone lets one address
try four passwords on every account; adding a plain ``"ip_address"`` entry would lock an
address after five failures in all (an office behind one NAT address would lock itself
out) and, with AXES_RESET_ON_SUCCESS, one good login of the attacker's own account would
wipe the address's count. So the address entry is given to axes only once the address has
failed CUS_LOGIN_ADDRESS_FAILURE_LIMIT times within the cool-off, across all usernames:
from then on every login from it is refused until the cool-off passes, and a correct
password cannot reset it (a locked-out login never succeeds).
"""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

PER_ACCOUNT = ["username", "ip_address"]


def address_failures(ip_address, now=None, request=None):
    """Failed logins from ``ip_address`` within the cool-off, whatever the username."""
    attempts = AccessAttempt.objects.filter(ip_address=ip_address)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=(now or timezone.now()) - cool_off)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_parameters(request_or_attempt, credentials=None):
    """AXES_LOCKOUT_PARAMETERS: the account from this address, and the address once it is over its limit."""
    if isinstance(request_or_attempt, HttpRequest):
        request = request_or_attempt
        ip_address = getattr(request, "axes_ip_address", None)
        now = getattr(request, "axes_attempt_time", None)
    else:  # an AccessAttempt
        request, ip_address, now = None, request_or_attempt.ip_address, None
    failures = address_failures(ip_address, now, request) if ip_address else 0
    if failures >= settings.CUS_LOGIN_ADDRESS_FAILURE_LIMIT:
        return [PER_ACCOUNT, "ip_address"]
    return [PER_ACCOUNT]
