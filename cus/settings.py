"""Settings for the CUS application, read from the environment.

Everything that differs between a laptop demo, the test suite and a municipal
server comes from environment variables; see README.md ("Konfiguracja produkcyjna").
Bad values stop the start-up with a message instead of being silently ignored.
"""

import base64
import binascii
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def load_env_file(path):
    """Read KEY=VALUE lines of a local ``.env`` file; the real environment wins.

    ``make demo`` writes one with DEBUG=1 so that ``manage.py`` works on a
    developer's machine without exporting anything; servers set real variables.
    """
    if not path or not Path(path).is_file():
        return
    for raw_line in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


load_env_file(os.environ.get("CUS_ENV_FILE", BASE_DIR / ".env"))

_TRUE = {"1", "true", "yes", "on", "tak"}
_FALSE = {"0", "false", "no", "off", "nie", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_key(name, length=32):
    """A secret key of ``length`` random bytes given in URL-safe base64, or "" when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    try:
        key = base64.b64decode(raw.encode("ascii"), altchars=b"-_", validate=True)
    except (binascii.Error, UnicodeEncodeError):
        key = b""
    if len(key) != length:
        raise ImproperlyConfigured(
            f"{name} must be {length} random bytes in URL-safe base64 ({4 * -(-length // 3)} "
            "characters), e.g. python3 -c 'import base64, os; "
            f"print(base64.urlsafe_b64encode(os.urandom({length})).decode())'"
        )
    return raw


def database_from_url(url):
    """Turn postgres://user:password@host:port/name into a pooled Django database."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres:// or postgresql://, got {parts.scheme!r}"
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("DATABASE_URL has no database name")
    # libpq's form for a Unix socket directory: postgres://user@/name?host=/path/to/dir
    query = parse_qs(parts.query)
    host = query["host"][-1] if "host" in query else parts.hostname or ""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        # Django's psycopg 3 pool keeps connections open between requests;
        # CONN_MAX_AGE must stay 0 when the pool is on.
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": True,
        # QuerySet.iterator() — which every model select box of a form or filter uses —
        # would open a WITH HOLD server-side cursor: DECLARE, FETCH, CLOSE and a
        # materialised result for a list of 60 providers, 0.7 ms instead of 0.25 ms a box
        # (issue 8). Nothing here iterates tables too big to fetch at once (backups are
        # pg_dump); also what PgBouncer in transaction mode needs.
        "DISABLE_SERVER_SIDE_CURSORS": True,
        "OPTIONS": {
            "pool": {
                "min_size": env_int("DATABASE_POOL_MIN", 1),
                "max_size": env_int("DATABASE_POOL_MAX", 8),
                "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
            },
            # Short interactive queries: PostgreSQL's JIT compiles the large report queries
            # for 0.3 s and gains nothing back at this size (measured on the metro dataset).
            # random_page_cost 1.1 instead of 4 (a default for spinning disks): the working
            # set is in memory or on SSD, and at 4 the plan list's name filter hashed all
            # 120 000 requests (17 ms, a parallel scan) instead of 500 index lookups (2 ms)
            # (issue 8).
            "options": "-c jit=off -c random_page_cost=1.1",
            # Parameters bound by the server, and a statement prepared after its fifth run
            # on a connection, so PostgreSQL stops re-planning the same joins: planning a
            # plan page's seven-table join took 5 ms, running it 0.6 ms (issue 8). Django
            # leaves psycopg's preparing off unless prepare_threshold is given. Both off
            # behind PgBouncer in transaction mode (DATABASE_SERVER_SIDE_BINDING=0).
            **(
                {"server_side_binding": True, "prepare_threshold": 5}
                if env_bool("DATABASE_SERVER_SIDE_BINDING", True)
                else {}
            ),
        },
        "TEST": {"NAME": env_str("DATABASE_TEST_NAME") or None},
    }


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)

# A fixed key is acceptable only for a local demo; production must bring its own.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))') "
            "or run with DEBUG=1 for a local demo."
        )
    SECRET_KEY = "django-insecure-local-demo-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A Polish page for a rejected form (expired token, blocked cookies), no database needed.
CSRF_FAILURE_VIEW = "cus.errors.csrf_failure"

DATA_DIR = Path(env_str("CUS_DATA_DIR") or BASE_DIR / "var")

INSTALLED_APPS = [
    "cus",
    "services",
    "ipus",
    "osl",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise: static files carry the header too.
    "cus.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every page needs a logged-in user unless its view is @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A record moved or saved by someone else during this request: a message, not a 500.
    "cus.middleware.ConcurrentChangeMiddleware",
    # Logs out a session left idle longer than CUS_IDLE_TIMEOUT_MINUTES.
    "cus.middleware.IdleTimeoutMiddleware",
    # Sends staff who must use a second factor to set it up or enter a code.
    "cus.twofactor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must be last: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]
# bench/run reads the SQL query count of every response from a header.
CUS_BENCH_HEADERS = env_bool("CUS_BENCH_HEADERS", False)
if CUS_BENCH_HEADERS:
    MIDDLEWARE.insert(0, "cus.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "cus.urls"
WSGI_APPLICATION = "cus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cus.context_processors.navigation_menu",
            ],
            # The law's numbers (cus/law.py) and Polish counts (cus/plurals.py) in every
            # template, with or without a request.
            "builtins": [
                "cus.templatetags.cus_law",
                "cus.templatetags.cus_markup",
                "cus.templatetags.cus_plurals",
            ],
        },
    },
    {
        # The busiest list rows (templates/jinja2/, drawn by {% jinja %}; cus/jinja2.py).
        # Second, so Django's engine above stays the default of render() and the admin.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "cus.jinja2.environment"},
    },
]

# --- Database ---------------------------------------------------------------

# PostgreSQL everywhere: production, the suite (bin/with-postgres) and the demo (its own
# cluster under var/, started by bin/demo). One engine, so every query a user can
# trigger is one the suite has run.
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Set it to postgres://user:password@host:5432/name "
        "(make demo writes the demo's own into .env; make test starts its own server)."
    )
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Process memory only. (Aggregate reports are cached in the database, cus/reports.py.)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts ---------------------------------------------------------------

AUTH_USER_MODEL = "cus.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend's rules, with roles and permissions read in one query (cus/backends.py).
    "cus.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cus:home"
LOGOUT_REDIRECT_URL = "login"

# Failed logins: AXES_FAILURE_LIMIT for one account from one address, and
# CUS_LOGIN_ADDRESS_FAILURE_LIMIT from one address across all accounts (password spraying),
# within AXES_COOLOFF_MINUTES; then that account, or that address, waits out the cool-off
# (cus/lockout.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = "cus.lockout.lockout_parameters"
CUS_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("CUS_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
if CUS_LOGIN_ADDRESS_FAILURE_LIMIT < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "CUS_LOGIN_ADDRESS_FAILURE_LIMIT (failures from one address across accounts) must be "
        f"at least AXES_FAILURE_LIMIT ({AXES_FAILURE_LIMIT}, failures of one account)."
    )
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A staff session left idle this long is logged out; the page warns this many
# seconds before and offers to extend the session.
CUS_IDLE_TIMEOUT_MINUTES = env_int("CUS_IDLE_TIMEOUT_MINUTES", 30)
CUS_IDLE_WARNING_SECONDS = env_int("CUS_IDLE_WARNING_SECONDS", 120)

# Two-factor authentication (TOTP, with one-time recovery codes). Required, when
# CUS_2FA_REQUIRED is on, for the roles that see personal data; anyone may turn
# it on for their own account.
CUS_2FA_REQUIRED = env_bool("CUS_2FA_REQUIRED", True)
CUS_2FA_ROLES = env_list("CUS_2FA_ROLES", ["KIPUS", "OUS", "Dyrektor", "IOD", "Administrator"])
CUS_2FA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "CUS")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Security (production values unless DEBUG) ------------------------------

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("SECURE_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything is served from this origin (vendored front-end files); no inline
# scripts or eval. Inline style attributes stay allowed: Bootstrap components
# (progress bars, popovers) set them and they cannot run code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features no page uses, refused to every origin (cus.middleware sends the header):
# {feature: [allowed origins]}, [] = nobody. Each is a feature Chromium implements (a
# browser ignores names it does not know).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Set only by the test suite and `make demo`: allows plain-HTTP cookies without
# tripping the production checks in cus/checks.py.
CUS_ALLOW_INSECURE = env_bool("CUS_ALLOW_INSECURE", False)
# Set only in the .env that `make demo` writes: `manage.py seed_demo` (accounts with a
# published password) runs only with it on, and only against a database that bin/demo
# created and marked as the demo's own (cus.demo.DEMO_DATABASE_COMMENT).
CUS_DEMO = env_bool("CUS_DEMO", False)

# --- Language and time ------------------------------------------------------

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -----------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Uploaded files (scans, signed PDFs, logos) live outside static/ and are served
# only through permission-checked views, never by the web server directly.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Third-party ------------------------------------------------------------

# A list filter's "any" option (django-filter's default is "---------"); a filter's own
# empty_label overrides it.
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("wszystkie")
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
# History is for reading: an old version restored in the admin would bypass the
# workflows (a closed plan became a numberless draft). cus.admin refuses the POST too.
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Application ------------------------------------------------------------

# PDF/A variant WeasyPrint writes (documents are archived for years).
CUS_PDF_VARIANT = env_str("CUS_PDF_VARIANT", "pdf/a-3b") or None
# Deadlines and cadences set by law (DESIGN.md): settings, not literals in code. Each is
# a rule of cus/law.py, which pages, PDFs and messages read.
CUS_IPUS_APPROVAL_DAYS = env_int("CUS_IPUS_APPROVAL_DAYS", 30)
CUS_APPEAL_DAYS = env_int("CUS_APPEAL_DAYS", 14)
# An IPUS lasts at least this many months and at most this many (art. 35 and 40 of the Act).
CUS_IPUS_MIN_MONTHS = env_int("CUS_IPUS_MIN_MONTHS", 3)
CUS_IPUS_MAX_MONTHS = env_int("CUS_IPUS_MAX_MONTHS", 12)
CUS_MONITORING_EVERY_MONTHS = env_int("CUS_MONITORING_EVERY_MONTHS", 3)
# The OUS meets the coordinators at least every 3 months and summarises IPUS every 6.
CUS_MEETING_EVERY_MONTHS = env_int("CUS_MEETING_EVERY_MONTHS", 3)
CUS_SUMMARY_EVERY_MONTHS = env_int("CUS_SUMMARY_EVERY_MONTHS", 6)
# The OSL annual report on a plan year (or another period) is due by the end of this many
# months after the period ends: 3 = 31 March for a calendar year, 30 September for a plan
# year ending on 30 June (osl.models.ReportPeriod.deadline).
CUS_OSL_REPORT_DUE_MONTHS = env_int("CUS_OSL_REPORT_DUE_MONTHS", 3)
if not 0 <= CUS_OSL_REPORT_DUE_MONTHS <= 12:
    raise ImproperlyConfigured("CUS_OSL_REPORT_DUE_MONTHS must be between 0 and 12")
# Map tiles for the OSL map of resources (e.g. an own tile server); empty = no tiles,
# the map still shows the markers on a plain background (no network at run time).
CUS_MAP_TILE_URL = env_str("CUS_MAP_TILE_URL", "")
if CUS_MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(CUS_MAP_TILE_URL.replace("{s}.", "*."))
    SECURE_CSP["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")
# Retention per record class, in years after the case was closed (manage.py retention).
CUS_RETENTION_YEARS = {
    "case_files": env_int("CUS_RETENTION_CASE_FILES_YEARS", 10),
}
# The stored documents of an anonymised case (contracts, assessments, decisions, signed
# copies) are archival records: kept this many full years from 1 January of the year after
# the case closed — the archival category of their class in the centre's JRWA — then their
# bytes are destroyed (manage.py retention --apply), and their pages say so.
CUS_ARCHIVE = {
    "category": env_str("CUS_ARCHIVE_CATEGORY", "B10"),
    "years": env_int("CUS_ARCHIVE_YEARS", 10),
}

# Uploads (signed scans, e-signed PDFs, photos) larger than this are refused.
CUS_UPLOAD_MAX_BYTES = env_int("CUS_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The centre's signing certificate (PKCS#12) for PAdES signatures on approved
# documents; unset means documents are signed on paper only.
CUS_SIGNING_P12_PATH = env_str("CUS_SIGNING_P12_PATH")
CUS_SIGNING_P12_PASSWORD = env_str("CUS_SIGNING_P12_PASSWORD")
# PEM files of the certificate authorities whose signatures count as trusted.
CUS_SIGNING_TRUST_ROOTS = env_list("CUS_SIGNING_TRUST_ROOTS")
CUS_PAGE_SIZE = 25

# The key that encrypts backups (manage.py backup / restore; README "Backups"): 32 random
# bytes in URL-safe base64. Kept apart from the backups; without it they cannot be read.
CUS_BACKUP_KEY = env_key("CUS_BACKUP_KEY")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint and fontTools are chatty at INFO.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
