"""Root URL configuration; the core app's own pages live in the "cus" namespace."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cus import views

core_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("centre/", views.CentreProfileUpdateView.as_view(), name="centre-profile"),
    path("centre/letterhead.pdf", views.centre_letterhead_pdf, name="centre-letterhead"),
    path("centre/logo/", views.centre_logo, name="centre-logo"),
    path("access-log/", views.AccessLogListView.as_view(), name="accesslog-list"),
    path("authorisations/", views.AuthorisationListView.as_view(), name="authorisation-list"),
    path(
        "authorisations/create/",
        views.AuthorisationCreateView.as_view(),
        name="authorisation-create",
    ),
    path(
        "authorisations/<int:pk>/update/",
        views.AuthorisationUpdateView.as_view(),
        name="authorisation-update",
    ),
    path(
        "authorisations/<int:pk>/document/",
        views.authorisation_document,
        name="authorisation-document",
    ),
    path("session/keepalive/", views.session_keepalive, name="session-keepalive"),
    path("documents/verify/", views.document_verify, name="document-verify"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/reset/", views.calendar_reset, name="calendar-reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]

account_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("account/security/", views.account_security, name="account-security"),
    path("account/two-factor/", views.two_factor_verify, name="two-factor-verify"),
    path("account/two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path(
        "account/two-factor/recovery-codes/",
        views.recovery_codes_regenerate,
        name="two-factor-recovery-codes",
    ),
    path("account/two-factor/disable/", views.two_factor_disable, name="two-factor-disable"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("", include((core_patterns, "cus"))),
    path("healthz", views.healthz, name="healthz"),
    *account_patterns,
    path("services/", include("services.urls")),
    path("katalog/", include("services.public_urls")),
    path("ipus/", include("ipus.urls")),
    path("osl/", include("osl.urls")),
    path("admin/", admin.site.urls),
]
