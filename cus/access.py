"""Recording reads of personal data in the access log (GDPR accountability)."""

from django.contrib.contenttypes.models import ContentType

from cus.choices import AccessAction
from cus.models import AccessLog


def client_ip(request):
    # Behind a proxy, REMOTE_ADDR is the proxy; axes already resolved the client.
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None


def log_access(request, obj, action=AccessAction.VIEW):
    """Write one access-log row saying that the request's user touched ``obj``."""
    user = request.user if request.user.is_authenticated else None
    return AccessLog.objects.create(
        user=user,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        path=request.path[:500],
        ip_address=client_ip(request),
    )


class AccessLogMixin:
    """For detail views of personal data: each successful GET writes an access-log row.

    Set ``access_action`` for views that download, print or export.
    """

    access_action = AccessAction.VIEW

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            log_access(request, self.get_logged_object(), self.access_action)
        return response

    def get_logged_object(self):
        return self.object
