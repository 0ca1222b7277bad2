"""Settings for the mentorship platform.

One file. Every value comes from the environment, with a default that is safe on a
developer's machine: the project-local PostgreSQL and Redis on unix sockets under
.local/run (see the Makefile). Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
DJANGO_SECURE=1 and the service addresses; README.md lists them all.
"""

import os
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
SOCKETS = BASE_DIR / ".local" / "run"


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# --- Core --------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)
# The local default key is only ever used on a developer's machine: DJANGO_SECURE=1
# (production) refuses to start without a real one.
SECRET_KEY = env("DJANGO_SECRET_KEY", "local-development-only-not-a-secret")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1

INSTALLED_APPS = [
    "mentorship",
    "programs",
    "matching",
    "events",
    "demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "django_htmx",
    "import_export",
    "pgtrigger",
    "pghistory",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Each change a request makes is recorded with the person and the address.
    "pghistory.middleware.HistoryMiddleware",
    "mentorship.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mentorship.middleware.SecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "mentorship.urls"
WSGI_APPLICATION = "mentorship.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Plain-text emails: "O'Neil" stays "O'Neil", not "O&#x27;Neil". Only .txt email
        # bodies are rendered with it (mentorship.services.render_text).
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Data --------------------------------------------------------------------------

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": env("POSTGRES_DB", "mentorship"),
        "USER": env("POSTGRES_USER", "mentorship"),
        "PASSWORD": env("POSTGRES_PASSWORD", ""),
        "HOST": env("POSTGRES_HOST", str(SOCKETS)),
        "PORT": env("POSTGRES_PORT", ""),
        # docker-compose.yml keeps connections for a minute (60): connecting per request
        # cost gunicorn more than a small page's whole work. Locally 0: the development
        # server connects per request anyway, and the tests' worker must not keep the
        # test database open.
        "CONN_MAX_AGE": int(env("POSTGRES_CONN_MAX_AGE", "0")),
        "CONN_HEALTH_CHECKS": True,
        # JIT compiling costs PostgreSQL seconds on the cohort health page's aggregate
        # query (2.8 of its 3.0 s at 2,000 pairs) and never pays back on this workload:
        # off for every connection, whatever the cluster says (POSTGRES_JIT=on to allow).
        "OPTIONS": {"options": f"-c jit={env('POSTGRES_JIT', 'off')}"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "mentorship.User"

REDIS_URL = env("REDIS_URL", f"unix://{SOCKETS}/redis.sock")


def redis_db_url(db: int) -> str:
    separator = "&" if "?" in REDIS_URL else "?"
    if REDIS_URL.startswith("unix://"):
        return f"{REDIS_URL}{separator}db={db}"
    return f"{REDIS_URL.rstrip('/')}/{db}"


CACHES = {
    "default": {
        "BACKEND": "mentorship.cache.FailOpenRedisCache",
        "LOCATION": redis_db_url(int(env("REDIS_CACHE_DB", "1"))),
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "mentorship"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Celery ------------------------------------------------------------------------


def celery_url(db: int) -> str:
    """Kombu names a unix socket redis+socket:///path; redis-py names it unix:///path."""
    url = redis_db_url(db)
    if url.startswith("unix://"):
        return "redis+socket://" + url.removeprefix("unix://")
    return url


CELERY_BROKER_URL = env("CELERY_BROKER_URL", celery_url(int(env("REDIS_BROKER_DB", "0"))))
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", "mentorship")
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies mid-way is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
# Nothing reads a task's return value (progress and outcomes live in the database); not
# asking for it keeps a page from waiting on the result store when Redis is down.
CELERY_TASK_IGNORE_RESULT = True
# No task may run longer than this (the worker stops it), and a task taken by a worker
# that died is handed out again after the visibility timeout, which is longer: a task
# still running is never handed out twice, a lost one comes back within 15 minutes.
CELERY_TASK_SOFT_TIME_LIMIT = int(env("CELERY_TASK_SOFT_TIME_LIMIT", "600"))
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "900")),
    # A broker that does not answer is given up on at once when a page hands it a task
    # (one attempt, no retry loop); the worker's own connection keeps its retries.
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 0,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A matching run that has not moved for this long is marked failed (its worker died).
MATCHING_RUN_STUCK_SECONDS = int(env("MATCHING_RUN_STUCK_SECONDS", "720"))
# Above this many possible pairs (mentees x mentors; 4,000 x 4,000) a run no longer
# holds the whole score matrix (about 1 GB there): it scores a block of mentees at a time
# and matches over each mentee's MATCHING_CANDIDATES best mentors, exact over those.
# bench_matching --candidates --verify measures the gap to the full optimum (0.0 % at
# 10,000 x 7,500 with 40).
MATCHING_DENSE_MAX_PAIRS = int(env("MATCHING_DENSE_MAX_PAIRS", "16000000"))
MATCHING_CANDIDATES = int(env("MATCHING_CANDIDATES", "40"))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "Europe/Stockholm"
CELERY_BEAT_SCHEDULE = {
    # Reminders go out hourly; the coordinators' digest on Monday mornings. Both can be
    # moved in the admin (Periodic tasks), where beat reads them.
    "reminders-sweep": {
        "task": "events.tasks.reminders_sweep_task",
        "schedule": crontab(minute=5),
    },
    "coordinator-digest": {
        "task": "events.tasks.reminders_sweep_task",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
        "kwargs": {"digest": True},
    },
    # Emails whose task was lost (broker restarted, worker killed before it ran)
    # are queued again; the idempotency key makes that safe.
    "email-resend-pending": {
        "task": "mentorship.tasks.email_resend_pending",
        "schedule": 300.0,
    },
    # New messages whose delayed email was lost still get it (at most one an hour).
    "message-notices": {
        "task": "matching.tasks.message_notices_sweep",
        "schedule": 600.0,
    },
    "matching-runs-stuck": {
        "task": "matching.tasks.matching_runs_fail_stuck",
        "schedule": 300.0,
    },
    # Applications never accepted are erased after each program's retention period.
    "applications-retention": {
        "task": "programs.tasks.applications_retention_task",
        "schedule": crontab(hour=3, minute=30),
    },
    # Webhook deliveries whose task was lost (a worker killed mid-way) are sent again.
    "webhooks-due": {
        "task": "programs.tasks.webhooks_sweep_task",
        "schedule": 60.0,
    },
    # The change history is kept AUDIT_HISTORY_MONTHS, then purged.
    "history-purge": {
        "task": "programs.tasks.history_purge_task",
        "schedule": crontab(hour=3, minute=45),
    },
}

# --- Email -------------------------------------------------------------------------

EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
# Without an SMTP host (a developer's machine) mail is written to .local/mail.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / ".local" / "mail"))
# Where people report an accessibility problem (named on the accessibility statement).
ACCESSIBILITY_CONTACT = env("ACCESSIBILITY_CONTACT", "tillganglighet@mentorship.example")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Mentorskap <noreply@mentorship.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds between attempts when the SMTP server refuses or is unreachable.
EMAIL_RETRY_DELAY = int(env("EMAIL_RETRY_DELAY", "60"))
EMAIL_MAX_RETRIES = int(env("EMAIL_MAX_RETRIES", "8"))
# A pause before each email, for SMTP services that limit how fast they accept mail.
EMAIL_THROTTLE_SECONDS = float(env("EMAIL_THROTTLE_SECONDS", "0"))
# Queued emails untouched this long are queued again (their task was lost).
EMAIL_RESEND_AFTER_SECONDS = int(env("EMAIL_RESEND_AFTER_SECONDS", "600"))

# --- The API and webhooks ----------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["programs.api.access.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["programs.api.access.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["programs.api.access.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "programs.api.access.UpdatedCursorPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Requests per token (DRF's rate format: "600/minute", "20/second").
API_RATE_LIMIT = env("API_RATE_LIMIT", "600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Mentorship API",
    "DESCRIPTION": (
        "Programs, cohorts, applications, participants, matches, sessions, meetups, "
        "attendance and check-ins, for the programs a token reaches. Send the token as "
        "`Authorization: Bearer mtk_…`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # The interactive docs' scripts and styles are served from here, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "programs.enums.Role",
        "QuestionRoleEnum": "programs.enums.QuestionRole",
    },
}
# An endpoint must be https on a public host; http to this machine only when this is on.
WEBHOOK_ALLOW_LOOPBACK = env_bool("WEBHOOK_ALLOW_LOOPBACK", DEBUG)
WEBHOOK_TIMEOUT = float(env("WEBHOOK_TIMEOUT", "10"))
# Seconds before each retry of a failed delivery (the Standard Webhooks schedule); after
# the last, the delivery is given up and the coordinator can resend it.
WEBHOOK_RETRY_DELAYS = [
    float(delay) for delay in env_list("WEBHOOK_RETRY_DELAYS", "5,300,1800,7200,18000,36000")
]

# --- Accounts (django-allauth: email login, no usernames) --------------------------

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_ADAPTER = "mentorship.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "mentorship.forms.LoginForm",
    "request_login_code": "mentorship.forms.RequestLoginCodeForm",
}
# One lockout for every way in (the admin's login is allauth's, and a locked address gets
# no login code): after 5 wrong passwords for an address within 15 minutes it is locked,
# right password or not, until they age out; 10 a minute from one client address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("ACCOUNT_LOGIN_FAILED_LIMIT", "10/m/ip,5/15m/key"),
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# Second factor (allauth.mfa): an authenticator app, security keys or passkeys, and
# recovery codes. Everyone may add one from their account page; staff (every coordinator,
# every superuser: the people who see sensitive answers and export personal data) must,
# before any other page opens (mentorship.middleware.SecondFactorMiddleware).
MFA_ADAPTER = "mentorship.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", "Mentorskap")
# Security keys need HTTPS, except on a developer's own machine.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", DEBUG)
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", True)

# Single sign-on through an organisation's OpenID Connect or SAML 2.0 provider (allauth's
# socialaccount, configured per organisation: Organisation.sso_app and sso_domains). A
# person is linked to an existing account only by an address the provider says it has
# verified, and only at the organisation's own domains (mentorship.sso).
SOCIALACCOUNT_ADAPTER = "mentorship.sso.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_STORE_TOKENS = False

# --- Change history (django-pghistory, mentorship/history.py) ------------------------

# The history triggers are in the migrations, except the one on the coordinators table
# (Django makes that table itself, outside any migration's model): each migrate installs
# it too.
PGTRIGGER_INSTALL_ON_MIGRATE = True
# Changes are kept this long, then purged by the beat (and erased with the person).
AUDIT_HISTORY_MONTHS = int(env("AUDIT_HISTORY_MONTHS", "36"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time -------------------------------------------------------------

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "language"
TIME_ZONE = env("TIME_ZONE", "Europe/Stockholm")
USE_I18N = True
USE_TZ = True

# DJANGO_SECURE=1 is production behind HTTPS (security settings below).
SECURE = env_bool("DJANGO_SECURE", False)

# --- Static files ------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / ".local" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / ".local" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if SECURE
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Tests and a developer's machine serve static files straight from static/.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", not SECURE)
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ----------------------------------------------------------------------

# A Content Security Policy with no inline scripts or styles: templates load their
# code from static/js and static/css only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

if SECURE:
    if SECRET_KEY.startswith("local-development"):
        raise RuntimeError("DJANGO_SECURE=1 needs DJANGO_SECRET_KEY to be set.")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Intake ------------------------------------------------------------------------

APPLICATION_FILE_MAX_MB = int(env("APPLICATION_FILE_MAX_MB", "5"))
# Public application form: submissions per client address (django-ratelimit syntax).
APPLICATION_RATE_LIMIT = env("APPLICATION_RATE_LIMIT", "10/m")
# Behind a proxy, the client address is in this header (e.g. HTTP_X_FORWARDED_FOR).
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")
# With Redis away the limiter lets requests through (and logs it) rather than answer 500.
RATELIMIT_FAIL_OPEN = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

# Days after a match starts before an unsigned agreement is reminded about.
AGREEMENT_REMINDER_DAYS = int(env("AGREEMENT_REMINDER_DAYS", "14"))

# A monitor that sends this token sees which part of /health/ failed; others see only
# the status.
HEALTH_TOKEN = env("HEALTH_TOKEN", "")

# Demo data password, printed by `make run` next to the demo logins.
DEMO_PASSWORD = env("DEMO_PASSWORD", "mentor-demo-2026")
