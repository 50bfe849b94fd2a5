"""Settings for the newsroom, read from environment variables.

Every value has a safe development default, so `make run` needs no
configuration. With DEBUG off the site refuses to start without a real
SECRET_KEY. The README lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string, "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "development-only-secret-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The paper's name: used in datelines ("KABARJATIM.ID, Blitar - ..."), titles
# and feeds.
NEWSROOM_NAME = os.environ.get("NEWSROOM_NAME", "KabarJatim.id")
# The public address, for links in emails (pages use the request's host).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "newsroom.apps.LoginsConfig",  # django-axes: login throttling
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "newsroom.apps.TagsConfig",  # django-taggit
    "django_ckeditor_5",
    "django_tasks_db",  # the task queue in production (TASKS_BACKEND)
    "articles",
    # Signing in (django-allauth): password, then a second factor (TOTP with
    # recovery codes), and each person's list of sessions. See "Signing in".
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers on every response, kept pages included (see Security below).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for everything below, kept pages included.
    "django.middleware.http.ConditionalGetMiddleware",
    # Kept public pages are served from here, before sessions or views run.
    "articles.page_cache.PageCacheMiddleware",
    # Old addresses (a WordPress site's) answer 301s (articles/redirects.py),
    # kept by the page cache above like any public page.
    "articles.redirects.OldLinksMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Keeps each session's address, browser and last request (the sessions list).
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Sends a required role without a second factor to set one up.
    "newsroom.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.db_router.PublicReadsMiddleware",
    "newsroom.middleware.AdminRefusesNulMiddleware",
    "newsroom.middleware.AdminPolicyMiddleware",
    # Gives a browser that logged in its device cookie (newsroom/logins.py).
    "newsroom.logins.DeviceCookieMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "articles.context_processors.newsroom",
            ],
        },
    },
]

# DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/newsroom. The default
# is an SQLite file in the project so development needs no server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# DATABASE_REPLICA_URL: a streaming replica of the same database. Public
# pages read from it; writes, the admin and previews use the primary
# (newsroom.db_router).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# How far the replica may run behind: pages rendered this soon after a purge
# read from the primary, so no stale copy is kept.
REPLICA_LAG_SECONDS = float(os.environ.get("REPLICA_LAG_SECONDS", "5"))
DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
# A stopped or frozen database must not hold a worker: connecting gives up
# after DB_CONNECT_TIMEOUT seconds and PostgreSQL ends any statement after
# DB_STATEMENT_TIMEOUT_MS (pages then answer 503, newsroom/middleware.py).
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "15000"))
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _options = _database.setdefault("OPTIONS", {})
        _options["connect_timeout"] = DB_CONNECT_TIMEOUT
        if DB_STATEMENT_TIMEOUT_MS:  # 0 behind PgBouncer, which refuses startup options
            _options["options"] = f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite builds the article index without its INCLUDE (id) column, which
# only PostgreSQL's index-only scans use (articles.sitemaps).
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# CACHE_URL, e.g. redis://127.0.0.1:6379/0 (Django's own Redis backend), or
# dummy:// for none.
CACHE_URL = os.environ.get("CACHE_URL", "")
# The cache fails open (newsroom/cache.py): a Redis that does not connect
# within CACHE_CONNECT_TIMEOUT or answer within CACHE_READ_TIMEOUT seconds
# counts as a miss, and is left alone for CACHE_RETRY_SECONDS.
CACHE_CONNECT_TIMEOUT = float(os.environ.get("CACHE_CONNECT_TIMEOUT", "0.1"))
CACHE_READ_TIMEOUT = float(os.environ.get("CACHE_READ_TIMEOUT", "0.25"))
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_CONNECT_TIMEOUT,
                "socket_timeout": CACHE_READ_TIMEOUT,
            },
        }
    }
elif CACHE_URL == "dummy://":  # nothing kept in Django, e.g. when a proxy keeps the pages
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    # One process only: with several workers each keeps its own copy and a
    # purge reaches one of them. Production uses Redis (CACHE_URL).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Whole public responses are kept until a change purges them (articles.page_cache).
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 3600)))
# Shared blocks (side columns, Terpopuler) are kept the same way, so a page
# not kept yet renders only its own content. 0 turns fragments off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", str(24 * 3600)))
# Cache proxies to purge by key after each change, e.g. Varnish with xkey
# (deploy/varnish.vcl): PURGE_URLS=http://127.0.0.1:6083/ (its purge listener)
PURGE_URLS = env_list("PURGE_URLS", "")
# Django's tasks framework runs the purges: at once in-process by default;
# in production a queue in the database, TASKS_BACKEND=django_tasks_db.backend.DatabaseBackend,
# run by `manage.py db_worker` (deploy/newsroom-tasks.service).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# Browsers cannot be purged: they may reuse a page this long.
BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "60"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploads go through Django's storage API. MEDIA_STORAGE=s3 keeps them in
# S3-compatible object storage (AWS, MinIO, Cloudflare R2, ...) with
# django-storages; the AWS_* variables configure it.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    _s3 = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        "querystring_auth": False,  # photos are public; URLs must not expire
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3}
    if _s3["custom_domain"]:
        MEDIA_URL = f"https://{_s3['custom_domain']}/"
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email (Django 6.1 mailers): SMTP whenever DEBUG is off (EMAIL_HOST,
# localhost by default); the console only in development.
if not DEBUG or os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redaksi@localhost")


# Tag slugs are URLs: ASCII only ("Café" becomes "cafe"; see richtext.ascii_tag_slug).
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
# Tags are separated by commas only: "Banjir Bandang" is one tag, not two.
TAGGIT_TAGS_FROM_STRING = "articles.richtext.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "articles.richtext.string_from_tags"

# Photo uploads: the byte and pixel limits (see articles/photos.py).
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_MB", "15")) * 1_000_000
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_MEGAPIXELS", "40")) * 1_000_000

# Article bodies: at most ARTICLE_BODY_MAX_MB (1 MB = 1,000,000 bytes of
# UTF-8, as saved). The services refuse a longer body with a form error,
# the editor shows the size as it nears the limit (articles/services/articles.py,
# static/admin/newsroom/article_form.js).
ARTICLE_BODY_MAX_BYTES = int(float(os.environ.get("ARTICLE_BODY_MAX_MB", "2")) * 1_000_000)
# The largest request Django reads, besides uploaded files: the same number as
# nginx's client_max_body_size (16m, deploy/nginx.conf) and what Varnish
# passes. A form carries the body form-encoded (up to 3 bytes a character)
# next to its other fields, so a body far over its limit still reaches the
# form and comes back as its error with the text kept, never as a bare 400
# that a proxy turns into its own error page.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("REQUEST_MAX_MB", "16")) * 1024 * 1024

# CKEditor 5 set up for news writing. The bundle ships many plugins; the ones
# that could bring raw HTML, styles or embeds are removed for everyone, and
# the server sanitizes every body anyway (articles/richtext.py).
CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": [
            "heading", "|", "bold", "italic", "link", "|",
            "bulletedList", "numberedList", "blockQuote", "|",
            "uploadImage", "mediaEmbed", "|", "undo", "redo",
        ],
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraf", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Subjudul",
                 "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Subjudul kecil",
                 "class": "ck-heading_heading3"},
            ]
        },
        "image": {"toolbar": ["imageTextAlternative", "toggleImageCaption"]},
        # A link to one of these on its own line becomes an embed; the editor
        # shows the address only (no preview), so it loads nothing from them.
        # The server keeps only the provider and id (articles/embeds.py).
        "mediaEmbed": {
            "previewsInData": False,
            "providers": [
                {"name": "youtube", "url": [
                    r"^(?:m\.)?youtube\.com/watch\?(?:[^#]*&)?v=[\w-]{11}",
                    r"^(?:m\.)?youtube\.com/(?:shorts|embed|live)/[\w-]{11}",
                    r"^youtu\.be/[\w-]{11}",
                ]},
                {"name": "instagram", "url": r"^instagram\.com/(?:p|reel|tv)/[\w-]+"},
                {"name": "tiktok", "url": r"^tiktok\.com/@[\w.]+/video/\d+"},
                {"name": "x", "url": r"^(?:x|twitter)\.com/\w+/status/\d+"},
            ],
        },
        "removePlugins": [
            "SourceEditing", "GeneralHtmlSupport", "HtmlEmbed", "HtmlComment", "FullPage",
            "Style", "Markdown", "CodeBlock", "Code", "Font", "Highlight",
            "Table", "TableToolbar", "TableCaption", "TableProperties", "TableCellProperties",
            "TodoList", "Mention", "PageBreak", "Alignment", "Underline", "Strikethrough",
            "Subscript", "Superscript", "IndentBlock", "ImageResize", "ShowBlocks",
        ],
        "language": "id",
    },
}  # fmt: skip
# Standing pages (the guideline, the corrections policy) are text: no photos
# to keep track of, no embeds.
CKEDITOR_5_CONFIGS["page"] = {
    **CKEDITOR_5_CONFIGS["default"],
    "toolbar": [
        name
        for name in CKEDITOR_5_CONFIGS["default"]["toolbar"]
        if name not in ("uploadImage", "mediaEmbed")
    ],
    "removePlugins": [*CKEDITOR_5_CONFIGS["default"]["removePlugins"], "MediaEmbed"],
}
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor_image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "webp"]
CSRF_FAILURE_VIEW = "articles.uploads.csrf_failure"


# --- Security -------------------------------------------------------------

# Proxies in front (Varnish, nginx) whose X-Forwarded-For and
# X-Forwarded-Proto are believed. Anyone else's are ignored: gunicorn binds
# 127.0.0.1 only (deploy/gunicorn.conf.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # monitoring asks over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Content-Security-Policy (Django's own): the public pages run only our own
# script files and styles, and load images from us and the media host.
_media_origins = [MEDIA_URL] if MEDIA_URL.startswith("https://") else []
_media_origins += env_list("CSP_MEDIA_ORIGINS")
# The embeds' players (articles.embeds.FRAME_ORIGINS; settings cannot import apps).
EMBED_FRAME_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.instagram.com",
    "https://www.tiktok.com",
    "https://platform.twitter.com",
]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *_media_origins],
    "connect-src": [CSP.SELF],
    # Exactly the players of articles.embeds, loaded when a reader taps.
    "frame-src": EMBED_FRAME_ORIGINS,
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The admin, and CKEditor 5 in it, set inline styles (CKEditor's documented
# requirement) and show uploads as blob: images before they are saved.
ADMIN_CSP = {
    **SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *_media_origins],
}
# Features no page of ours uses, refused to any script (django-permissions-policy).
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}

# Passwords: Argon2 (Django's recommended hasher); older hashes are upgraded
# at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

# Login throttling (django-axes, read through newsroom/logins.py), before
# any password is hashed:
# - LOGIN_FAILURE_LIMIT wrong passwords for one username from one address
#   (an IPv6 /64 counts as one) refuse that pair for the cooling period;
# - LOGIN_ACCOUNT_FAILURE_LIMIT for one username from all addresses within
#   the cooling period refuse it from every browser it never logged in from;
# - a browser that logged in keeps a signed device cookie and counts only its
#   own failures, so guessing elsewhere never locks the owner out of it.
# Refused attempts keep the lock on while they go on. Editors unlock in the
# admin ("Access attempts": delete the rows for the username).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
LOGIN_DEVICE_COOKIE_AGE = timedelta(days=365)
AXES_FAILURE_LIMIT = "newsroom.logins.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = "newsroom.logins.lockout_parameters"
AXES_USERNAME_CALLABLE = "newsroom.logins.throttled_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "newsroom.logins.client_address"
AXES_VERBOSE = False

# Signing in (django-allauth, newsroom/second_factor.py). The admin's own
# login, password change and reset lead here, so none skips the second
# factor. Staff sign in by username; nobody signs up (accounts are made by
# the desk), and no email is verified (the admin keeps addresses).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "admin:index"
ACCOUNT_ADAPTER = "newsroom.second_factor.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = True  # sessions last as the admin's did
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{NEWSROOM_NAME}] "
# Wrong passwords and codes are counted by django-axes alone (above), so one
# set of limits and one lockout page apply to both.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_RECOVERY_CODE_COUNT = 10
MFA_TOTP_ISSUER = NEWSROOM_NAME
MFA_ADAPTER = "newsroom.second_factor.MFAAdapter"
MFA_FORMS = {
    "authenticate": "newsroom.second_factor.AuthenticateForm",
    "activate_totp": "newsroom.second_factor.ActivateTOTPForm",
}
USERSESSIONS_TRACK_ACTIVITY = True
# Roles (group names) that must use a second factor, and superusers with
# them; an empty list requires it of nobody. Others (reporters) may set one
# up at their account's page.
SECOND_FACTOR_REQUIRED_ROLES = env_list("SECOND_FACTOR_REQUIRED_ROLES", "Redaktur,Pemimpin Redaksi")

# Logging: one JSON object per line on stderr (journald and log collectors
# read it), errors with the request's path, user id and traceback.
ADMINS = env_list("ADMINS")  # e.g. "teknis@kabarjatim.id": 500s by email
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_fields": {"()": "newsroom.logs.RequestFields"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_fields"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.request": {
            "handlers": ["stderr", "mail_admins"],
            "level": "WARNING",
            "propagate": False,
        },
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},  # not a line per successful login
    },
}

# Errors to Sentry when SENTRY_DSN is set (no personal data sent).
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )

# How long a proxy may keep an old address's permanent redirect (seconds).
REDIRECT_CACHE_SECONDS = int(os.environ.get("REDIRECT_CACHE_SECONDS", "3600"))
