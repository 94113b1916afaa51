"""Request middleware of the core app."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

SESSION_KEY = "cus_last_activity"
# Writing the session on every request would cost a database write per page;
# the activity stamp is refreshed at most this often.
STAMP_EVERY_SECONDS = 30


class IdleTimeoutMiddleware:
    """Log out a staff session that has been idle for CUS_IDLE_TIMEOUT_MINUTES.

    Every request of a logged-in user counts as activity (htmx autosaves too);
    the page's script warns before the limit and can extend the session by
    POSTing to ``cus:session-keepalive``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_KEY)
            limit = settings.CUS_IDLE_TIMEOUT_MINUTES * 60
            if isinstance(last, int) and now - last > limit:
                logout(request)
                messages.info(
                    request,
                    _("Wylogowano po %(minutes)d minutach bezczynności. Zaloguj się ponownie.")
                    % {"minutes": settings.CUS_IDLE_TIMEOUT_MINUTES},
                )
            elif not isinstance(last, int) or now - last >= STAMP_EVERY_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
