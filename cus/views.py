import base64
import time
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cus import access, home, reports, roles, signing, todo, twofactor
from cus.choices import AccessAction
from cus.documents import document_response
from cus.exports import xlsx_response
from cus.filters import AccessLogFilter
from cus.forms import AuthorisationForm, CentreProfileForm, DocumentVerifyForm, TwoFactorCodeForm
from cus.middleware import SESSION_KEY as IDLE_SESSION_KEY
from cus.models import AccessLog, Authorisation, CalendarFeed, CentreProfile, StoredDocument
from cus.pdf import pdf_response, render_pdf
from cus.versioning import VersionConflictMixin


class AuditedFormMixin:
    """For create/update views of audited models: stamps the author and says it was saved.

    ``success_message`` may use ``%(object)s``.
    """

    success_message = _("Zapisano: %(object)s.")

    def form_valid(self, form):
        form.instance.stamp(self.request.user)
        response = super().form_valid(form)
        if response.status_code == 302:
            messages.success(self.request, self.success_message % {"object": self.object})
        return response


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows (a LIMITed subquery), for lists of millions of rows
    where an exact total is not worth a full scan; the pages show "z ponad N"."""

    # 2 000 rows (80 pages) count in ~1 ms; 10 000 took 7 ms on every page view (issue 8).
    cap = 2_000

    @cached_property
    def count(self):
        counted = self.object_list[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False


class StampedCountPaginator(Paginator):
    """A list's total counted once per data change (cus.reports.cached_count), not per page."""

    @cached_property
    def count(self):
        if hasattr(self.object_list, "query"):
            return reports.cached_count(self.object_list)
        return super().count


class PagedListMixin:
    """Pagination for lists, and only the table partial for htmx requests."""

    paginate_by = 25
    paginator_class = StampedCountPaginator
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


class HomeView(access.AccessLogMixin, TemplateView):
    """Each role's start page: its own sections, most urgent first. The residents' records
    its sections and to-do list show are written to the access log (one INSERT)."""

    template_name = "cus/home.html"

    def get_logged_objects(self, context):
        return access.shown_in(
            *context.values(), [item.record for item, _urgency in context["todo"]]
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        sections = [
            template for role, template in HOME_SECTIONS if user.is_superuser or user.has_role(role)
        ]
        return super().get_context_data(
            sections=sections,
            todo=todo.marked(todo.items_for(user))[:15],
            **home.context_for(user),
            **kwargs,
        )


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


class CentreProfileUpdateView(
    PermissionRequiredMixin, AuditedFormMixin, VersionConflictMixin, UpdateView
):
    """The administrator keeps the centre's letterhead details."""

    permission_required = "cus.change_centreprofile"
    form_class = CentreProfileForm
    template_name = "cus/centreprofile_form.html"
    success_url = reverse_lazy("cus:centre-profile")

    def get_object(self, queryset=None):
        return CentreProfile.load()

    success_message = _("Zapisano profil centrum.")


class AuthorisationListView(PermissionRequiredMixin, ListView):
    """The register of authorisations to sign in the director's name (KPA art. 268a)."""

    permission_required = "cus.view_authorisation"
    paginate_by = 25
    template_name = "cus/authorisation_list.html"

    def get_queryset(self):
        return Authorisation.objects.for_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class AuthorisationFormMixin(PermissionRequiredMixin, AuditedFormMixin):
    """Create and update: the authorisation's document is stored as a document of its own."""

    model = Authorisation
    form_class = AuthorisationForm
    template_name = "cus/authorisation_form.html"
    success_url = reverse_lazy("cus:authorisation-list")
    success_message = _("Zapisano: %(object)s.")

    def form_valid(self, form):
        form.instance.attach(form.cleaned_data.get("document_file"), self.request.user)
        return super().form_valid(form)


class AuthorisationCreateView(AuthorisationFormMixin, CreateView):
    permission_required = "cus.add_authorisation"


class AuthorisationUpdateView(AuthorisationFormMixin, VersionConflictMixin, UpdateView):
    permission_required = "cus.change_authorisation"
    queryset = Authorisation.objects.for_list()


@permission_required("cus.view_authorisation", raise_exception=True)
@require_GET
def authorisation_document(request, pk):
    """The authorisation's document, served checked and written to the access log."""
    authorisation = Authorisation.objects.select_related("document").filter(pk=pk).first()
    if authorisation is None or authorisation.document is None:
        raise Http404
    response = document_response(request, authorisation.document, None)
    access.log_access(request, authorisation, AccessAction.DOWNLOAD)
    return response


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
    paginator_class = CappedPaginator  # years of reads: filter to narrow, no full count

    # An export is capped so one click cannot build a workbook of millions of rows.
    export_limit = 50_000

    def get_queryset(self):
        return AccessLog.objects.for_list()

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") != "xlsx":
            return super().get(request, *args, **kwargs)
        filterset = self.get_filterset(self.get_filterset_class())
        rows = (
            filterset.qs[: self.export_limit] if filterset.is_valid() else AccessLog.objects.none()
        )
        headers = [
            _("Kiedy"),
            _("Pracownik"),
            _("Login"),
            _("Czynność"),
            _("Rodzaj danych"),
            _("Identyfikator"),
            _("Osoba (identyfikator)"),
            _("Adres strony"),
            _("Adres IP"),
        ]
        data = (
            (
                entry.at,
                entry.user.get_full_name() if entry.user else "",
                entry.user.username if entry.user else "",
                entry.get_action_display(),
                entry.content_type.name,
                entry.object_id,
                entry.person_id or "",
                entry.path,
                entry.ip_address or "",
            )
            for entry in rows
        )
        return xlsx_response("dziennik-dostepu", [(_("Dziennik dostępu"), headers, data)])


# --- Two-factor authentication ------------------------------------------------


def _show_recovery_codes(request, codes):
    return render(
        request,
        "registration/two_factor_codes.html",
        {"codes": codes, "next": twofactor.safe_next(request)},
    )


def two_factor_setup(request):
    """Pair an authenticator app: scan the QR code (or type the key), confirm with a code."""
    if user_has_device(request.user):
        return redirect("account-security")
    device = twofactor.pending_authenticator(request)
    form = TwoFactorCodeForm(request.POST or None, allow_recovery=False)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            twofactor.forget_pending_authenticator(request)
            otp_login(request, device)
            messages.success(request, _("Uwierzytelnianie dwuskładnikowe jest włączone."))
            return _show_recovery_codes(request, twofactor.new_recovery_codes(request.user))
        form.add_error(
            "code",
            _("Kod się nie zgadza. Sprawdź, czy zegar telefonu jest dokładny, i wpisz nowy kod."),
        )
    qr_svg = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8
    ).to_string(encoding="unicode")
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "next": twofactor.safe_next(request),
            "required": twofactor.is_required(request.user),
        },
    )


def two_factor_verify(request):
    """The second step of logging in: a code from the app or a recovery code."""
    if request.user.is_verified():
        return redirect(twofactor.safe_next(request))
    if not user_has_device(request.user):
        return redirect("two-factor-setup")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _(
                        "Użyto kodu zapasowego; zostało ich %(left)d. "
                        "Wygeneruj nowe w ustawieniach bezpieczeństwa konta."
                    )
                    % {"left": left},
                )
            return redirect(twofactor.safe_next(request))
        form.add_error("code", _("Nieprawidłowy lub już użyty kod. Spróbuj ponownie."))
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": twofactor.safe_next(request)},
    )


def account_security(request):
    """The user's own second-factor status and recovery codes."""
    user = request.user
    recovery = StaticDevice.objects.filter(user=user, name=twofactor.RECOVERY_DEVICE_NAME)
    return render(
        request,
        "registration/account_security.html",
        {
            "authenticator": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
            "recovery_left": sum(device.token_set.count() for device in recovery),
            "required": twofactor.is_required(user),
        },
    )


@require_POST
def recovery_codes_regenerate(request):
    """New recovery codes replace the old ones (shown once)."""
    if not user_has_device(request.user) or not request.user.is_verified():
        return redirect("two-factor-setup")
    return _show_recovery_codes(request, twofactor.new_recovery_codes(request.user))


@require_POST
def two_factor_disable(request):
    """Turn the second factor off, for users whose role does not require it."""
    if twofactor.is_required(request.user):
        messages.error(
            request,
            _("Twoja rola wymaga uwierzytelniania dwuskładnikowego; nie można go wyłączyć."),
        )
        return redirect("account-security")
    TOTPDevice.objects.filter(user=request.user).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    messages.success(request, _("Uwierzytelnianie dwuskładnikowe jest wyłączone."))
    return redirect("account-security")


# --- Documents -------------------------------------------------------------------


@permission_required("cus.view_storeddocument", raise_exception=True)
def document_verify(request):
    """Is this PDF a document the centre issued, and are its signatures intact?"""
    form = DocumentVerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["document"].data
        prefixes = signing.registered_prefixes(data)
        registered = list(
            StoredDocument.objects.registered_versions(prefixes).select_related("created_by")
        )
        try:
            signatures = signing.read_signatures(data)
            unreadable = False
        except ValueError:
            signatures, unreadable = [], True
        result = {
            "registered": registered,
            "exact": any(doc.sha256 == signing.pdf_sha256(data) for doc in registered),
            "signatures": signatures,
            "all_trusted": all(signature.trusted for signature in signatures),
            "unreadable": unreadable,
        }
    return render(request, "cus/document_verify.html", {"form": form, "result": result})


# --- Due items: home list and the private iCal feed ---------------------------------


@require_GET
def calendar_settings(request):
    # The secret address is made by the user's own POST, never by opening the page.
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(
        request,
        "cus/calendar.html",
        {
            "feed_url": feed
            and request.build_absolute_uri(reverse("cus:calendar-feed", args=[feed.token])),
            "items": todo.marked(todo.items_for(request.user)),
        },
    )


@require_POST
def calendar_reset(request):
    """The secret address; a new one makes the old one stop working at once (e.g. after
    sharing it by mistake)."""
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if created:
        messages.success(request, _("Utworzono adres kalendarza."))
    else:
        feed.reset()
        messages.success(request, _("Utworzono nowy adres kalendarza; poprzedni już nie działa."))
    return redirect("cus:calendar")


@login_not_required
@never_cache
@require_GET
def calendar_feed(request, token):
    """The user's due items as all-day events (not VTODOs, so every calendar app shows them)."""
    from icalendar import Calendar, Event

    feed = CalendarFeed.objects.filter(token=token, user__is_active=True).select_related("user")
    feed = feed.first()
    if feed is None:
        raise Http404
    calendar = Calendar()
    calendar.add("prodid", "-//CUS//terminy//PL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(_("CUS — moje terminy")))
    stamp = timezone.now()
    for item in todo.items_for(feed.user):
        event = Event()
        event.add("uid", f"{item.uid}@{request.get_host()}")
        event.add("summary", item.title)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("url", request.build_absolute_uri(item.url) if item.url else "")
        event.add("categories", [item.kind])
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="cus-terminy.ics"'
    return response
