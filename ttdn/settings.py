"""Settings read from environment variables; defaults make `make run` work with SQLite.

Every variable is listed in docs/configuration.md and .env.example. What would be unsafe on
a public server fails closed: debug mode is off unless TTDN_DEBUG asks for it, and without
debug mode the process refuses to start without a secret key.
"""

import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {os.environ[name]!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(env_str("TTDN_DATA_DIR", str(REPO_DIR / "data")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("TTDN_DEBUG", False)
SECRET_KEY = env_str("TTDN_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "TTDN_SECRET_KEY is not set. Set it to a long random value, e.g. the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'` "
            "(or set TTDN_DEBUG=true on a development machine)."
        )
    SECRET_KEY = "dev-only-not-secret-change-me-in-production-ttdn"
ALLOWED_HOSTS = env_list("TTDN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("TTDN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "csp",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
    "ttdn.orgunits",
    "ttdn.search",  # each app registers what it indexes in its own search.py
    "ttdn.accounts",
    "ttdn.notices",  # in-app notices and the e-mail the worker sends for them
    "ttdn.indicators",
    "ttdn.registers",  # history and pages shared by every register (sổ theo dõi)
    "ttdn.activities",
    "ttdn.reporting",
    "ttdn.plans",
    "ttdn.publishing",  # publications, outlets, programmes, accounts, coverage
    "ttdn.direction",  # steering committee, officers, oversight visits, budget
    "ttdn.cooperation",  # training, delegations, partners and agreements abroad
    "ttdn.archive",
    "ttdn.exchange",  # values to and from other systems: DHIS2, ADX, CSV and XLSX
    "ttdn.signing",  # digital signatures on issued reports, checks of imported PDFs
    "ttdn.apps.SiteConfig",  # the project's own home page, commands and static files
]

MIDDLEWARE = [
    # First: a NUL in the path, query or a header reaches no session or view (ttdn/inputs.py).
    "ttdn.inputs.RejectNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ttdn.accounts.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ttdn.urls"
WSGI_APPLICATION = "ttdn.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'ttdn.sqlite3'}"),
        conn_max_age=env_int("TTDN_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # JIT planning costs more than it saves on the short consolidation queries.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    DATABASES["default"].setdefault("TEST", {})["NAME"] = "test_" + DATABASES["default"]["NAME"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock by username + IP: a whole office often shares one public address.
# The IP is the client's only where a proxy vouches for it: with TTDN_PROXY_COUNT reverse
# proxies in front (1 for the nginx of docs/deployment.md) the address is read from
# X-Forwarded-For, right-most entries first, one per proxy; without it X-Forwarded-For is
# ignored, since anyone can send one.
PROXY_COUNT = env_int("TTDN_PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TTDN_PROXY_COUNT must be 0 or more, not {PROXY_COUNT}")
if PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER: tuple[str, ...] = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # django-ipware counts the proxies listed in X-Forwarded-For; the nearest one is not
    # listed there: it is REMOTE_ADDR.
    AXES_IPWARE_PROXY_COUNT: int | None = PROXY_COUNT - 1
    # Take the entry at that position even when a client sent X-Forwarded-For of its own
    # (the proxies add theirs after it): the client is charged, not the proxy's address.
    IPWARE_STRICT = False
    # The proxy replaces X-Forwarded-Proto; without one a client could claim HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    AXES_IPWARE_PROXY_COUNT = None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("TTDN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("TTDN_LOGIN_COOLOFF_HOURS", 0.25)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Django's vi locale has no grouping and no d/m/Y input formats; ours fills both.
FORMAT_MODULE_PATH = ["ttdn.formats"]

STATIC_URL = "static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
STATIC_ROOT = Path(env_str("TTDN_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"  # only what FileField.url starts with: nothing serves it (ttdn/urls.py)
MEDIA_ROOT = Path(env_str("TTDN_MEDIA_ROOT", str(DATA_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
# Uploaded files leave only through permission-checked views (ttdn/downloads.py). With a
# path such as /protected, those views hand the sending to nginx (X-Accel-Redirect to an
# `internal` location, docs/deployment.md); empty: Django streams the file itself.
ACCEL_REDIRECT_PREFIX = env_str("TTDN_ACCEL_REDIRECT_PREFIX", "").rstrip("/")
if ACCEL_REDIRECT_PREFIX and not re.fullmatch(r"(/[A-Za-z0-9._-]+)+", ACCEL_REDIRECT_PREFIX):
    raise ImproperlyConfigured(
        f"TTDN_ACCEL_REDIRECT_PREFIX must be a path such as /protected, not {ACCEL_REDIRECT_PREFIX!r}"
    )

# The archive (docs/archive.md): originals of imported documents, the size cap of one
# file, the extraction children of each worker (each with its memory and time limits)
# and the job queue's clocks.
ARCHIVE_ROOT = Path(env_str("TTDN_ARCHIVE_ROOT", str(DATA_DIR / "archive")))
IMPORT_MAX_FILE_MB = env_float("TTDN_IMPORT_MAX_FILE_MB", 50)
IMPORT_PROCESSES = env_int("TTDN_IMPORT_PROCESSES", min(4, os.cpu_count() or 1))
IMPORT_MEMORY_MB = env_int("TTDN_IMPORT_MEMORY_MB", 1024)  # as `ttdn extract --memory-mb`
IMPORT_TIMEOUT_SECONDS = env_float("TTDN_IMPORT_TIMEOUT_SECONDS", 120)  # as its --timeout
# Heartbeats come every few seconds: one this old means the worker died.
JOB_STALE_SECONDS = env_float("TTDN_JOB_STALE_SECONDS", 120)
# How long a job runs while other units' jobs wait.
JOB_TURN_SECONDS = env_float("TTDN_JOB_TURN_SECONDS", 10)
for _name, _value in [
    ("TTDN_IMPORT_MAX_FILE_MB", IMPORT_MAX_FILE_MB),
    ("TTDN_IMPORT_PROCESSES", IMPORT_PROCESSES),
    ("TTDN_IMPORT_MEMORY_MB", IMPORT_MEMORY_MB),
    ("TTDN_IMPORT_TIMEOUT_SECONDS", IMPORT_TIMEOUT_SECONDS),
    ("TTDN_JOB_STALE_SECONDS", JOB_STALE_SECONDS),
]:
    if _value <= 0:
        raise ImproperlyConfigured(f"{_name} must be more than 0, not {_value:g}")
if JOB_TURN_SECONDS < 0:
    raise ImproperlyConfigured(f"TTDN_JOB_TURN_SECONDS must be 0 or more, not {JOB_TURN_SECONDS:g}")

# Digital signatures (docs/signing.md): CA certificates (PEM files) a signature must
# chain to, their CRLs, an RFC 3161 timestamp server. The demo CA that `ttdn demo` makes
# is trusted only where asked, by default only in development mode.
SIGNING_TRUST_ROOTS = env_list("TTDN_SIGNING_TRUST_ROOTS")
SIGNING_CRLS = env_list("TTDN_SIGNING_CRLS")
SIGNING_TSA_URL = env_str("TTDN_SIGNING_TSA_URL")
SIGNING_TRUST_DEMO_CA = env_bool("TTDN_SIGNING_TRUST_DEMO_CA", DEBUG)
for _file in SIGNING_TRUST_ROOTS + SIGNING_CRLS:
    if not Path(_file).is_file():
        raise ImproperlyConfigured(f"TTDN_SIGNING_TRUST_ROOTS/TTDN_SIGNING_CRLS: no file {_file}")
# The font the body's signature information is written in over its seal (it must have
# the Vietnamese letters). Set but missing stops the start-up; the default, missing,
# refuses the body's signature with the reason.
SIGNING_FONT = env_str("TTDN_SIGNING_FONT")
if SIGNING_FONT and not Path(SIGNING_FONT).is_file():
    raise ImproperlyConfigured(f"TTDN_SIGNING_FONT: no file {SIGNING_FONT}")
SIGNING_FONT = SIGNING_FONT or "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"

# `ttdn serve` (gunicorn): the address it listens on, threads per worker process and the
# access log file (empty: none); its --bind, --threads and --access-log say otherwise.
SERVE_BIND = env_str("TTDN_BIND", "127.0.0.1:8000")
SERVE_THREADS = env_int("TTDN_THREADS", 1)
if SERVE_THREADS < 1:
    raise ImproperlyConfigured(f"TTDN_THREADS must be at least 1, not {SERVE_THREADS}")
SERVE_ACCESS_LOG = env_str("TTDN_ACCESS_LOG", "")

# A LibreOffice converter kept running (`ttdn pdfserver`, started by `make run` and
# `ttdn serve`), as host:port; empty: each PDF starts a LibreOffice of its own.
PDF_SERVER = env_str("TTDN_PDF_SERVER", "")
if PDF_SERVER and not re.fullmatch(r"[A-Za-z0-9.\-]+:\d{1,5}", PDF_SERVER):
    raise ImproperlyConfigured(f"TTDN_PDF_SERVER must be host:port, not {PDF_SERVER!r}")
# The Python that can `import uno` (LibreOffice's bridge) for `ttdn pdfserver`; empty:
# found among the usual places.
UNO_PYTHON = env_str("TTDN_UNO_PYTHON", "")

# API tokens stop working this many days after they are made (`ttdn apitoken create
# --days` for another lifetime); a leaked token cannot serve for ever.
API_TOKEN_DAYS = env_int("TTDN_API_TOKEN_DAYS", 90)
if API_TOKEN_DAYS <= 0:
    raise ImproperlyConfigured("TTDN_API_TOKEN_DAYS must be at least 1")

EMAIL_BACKEND = env_str("TTDN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("TTDN_FROM_EMAIL", "ttdn@localhost")
# SMTP (django.core.mail.backends.smtp.EmailBackend): the mail server and its login.
EMAIL_HOST = env_str("TTDN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TTDN_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("TTDN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("TTDN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TTDN_EMAIL_TLS", False)
EMAIL_USE_SSL = env_bool("TTDN_EMAIL_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("TTDN_EMAIL_TLS and TTDN_EMAIL_SSL cannot both be true")
EMAIL_TIMEOUT = 30
# The file backend (django.core.mail.backends.filebased.EmailBackend, what `make run`
# uses) writes each message as a file here.
EMAIL_FILE_PATH = Path(env_str("TTDN_MAIL_DIR", str(DATA_DIR / "mail")))
# The address people reach TTĐN at, for the links in e-mail ("https://ttdn.example.gov.vn");
# empty: the mail carries no link.
SITE_URL = env_str("TTDN_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", SITE_URL):
    raise ImproperlyConfigured(f"TTDN_SITE_URL must be an http(s) address, not {SITE_URL!r}")

SESSION_COOKIE_HTTPONLY = True
# A session ends after this long without a request; each request starts the count again.
SESSION_COOKIE_AGE = env_int("TTDN_SESSION_IDLE_MINUTES", 60) * 60
if SESSION_COOKIE_AGE <= 0:
    raise ImproperlyConfigured("TTDN_SESSION_IDLE_MINUTES must be at least 1")
SESSION_SAVE_EVERY_REQUEST = True

# HTTPS: on a deployment (TTDN_SECURE_COOKIES=true) cookies go over HTTPS only, plain
# HTTP is redirected and browsers are told to use HTTPS for a year (HSTS).
SESSION_COOKIE_SECURE = env_bool("TTDN_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("TTDN_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env_int("TTDN_HSTS_SECONDS", 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TTDN_HSTS_INCLUDE_SUBDOMAINS", bool(SECURE_HSTS_SECONDS))
# Only a request to hstspreload.org puts a domain on the browsers' list; the directive
# makes the request possible.
SECURE_HSTS_PRELOAD = env_bool("TTDN_HSTS_PRELOAD", SECURE_HSTS_INCLUDE_SUBDOMAINS)

# Content-Security-Policy (django-csp): scripts and styles only from our own static
# files, never inline, so injected markup cannot run. Permission-checked downloads set
# a stricter policy of their own (ttdn/downloads.py), which the middleware keeps.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TTDN_LOG_LEVEL", "WARNING")},
    # pyHanko logs a traceback for every signature it cannot trust; the verdict is kept
    # on the document (docs/signing.md), so only its errors go to the log.
    "loggers": {"pyhanko": {"level": "ERROR"}},
}
