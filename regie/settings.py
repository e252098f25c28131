"""One settings module: every value comes from the environment, with the embedded default."""
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO

from gemeenten.proxy import parse_trusted_proxies

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env(
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "testserver"]),
)

# Production is the default: DEBUG is off unless DEBUG=1 is set (`make run` and `make test`
# do), whatever the database. Off means the HTTPS-only settings and no demo way past 2FA.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
SECRET_KEY_PROBLEM = ""
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-only-for-the-embedded-default"
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5
                    or SECRET_KEY.startswith("django-insecure-")):
    # Django's own check (security.W009) only warns; with a guessable key anyone can sign
    # sessions and password-reset links. The web server (gunicorn, runserver), the worker and
    # beat refuse to start, and `check --deploy` fails (regie/startup.py); a command that
    # serves nothing (makemigrations, compile_catalogues) still runs, with a random key that
    # signs nothing anyone keeps.
    SECRET_KEY_PROBLEM = (
        "SECRET_KEY must be set to at least 50 random characters when DEBUG is off, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'.")
    import secrets

    SECRET_KEY = secrets.token_urlsafe(50)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
# The TLS proxy in front (addresses or networks): only from it are X-Forwarded-For and
# X-Forwarded-Proto believed (gemeenten/proxy.py; gunicorn.conf.py reads the same variable).
try:
    TRUSTED_PROXY_IPS = parse_trusted_proxies(env.str("TRUSTED_PROXY_IPS", default=""))
except ValueError as error:
    raise environ.ImproperlyConfigured(str(error)) from None

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "csp",
    "gemeenten",
    "initiatives",
    "statushouders",
    "volunteers",
    "infopunt",
    "regie",
]

MIDDLEWARE = [
    "gemeenten.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gemeenten.middleware.AdminOffOnHostsMiddleware",
    "gemeenten.middleware.StripNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gemeenten.middleware.LanguageFromPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gemeenten.middleware.IdleSessionMiddleware",
    "gemeenten.middleware.SecurityHeadersMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gemeenten.middleware.RequireTwoFactorMiddleware",
    "gemeenten.middleware.TenantScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"

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
                "gemeenten.context_processors.portal",
            ],
        },
    },
]

# --- Database: SQLite in WAL mode by default, PostgreSQL through DATABASE_URL -------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # The in-memory test database ignores the busy timeout; concurrency tests need a file.
    # tests/conftest.py uses memory for a run without a test marked `sqlite_file`.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
EMBEDDED_DATABASE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ----------------------------------------------------------------------------
AUTH_USER_MODEL = "gemeenten.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},  # issue 22: at least 12
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address, not the proxy's (gemeenten/proxy.py); every failure is logged, and
# the log-in throttle counts them per address over all usernames (gemeenten/accounts/throttle.py).
AXES_CLIENT_IP_CALLABLE = "gemeenten.proxy.client_ip"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Per address, over all usernames (password spraying): after LOGIN_THROTTLE_FREE_FAILURES
# failures within LOGIN_THROTTLE_WINDOW_MINUTES every next attempt waits twice as long as
# the one before, from LOGIN_THROTTLE_BASE_SECONDS up to LOGIN_THROTTLE_MAX_SECONDS. It never
# locks: an office or kiosk behind one address is slowed, its people still log in.
LOGIN_THROTTLE_FREE_FAILURES = env.int("LOGIN_THROTTLE_FREE_FAILURES", default=10)
LOGIN_THROTTLE_WINDOW_MINUTES = env.int("LOGIN_THROTTLE_WINDOW_MINUTES", default=15)
LOGIN_THROTTLE_BASE_SECONDS = env.int("LOGIN_THROTTLE_BASE_SECONDS", default=2)
LOGIN_THROTTLE_MAX_SECONDS = env.int("LOGIN_THROTTLE_MAX_SECONDS", default=60)
OTP_TOTP_ISSUER = "Regie portal"
INVITATION_VALID_DAYS = 7
# Self-registration of an initiative: a time check, hourly limits (per client address and
# per e-mail address, in the database), and how long the e-mailed confirmation link works.
REGISTRATION_FORM_MIN_SECONDS = env.int("REGISTRATION_FORM_MIN_SECONDS", default=3)
REGISTRATION_MAX_PER_HOUR = env.int("REGISTRATION_MAX_PER_HOUR", default=5)
REGISTRATION_MAX_PER_EMAIL_PER_HOUR = env.int("REGISTRATION_MAX_PER_EMAIL_PER_HOUR", default=3)
REGISTRATION_LINK_VALID_HOURS = 24
# How long an e-mailed link to set up two-step verification works (once).
TWO_FACTOR_SETUP_LINK_HOURS = env.int("TWO_FACTOR_SETUP_LINK_HOURS", default=24)
# Retention (gemeenten/privacy.py, initiatives/accounts/privacy.py): axes' log-in records and
# the per-address throttle; invitations this many days after they expired (accepted or not).
AXES_RECORD_RETENTION_DAYS = env.int("AXES_RECORD_RETENTION_DAYS", default=30)
INVITATION_RETENTION_DAYS = env.int("INVITATION_RETENTION_DAYS", default=90)
# The documented demo way past 2FA (code 000000): only on the embedded default with DEBUG on.
DEMO_2FA_CODE = "000000"

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ti", "ትግርኛ"),
    ("fa", "فارسی / دری"),
    ("tr", "Türkçe"),
    ("so", "Soomaali"),
]
LANG_INFO.setdefault("ti", {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"})
LANG_INFO.setdefault("so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"})
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date and time style per language, by name in the templates (regie/formats/__init__.py).
FORMAT_MODULE_PATH = ["regie.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl",)
STAFF_LANGUAGE = "nl"

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail: every message goes through the outbox first --------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="regie-portal@example.org")
# Seconds per operation on the mail server's socket: a server that hangs holds up one
# worker this long per message (never a database lock: gemeenten/outbox.py).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# After this many failed attempts the sweep stops trying a message (a server that keeps
# refusing it); it stays in the admin's outbox with its last error.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=10)
# How long a worker holds a message it is sending. It must outlast the slowest send (a few
# round trips of up to EMAIL_TIMEOUT each): once it runs out another worker may send it too.
OUTBOX_CLAIM_SECONDS = env.int("OUTBOX_CLAIM_SECONDS", default=600)
# /healthz says 503 ("mail") when an unsent message has been failing for this long.
OUTBOX_FAILING_ALERT_MINUTES = env.int("OUTBOX_FAILING_ALERT_MINUTES", default=30)
OUTBOX_BODY_RETENTION_DAYS = 30
# Two years (DESIGN.md). The append-only trigger was installed with this number
# (gemeenten/migrations): change both together.
AUDIT_RETENTION_DAYS = 730

# --- Celery: the kombu filesystem broker by default, Redis through CELERY_BROKER_URL ------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    # kombu does not create its folders; the worker would stop at start without them.
    _broker_dir.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "broker-processed").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(VAR_DIR / "broker-processed"),
        "store_processed": False,
    }
# The longest job may run CELERY_TASK_TIME_LIMIT seconds before the worker kills it; a
# database error is retried after at most TASK_RETRY_BACKOFF_MAX (gemeenten.scope).
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
# An import's lease (initiatives.imports.run): longer than the time limit, so a run still
# alive is never taken over; after it a killed worker's import is run again.
IMPORT_LEASE_SECONDS = env.int("IMPORT_LEASE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60)
if IMPORT_LEASE_SECONDS <= CELERY_TASK_TIME_LIMIT:
    raise environ.ImproperlyConfigured(
        "IMPORT_LEASE_SECONDS must be longer than CELERY_TASK_TIME_LIMIT: a run still alive "
        "would be started a second time.")
TASK_RETRY_BACKOFF_MAX = 10 * 60  # gemeenten.scope.TenantTask.retry_backoff_max
# /healthz says 503 ("tasks") when a task has been retrying a database error for this long
# (its 8 retries take about 10 minutes on average, at most 21), or at once when it gave up.
TASK_RETRYING_ALERT_MINUTES = env.int("TASK_RETRYING_ALERT_MINUTES", default=10)
if not CELERY_BROKER_URL.startswith("filesystem://"):
    # With acks_late Redis hands an unacknowledged task to another worker after the
    # visibility timeout: it must outlast the longest job (and a retry's countdown), or a
    # job still running is started a second time. A killed worker's task comes back after it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 3,
        "visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT + TASK_RETRY_BACKOFF_MAX,
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Per-process cache: nothing that must survive a Redis outage lives in Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A session ends after 30 minutes without a request: a request renews it, writing the session
# at most once a minute (gemeenten.middleware.IdleSessionMiddleware); a notice offers to stay
# logged in SESSION_IDLE_WARNING_SECONDS before (static/js/session-timeout.js).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_RENEW_SECONDS = 60
SESSION_IDLE_WARNING_SECONDS = env.int("SESSION_IDLE_WARNING_SECONDS", default=2 * 60)
if not 0 < SESSION_IDLE_WARNING_SECONDS < SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS:
    raise environ.ImproperlyConfigured(
        "SESSION_IDLE_WARNING_SECONDS must be more than 0 and less than SESSION_IDLE_SECONDS.")

# --- Security: HTTPS-only follows DEBUG off --------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
# Only what the portal serves itself; no inline script at all, inline <style> only with the
# request's nonce (the huisstijl colour). htmx's own indicator style is in portal.css.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # Bootstrap's icons are data: SVGs in its CSS
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Plain HTTP under production settings, for a load test on loopback only (bench/loadtest.py):
# an explicit setting, refused unless every allowed host is a loopback address.
LOOPBACK_PLAIN_HTTP = env.bool("LOOPBACK_PLAIN_HTTP", default=False)
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
if LOOPBACK_PLAIN_HTTP and not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
    raise environ.ImproperlyConfigured(
        "LOOPBACK_PLAIN_HTTP is only for loopback: ALLOWED_HOSTS may then hold only "
        "127.0.0.1, localhost or ::1.")
if not DEBUG and not LOOPBACK_PLAIN_HTTP:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Eligible for the browsers' HSTS preload list (check --deploy asks for it); a gemeente
    # that serves plain-HTTP subdomains sets SECURE_HSTS_PRELOAD=0.
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Host names on which /admin/ does not exist (a kiosk's, the public infopunt's), lower case.
ADMIN_DISABLED_HOSTS = {host.lower() for host in env.list("ADMIN_DISABLED_HOSTS", default=[])}

# --- The portal's own knobs ---------------------------------------------------------------
OCCURRENCE_WINDOW_MONTHS = 13
HEARTBEAT_DAILY_MAX_AGE_HOURS = 26
# The link in the e-mail that asks an organisation to confirm its listing (regie) works this
# long; the months of freshness themselves are per gemeente (gemeente_setting).
LISTING_CONFIRM_LINK_DAYS = env.int("LISTING_CONFIRM_LINK_DAYS", default=60)
# Links in e-mails (invitations, contact requests) point here.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# The sociale kaart import: an .xlsx (a zip) whose members unpack to more is refused unread.
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=50 * 1024 * 1024)

# The public infopunt (issue 11); every value can be set from the environment.
INFOPUNT_CONTACT_MAX_PER_HOUR = env.int("INFOPUNT_CONTACT_MAX_PER_HOUR", default=20)
INFOPUNT_FORM_MIN_SECONDS = env.int("INFOPUNT_FORM_MIN_SECONDS", default=3)
INFOPUNT_FORM_MAX_SECONDS = env.int("INFOPUNT_FORM_MAX_SECONDS", default=2 * 60 * 60)
INFOPUNT_LOW_RESULT_MAX = env.int("INFOPUNT_LOW_RESULT_MAX", default=2)
INFOPUNT_WORD_MIN_COUNT = env.int("INFOPUNT_WORD_MIN_COUNT", default=3)
INFOPUNT_WORD_MIN_DAYS = env.int("INFOPUNT_WORD_MIN_DAYS", default=2)
INFOPUNT_SEARCH_WORD_RETENTION_DAYS = env.int("INFOPUNT_SEARCH_WORD_RETENTION_DAYS", default=90)
INFOPUNT_KIOSK_IDLE_SECONDS = env.int("INFOPUNT_KIOSK_IDLE_SECONDS", default=120)
# Only a kiosk browser set up for silent printing (Chromium --kiosk-printing) may print.
INFOPUNT_KIOSK_SILENT_PRINT = env.bool("INFOPUNT_KIOSK_SILENT_PRINT", default=False)
CONTACT_REQUEST_RETENTION_CLOSED_DAYS = env.int("CONTACT_REQUEST_RETENTION_CLOSED_DAYS",
                                                default=91)
CONTACT_REQUEST_RETENTION_OPEN_DAYS = env.int("CONTACT_REQUEST_RETENTION_OPEN_DAYS", default=183)
# Newcomers are anonymised this long after their last begeleiding ended (DESIGN.md).
NEWCOMER_RETENTION_DAYS = env.int("NEWCOMER_RETENTION_DAYS", default=365)
# A referral's note and instemming text are cleared this long after it closed.
REFERRAL_NOTE_RETENTION_DAYS = env.int("REFERRAL_NOTE_RETENTION_DAYS", default=183)
# A volunteer is anonymised this long after their last membership ended.
VOLUNTEER_RETENTION_DAYS = env.int("VOLUNTEER_RETENTION_DAYS", default=365)
# A session tally's "what went well" sentence is cleared this long after the session; the
# anonymous counts stay for the report.
TALLY_STORY_RETENTION_DAYS = env.int("TALLY_STORY_RETENTION_DAYS", default=183)
# A koppeling's goals are anonymised (their text and words cleared, the results kept for the
# anonymous figures) and its check-ins deleted this long after the koppeling ended.
MATCH_RETENTION_DAYS = env.int("MATCH_RETENTION_DAYS", default=365)
# A volunteer's sign-up from the infopunt: deleted this long after the coördinator decided
# (accepted: the Volunteer record holds what is needed), or after it came in if never decided.
VOLUNTEER_APPLICATION_RETENTION_DECIDED_DAYS = env.int(
    "VOLUNTEER_APPLICATION_RETENTION_DECIDED_DAYS", default=90)
VOLUNTEER_APPLICATION_RETENTION_PENDING_DAYS = env.int(
    "VOLUNTEER_APPLICATION_RETENTION_PENDING_DAYS", default=365)
# Sign-ups one organisation accepts per hour from the infopunt (kiosks share one address).
VOLUNTEER_APPLICATION_MAX_PER_HOUR = env.int("VOLUNTEER_APPLICATION_MAX_PER_HOUR", default=20)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
