"""Settings from the environment (12-factor).

DATABASE_URL   sqlite:///… (default: var/dangbo.sqlite3) or postgres://user:pass@host/db
SECRET_KEY     required when DEBUG is off
DEBUG          "1"/"true" to enable (default off; `make run` turns it on)
ALLOWED_HOSTS  comma-separated (default: localhost,127.0.0.1)
DANGBO_HOME    the folder holding var/ (default: the checkout); DANGBO_VAR the data folder itself
DANGBO_HTTPS   "1" behind a TLS reverse proxy: proxy header, HTTPS redirect, HSTS, secure cookies
DANGBO_TRUSTED_PROXIES  comma-separated proxy addresses/networks whose X-Forwarded-For is read
SITE_URL       the address people open dangbo at (e.g. https://dangbo.benhvien.vn), for links
               in emails and calendar feeds (default: the request's host; localhost in emails)
EMAIL_HOST     the SMTP server; unset: emails are printed on the console. With EMAIL_PORT (25),
               EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS / EMAIL_USE_SSL,
               EMAIL_TIMEOUT (20 s), DEFAULT_FROM_EMAIL (the sender of invitations)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
# The data directory does not depend on where a command is started from (issue 7): the
# checkout (src layout: two levels above this package) unless DANGBO_HOME says otherwise.
PROJECT_DIR = Path(os.environ.get("DANGBO_HOME", BASE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("DANGBO_VAR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("DANGBO_TESTING"):
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-insecure-dangbo-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "template_partials",
    "django_htmx",
    "treebeard",
    "simple_history",
    "axes",
    "csp",
    "ninja",  # Swagger UI's files for /api/docs from /static/ninja/, not from a CDN
    "dangbo.core",
    "dangbo.documents",
    "dangbo.accounts",
    "dangbo.organizations",
    "dangbo.members",
    "dangbo.targets",
    "dangbo.meetings",
    "dangbo.evaluations",
    "dangbo.awards",
    "dangbo.reports",
    "dangbo.news",
    "dangbo.dashboard",
    "dangbo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dangbo.core.middleware.VietnameseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "dangbo.core.middleware.ErrorPagesMiddleware",  # last: sees the view's exceptions first
]

ROOT_URLCONF = "dangbo.urls"
WSGI_APPLICATION = "dangbo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "dangbo.dashboard.context_processors.navigation",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "template_partials.templatetags.partials",
                "dangbo.core.templatetags.dangbo",
            ],
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'dangbo.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dangbo.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("DANGBO_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
IMPORT_DIR = VAR_DIR / "imports"

SESSION_COOKIE_HTTPONLY = True
# Behind the hospital's TLS-terminating reverse proxy (nginx): DANGBO_HTTPS=1 trusts its
# X-Forwarded-Proto header, redirects plain HTTP and sends HSTS (DANGBO_HSTS_SECONDS, default
# one year; start with a small value when first enabling it). SECURE_COOKIES alone still works.
HTTPS = env_bool("DANGBO_HTTPS")
SESSION_COOKIE_SECURE = HTTPS or env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = HTTPS or env_bool("SECURE_COOKIES")
CSRF_FAILURE_VIEW = "dangbo.core.error_views.csrf_failure"  # Vietnamese, with the menu
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DANGBO_HSTS_SECONDS", "31536000"))
    # HSTS covers dangbo's own host and the names below it, never the hospital's other sites.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DANGBO_HSTS_SUBDOMAINS", True)
# Client IPs (the reveal log): addresses or networks of the reverse proxies in front of dangbo,
# comma-separated (e.g. "127.0.0.1,::1" for nginx on the same host). A request from one of them
# is logged with the right-most address of X-Forwarded-For that is not a trusted proxy (see
# core.clientip). Default: none, so REMOTE_ADDR only and the header, which the client can
# forge, is never read.
DANGBO_TRUSTED_PROXIES = env_list("DANGBO_TRUSTED_PROXIES", "")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": [SELF],
    }
}

PAGE_SIZE = 50
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Evidence files attached to target values ("tệp minh chứng"): the largest accepted, in MB;
# checked by the form and the service (targets.uploads), whatever the web server lets through.
DANGBO_EVIDENCE_MAX_MB = int(os.environ.get("DANGBO_EVIDENCE_MAX_MB", "10"))

# Email (meeting invitations, issue 8): SMTP when EMAIL_HOST is set, else the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dangbo <dangbo@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute links in emails and .ics feeds (no trailing slash); empty: the request's host.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Lock out by user name only: a hospital's office PCs share one NAT address, so locking by IP
# would lock out the whole committee office after one person's mistakes.
# axes.W006: lockout by user name only (README). security.W021: HSTS preload is for public
# domains submitted to the browsers' list; dangbo runs on a hospital's LAN host name.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "security.W021"]

# Tests and development serve static files straight from the apps (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG or env_bool("DANGBO_TESTING")
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
