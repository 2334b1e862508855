"""Django settings. Everything configurable comes from `netweave.conf`; nothing else reads os.environ."""

from pathlib import Path

from netweave import conf

BASE_DIR = Path(__file__).resolve().parent
HOME = conf.data_home()

SECRET_KEY = conf.secret_key(HOME)
DEBUG = conf.env_bool("NETWEAVE_DEBUG")
ALLOWED_HOSTS = conf.env_list("NETWEAVE_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_htmx",
    "netweave.core",
    "netweave.accounts",
    "netweave.people",
    "netweave.interactions",
    "netweave.importers",
    "netweave.nurture",
    "netweave.givefirst",
    "netweave.ripple",
    "netweave.search",
    "netweave.events",
    "netweave.steps",
    "netweave.mentorship",
    "netweave.opportunities",
    "netweave.coach",
    "netweave.reminders",
    "netweave.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "netweave.web.middleware.OwnerTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "netweave.urls"
WSGI_APPLICATION = "netweave.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {"default": conf.database(HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if conf.env_bool("NETWEAVE_FAST_HASHING"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]

LANGUAGE_CODE = "en"
TIME_ZONE = conf.env_str("NETWEAVE_TIME_ZONE")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve straight from the app folders: no collectstatic step for a local install.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = HOME / "media"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

if conf.env_bool("NETWEAVE_HTTPS"):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host and host != "*"]

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = conf.env_str("NETWEAVE_SMTP_HOST")
EMAIL_PORT = conf.env_int("NETWEAVE_SMTP_PORT", 1, 65535)
EMAIL_HOST_USER = conf.env_str("NETWEAVE_SMTP_USER")
EMAIL_HOST_PASSWORD = conf.env_str("NETWEAVE_SMTP_PASSWORD")
EMAIL_USE_TLS = conf.env_bool("NETWEAVE_SMTP_TLS")
EMAIL_TIMEOUT = 20  # a mail server that hangs must not hold the scheduler: the send fails and is retried
DEFAULT_FROM_EMAIL = conf.env_str("NETWEAVE_MAIL_FROM")

# Reminders' queue: Redis when a URL is given (a separate `netweave worker`), else SQLite in the data folder.
NETWEAVE_HUEY_URL = conf.huey_url()
NETWEAVE_HUEY_IMMEDIATE = False  # the test settings run tasks as they are called

NETWEAVE_DEFAULT_REGION = conf.env_str("NETWEAVE_DEFAULT_REGION").upper() or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
