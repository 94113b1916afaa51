"""Request middleware of the core app."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import IntegrityError, connection
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRefresh
from psycopg.errors import UniqueViolation

from cus import plurals

logger = logging.getLogger(__name__)

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
                    _("Wylogowano po bezczynności (%(minutes)s). Zaloguj się ponownie.")
                    % {"minutes": plurals.counted(settings.CUS_IDLE_TIMEOUT_MINUTES, "minuta")},
                )
            elif not isinstance(last, int) or now - last >= STAMP_EVERY_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)


class ConcurrentChangeMiddleware:
    """Someone else moved or saved the record between this page's checks and its write.

    Two coordinators closing one plan both pass the view's "is it active?" check; the
    second ``set_status`` then finds the plan closed (cus.status.InvalidTransition), or a
    conditional save finds a newer version (cus.models.StaleObjectError) in a view without
    its own conflict page, or a second "prepare the decision" of one request meets the
    first one's row (a unique constraint: IntegrityError from a UniqueViolation). Nothing
    was written (the write's transaction rolled back): the user is told so and sent back
    to the page, whose own checks now see the new state; never a server error. Other
    integrity errors are bugs, and stay server errors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from cus.models import StaleObjectError
        from cus.status import InvalidTransition

        duplicate = isinstance(exception, IntegrityError) and isinstance(
            exception.__cause__, UniqueViolation
        )
        if request.method != "POST" or not (
            duplicate or isinstance(exception, InvalidTransition | StaleObjectError)
        ):
            return None  # a page that only reads never meets a concurrent write
        logger.warning("Concurrent change on %s: %s", request.path, exception)
        messages.error(
            request,
            _(
                "Ktoś inny zmienił ten rekord w tej samej chwili; Twoja zmiana nie została "
                "zapisana. Sprawdź jego obecny stan."
            ),
        )
        if getattr(request, "htmx", False):
            return HttpResponseClientRefresh()
        # Back to the page the form was on (an action URL may answer POST only).
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = request.get_full_path()
        return redirect(back)


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy of PERMISSIONS_POLICY on every response.

    No page of CUS uses the camera, the microphone, the location, payments or devices, so
    none may ask for them — not even a script that got past the Content-Security-Policy.
    Installed right below SecurityMiddleware, so that static files (WhiteNoise), error
    pages and lockout responses carry it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(_allowlist_entry(origin) for origin in allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _allowlist_entry(origin):
    # The header's structured-field syntax: keywords bare, origins quoted.
    return origin if origin in ("self", "*") else f'"{origin}"'


class QueryCountHeaderMiddleware:
    """Report the SQL queries of each request in an X-Query-Count header (benchmarks only).

    Installed only when CUS_BENCH_HEADERS is on, so production never pays for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _QueryCounter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(counter.count)
        return response


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)
