"""Error pages that need a view of their own; 400, 403, 404 and 500 are Django's
default handlers rendering the templates of the same names."""

import logging

from django.http import HttpResponseForbidden
from django.template import loader

logger = logging.getLogger(__name__)


def csrf_failure(request, reason=""):
    """The Polish page for a form that CsrfViewMiddleware rejected (CSRF_FAILURE_VIEW).

    Rendered without the request, so no context processor runs: the page needs no
    session, user or database, and looks the same to a visitor and to staff. The
    technical reason goes to the log only.
    """
    logger.warning("CSRF failure, %s %s: %s", request.method, request.path, reason)
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html"))
