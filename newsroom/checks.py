"""Deploy checks (`manage.py check --deploy`) for settings that work on a
laptop and go wrong behind a proxy."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Settings that only make sense with a proxy in front of gunicorn: a cache to
# purge (Varnish, which readers reach through), or headers only a proxy sets.
BEHIND_A_PROXY = (
    "PURGE_URLS",
    "SECURE_PROXY_SSL_HEADER",
    "USE_X_FORWARDED_HOST",
    "USE_X_FORWARDED_PORT",
)


@register(Tags.security, deploy=True)
def trusted_proxies_check(app_configs, **kwargs):
    """Behind a proxy with no TRUSTED_PROXIES, every request seems to come
    from the proxy's address: one person's wrong passwords count against
    everyone's per-address login limit, and the lockout meets everyone."""
    proxy_settings = [name for name in BEHIND_A_PROXY if getattr(settings, name, None)]
    if settings.TRUSTED_PROXIES or not proxy_settings:
        return []
    return [
        Warning(
            f"TRUSTED_PROXIES is empty, yet the site is behind a proxy "
            f"({', '.join(proxy_settings)} set): every client seems to come from "
            f"the proxy's address, so one client's wrong passwords lock an account "
            f"for every client without a device cookie.",
            hint="Set TRUSTED_PROXIES to the addresses of the proxies in front of "
            "gunicorn (127.0.0.1 when nginx and Varnish run on the same machine; "
            "see docs/deploy.md).",
            id="newsroom.W001",
        )
    ]
