"""Settings shared by every environment; each value that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from core.csv_format import SpreadsheetCSV

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}.")


def env_rate(name, default):
    """A rate such as 120/minute (N/second, N/minute or N/hour), refused at start when malformed: read on every
    request, a bad one would otherwise answer every page with a 500."""
    value = os.environ.get(name) or default
    number, _, period = value.strip().partition("/")
    if not number.isdigit() or int(number) < 1 or period not in {"second", "minute", "hour"}:
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 120/minute (N/second, N/minute or N/hour); got {value!r}."
        )
    return f"{int(number)}/{period}"


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def database_from_env():
    """DATABASE_URL when given, else an SQLite file in the git-ignored var/ folder.

    PostgreSQL connections are kept open between requests (a new one costs about 5 ms on our
    machines) and checked before reuse, so a restarted server costs one failed request at most.
    """
    if not os.environ.get("DATABASE_URL"):
        VAR_DIR.mkdir(exist_ok=True)  # git-ignored, so a fresh clone does not have it
    default_url = f"sqlite:///{VAR_DIR / 'gmg_portal.sqlite3'}"
    database = dj_database_url.config(
        default=default_url,
        conn_max_age=600,
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {**database.get("OPTIONS", {}), **SQLITE_FOR_CONCURRENT_WRITERS}
    return database


# SQLite with several writers at once (runserver's threads, two editors saving): with its default deferred
# transactions, a request that has read and then writes while another holds the write lock fails at once
# with "database is locked" (a 500), whatever the timeout, since waiting could deadlock. IMMEDIATE takes
# the write lock when the transaction begins, so the second writer waits its turn, up to `timeout`
# seconds; WAL lets pages be read meanwhile. See "SQLite notes" in Django's database documentation.
SQLITE_FOR_CONCURRENT_WRITERS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL",
}


def cache_from_env():
    """The shared Redis at REDIS_URL when given (what several app servers need), else this process's memory."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "BACKEND": "gmg_portal.cache_backend.RedisCache",  # Django's, keeping its client (see there)
        "LOCATION": url,
        "KEY_PREFIX": "gmg",
        # A cache that stops answering costs a request 1 second at most; pages are then served uncached.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


def admin_url_from_env():
    """DJANGO_ADMIN_URL, e.g. `office-7f3a/`: where the admin is served (default `admin/`)."""
    url = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip().strip("/")
    if not url or not all(part.replace("-", "").replace("_", "").isalnum() for part in url.split("/")):
        raise ImproperlyConfigured("DJANGO_ADMIN_URL must be a path of letters, digits, - and _, such as office-7f3a/.")
    if url.split("/")[0] in RESERVED_PATHS:
        raise ImproperlyConfigured(f"DJANGO_ADMIN_URL must not start with a public address: {sorted(RESERVED_PATHS)}.")
    return f"{url}/"


def accel_redirect_from_env():
    """DJANGO_DOCUMENTS_ACCEL_REDIRECT, e.g. `/protected-documents/`: the internal location of the web server that sends
    the documents' files, the stored file's name appended; or "" when the portal sends them itself."""
    prefix = os.environ.get("DJANGO_DOCUMENTS_ACCEL_REDIRECT", "").strip()
    # Without its last slash, the address given to nginx misses the internal location: nginx passes it back to the
    # portal, and every PDF answers 404 (seen with deploy/try-nginx.sh) while uploads still work.
    if prefix and not (prefix.startswith("/") and prefix.endswith("/")):
        raise ImproperlyConfigured(
            "DJANGO_DOCUMENTS_ACCEL_REDIRECT must start and end with /, as the internal location of deploy/nginx.conf "
            "does: /protected-documents/."
        )
    return prefix


RESERVED_PATHS = {
    "members",
    "chairmanships",
    "topics",
    "events",
    "publications",
    "search",
    "static",
    "media",
    "healthz",
}

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "gmg_portal.apps.PortalAdminConfig",  # Django's admin, on the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # the built-in widgets' templates, for FORM_RENDERER below
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "import_export",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by the portal itself (no CDN)
    "corsheaders",
    "gmg_portal.apps.PortalConfig",
    "core",
    "agencies",
    "themes",
    "events",
    "publications",
]

MIDDLEWARE = [
    "gmg_portal.request_log.RequestLogMiddleware",  # first, so that its timing covers everything below
    "django.middleware.security.SecurityMiddleware",
    "gmg_portal.middleware.SecurityHeadersMiddleware",  # above WhiteNoise: static files carry its headers too
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Above the page cache: a stored API answer carries the CORS header whatever the first visitor sent.
    "corsheaders.middleware.CorsMiddleware",
    # A stored page keeps the headers set below it (CSP, frame denial) and gets those above it anew.
    "gmg_portal.page_cache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gmg_portal.languages.PortalLocaleMiddleware",  # the language from the address; below the page cache
    "django.middleware.common.CommonMiddleware",
    "gmg_portal.middleware.AdminInputGuardMiddleware",  # before any admin view, sign-in or its throttling reads input
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gmg_portal.crawl_limit.CrawlLimitMiddleware",  # below the page cache, and knowing staff from the rest
    "core.staff_time.StaffTimeZoneMiddleware",  # the admin in each staff member's own zone; public pages in TIME_ZONE
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "gmg_portal.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "gmg_portal.urls"
WSGI_APPLICATION = "gmg_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "gmg_portal.languages.languages",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Widgets render with the project's templates, as pages do, so that templates/ overrides a built-in widget's
# template (templates/admin/widgets/split_datetime.html labels each input of a date and time).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": database_from_env()}
CACHES = {"default": cache_from_env()}
# Sessions are written to the database and read through the cache: shared by every app server, and
# not lost when Redis restarts (it keeps nothing on disk).
SESSION_ENGINE = "gmg_portal.sessions"  # Django's cached_db, carrying on while the cache is down
# The longest a public page is kept (seconds) when nothing ends its generation sooner (gmg_portal/page_cache.py);
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
# Stored pages with a query string (searches, filter combinations, list pages) per generation at most: the bound
# on what made-up addresses can fill the cache with (about 10 KB each, gzipped). Pages past it are served unstored.
PAGE_CACHE_MAX_QUERY_PAGES = int(os.environ.get("DJANGO_PAGE_CACHE_MAX_QUERY_PAGES", "10000"))
# Seconds a cache in front of the app servers may keep a public page (Cache-Control: s-maxage; deploy/nginx.conf):
# an edit shows there after at most this long, as it shows on every app server within a second. 0: not at all.
PAGE_SHARED_MAX_AGE = int(os.environ.get("DJANGO_PAGE_SHARED_MAX_AGE", "1"))
ADMIN_URL = admin_url_from_env()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Email of the review workflow (core/notifications.py): printed on the console unless production sets SMTP.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "GMG Portal <noreply@localhost>")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The UN's six official languages, in the order un.org lists them, each named in its own script in the switcher.
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LANGUAGES_BIDI = ["ar"]
# The project's catalogues (locale/<lang>/LC_MESSAGES/django.po); `make` compiles them, the .mo files are not committed.
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as the portal has always written them ("18 December 2026"); the other languages keep Django's own.
FORMAT_MODULE_PATH = ["gmg_portal.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    # Arabic pages' font (static/css/portal.css): its woff2 files only, not the package's own stylesheets.
    ("vendor/noto-sans-arabic", BASE_DIR / "node_modules" / "@fontsource-variable" / "noto-sans-arabic" / "files"),
]
WHITENOISE_ROOT = BASE_DIR / "static" / "root"  # served at the site's root: /favicon.ico
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Uploaded logos, written anew as PNG under random names (agencies/images.py). In production the web
# server serves /media/ from this folder as static files: nothing in it is ever run.
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# The documents' PDFs: not under MEDIA_ROOT, which the web server gives out to anyone, since a draft's file is
# not public. The portal serves them (publications/views.py); docs/deployment.md says how nginx can.
DOCUMENTS_ROOT = Path(os.environ.get("DJANGO_DOCUMENTS_ROOT", VAR_DIR / "documents"))
# Set (e.g. "/protected-documents/") where nginx serves DOCUMENTS_ROOT as an internal location: the portal then
# checks each download and nginx sends the file.
DOCUMENTS_ACCEL_REDIRECT = accel_redirect_from_env()
DOCUMENT_MAX_BYTES = int(os.environ.get("DJANGO_DOCUMENT_MAX_MB", "20")) * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# CSV import and export in the admin: importing takes the permission to add, exporting to view;
# an import runs in a transaction, so a file with any bad row changes nothing.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_FORMATS = [SpreadsheetCSV]  # with a byte-order mark: spreadsheets read every script
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True  # a cell such as =HYPERLINK(...) is not a formula in a spreadsheet
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Security headers. No page runs an inline script or style; the event page's JSON-LD is a data block,
# which script-src does not govern. Bootstrap draws its form controls with data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page uses a camera, a microphone, the visitor's location or any other powerful feature: none may.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
)

# The public JSON API (gmg_portal/api/, docs/api.md): read-only, anonymous, JSON only, answers from the page cache
# like pages. The rate is per client address, on answers the cache does not hold; over it, a 429 with Retry-After.
API_RATE = env_rate("DJANGO_API_RATE", "120/minute")
# Pages the portal builds for one client address (the page cache's misses and what it steps aside for) at most,
# as N/second, N/minute or N/hour: past it, 429 until the period is over (gmg_portal/crawl_limit.py).
NEW_PAGE_RATE = env_rate("DJANGO_NEW_PAGE_RATE", "120/minute")
API_MAX_AGE = 60  # seconds a client or proxy may keep an answer (Cache-Control)
API_PAGE_SIZE = 20
API_MAX_PAGE_SIZE = 100
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "gmg_portal.api.policies.JSONOnly",
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # everyone sees the public records only; no session, no CSRF
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["gmg_portal.api.policies.PerClientAddress"],
    "DEFAULT_FILTER_BACKENDS": ["gmg_portal.api.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "gmg_portal.api.policies.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Global Migration Group portal API",
    "DESCRIPTION": "The Group's public records: members, chairmanships, topics, events, documents and sources. "
    "Read-only; the language is in every address. See docs/api.md for examples and the versioning policy.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/[a-z-]+/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gmg_portal.api.schema.language_in_paths",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"DatePrecisionEnum": "core.dates.DatePrecision"},
}
# Any site may read the API from a browser (GET, without credentials); nothing else is shared across origins.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/([a-z-]+/)?api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "Content-Language"]

# Admin sign-in throttling (django-axes): after 5 failures from one address, that address is refused
# for 15 minutes with a page that says so (HTTP 429). Counts live in the shared database; `manage.py
# axes_reset` lifts every lock. Behind reverse proxies, DJANGO_PROXY_COUNT says how many: the
# visitor's address is read from X-Forwarded-For that many entries from the right (gmg_portal/proxy.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_LOCKOUT_TEMPLATE = "lockout.html"
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "gmg_portal.proxy.client_ip"
AXES_USERNAME_CALLABLE = "gmg_portal.sign_in.attempted_username"  # cut to its column's width (see there)
# Uploaded CSV files wait for the editor's confirmation in the shared cache, so that the preview and the
# confirmation may reach different app servers (a temporary file would be on one of them only).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "core.csv_admin.UploadInCache"

# One JSON object per line on standard error: a line per request (gmg_portal/request_log.py) and every
# error with its traceback, each carrying the request's id.
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "gmg_portal.request_log.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers would print 4xx/5xx a second time, in plain text.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
        "axes": {"level": "WARNING"},  # its start-up banner and per-attempt notes; lockouts are warnings
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
