import time

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView, UpdateView
from django_filters.views import FilterView

from cus import roles
from cus.filters import AccessLogFilter
from cus.forms import CentreProfileForm
from cus.middleware import SESSION_KEY as IDLE_SESSION_KEY
from cus.models import AccessLog, CentreProfile
from cus.pdf import pdf_response, render_pdf


class PagedListMixin:
    """Pagination for lists, and only the table partial for htmx requests."""

    paginate_by = 25
    partial_template_name = None

    def get_template_names(self):
        if self.partial_template_name and getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return super().get_template_names()


# Which home-page sections each role sees, in this order.
HOME_SECTIONS = (
    (roles.KIPUS, "cus/home/_kipus.html"),
    (roles.OUS, "cus/home/_ous.html"),
    (roles.DIRECTOR, "cus/home/_director.html"),
    (roles.OSL, "cus/home/_osl.html"),
    (roles.ANIMATOR, "cus/home/_animator.html"),
    (roles.IOD, "cus/home/_iod.html"),
    (roles.ADMINISTRATOR, "cus/home/_administrator.html"),
)


class HomeView(TemplateView):
    """Each role's start page: its own sections, most urgent first."""

    template_name = "cus/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        sections = [
            template for role, template in HOME_SECTIONS if user.is_superuser or user.has_role(role)
        ]
        return super().get_context_data(sections=sections, **kwargs)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Load balancers and monitoring ask here whether the app and its database live."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_POST
def session_keepalive(request):
    """The idle-timeout warning's "extend" button: counts as activity."""
    request.session[IDLE_SESSION_KEY] = int(time.time())
    return HttpResponse(status=204)


class CentreProfileUpdateView(PermissionRequiredMixin, UpdateView):
    """The administrator keeps the centre's letterhead details."""

    permission_required = "cus.change_centreprofile"
    form_class = CentreProfileForm
    template_name = "cus/centreprofile_form.html"
    success_url = reverse_lazy("cus:centre-profile")

    def get_object(self, queryset=None):
        return CentreProfile.load()

    def form_valid(self, form):
        form.instance.stamp(self.request.user)
        messages.success(self.request, _("Zapisano profil centrum."))
        return super().form_valid(form)


@permission_required("cus.change_centreprofile", raise_exception=True)
@require_GET
def centre_letterhead_pdf(request):
    """A sample page on the centre's letterhead, to check how documents will look."""
    data = render_pdf("pdf/letterhead_sample.html", request=request)
    return pdf_response(data, "papier-firmowy")


@require_GET
def centre_logo(request):
    """The centre's logo (not personal data, but uploads are never served directly)."""
    centre = CentreProfile.load()
    if not centre.logo:
        raise Http404
    try:
        handle = centre.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=_logo_content_type(centre.logo.name))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _logo_content_type(name):
    return "image/png" if name.lower().endswith(".png") else "image/jpeg"


class AccessLogListView(PermissionRequiredMixin, PagedListMixin, FilterView):
    """The IOD browses who read which personal data, and when."""

    permission_required = "cus.view_accesslog"
    filterset_class = AccessLogFilter
    template_name = "cus/accesslog_list.html"
    partial_template_name = "cus/includes/_accesslog_table.html"
    paginate_by = 50

    def get_queryset(self):
        return AccessLog.objects.for_list()
