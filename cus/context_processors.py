from django.conf import settings

from cus import navigation


def navigation_menu(request):
    """The per-role main menu and a few site-wide values for base.html."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "CUS_DEBUG": settings.DEBUG}
    match = getattr(request, "resolver_match", None)
    return {
        "nav_items": navigation.items_for(user, match.view_name if match else ""),
        "CUS_DEBUG": settings.DEBUG,
        "idle_timeout_seconds": settings.CUS_IDLE_TIMEOUT_MINUTES * 60,
        "idle_warning_seconds": settings.CUS_IDLE_WARNING_SECONDS,
    }
