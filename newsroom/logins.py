"""Login throttling that an attacker cannot turn against an account's owner.

django-axes records every wrong password (one AccessAttempt row per
username, address and browser) and refuses an attempt before any password is
hashed. The callables below, named in settings ("Login throttling"), decide
which of its rows count and against what limit:

- Per account and address: LOGIN_FAILURE_LIMIT wrong passwords for one
  username from one address refuse that pair for the cooling period. An
  IPv6 address counts as its /64, the block one subscriber gets.
- Per account: LOGIN_ACCOUNT_FAILURE_LIMIT wrong passwords for one username
  from all addresses within the cooling period refuse it from every browser
  that has not logged in to it before: many addresses (a botnet, an IPv6
  network) no longer guess without end.
- Per device (OWASP's "device cookies"): a successful login leaves a signed
  cookie naming the username. An attempt that carries it is counted apart,
  under "username (perangkat <id>)", with only its own LOGIN_FAILURE_LIMIT:
  guessing from elsewhere, or from behind the same proxy, never locks the
  owner out of the browser they use.
"""

import ipaddress
import secrets

from axes.attempts import get_cool_off_threshold
from axes.models import AccessAttempt
from django.conf import settings
from django.core import signing
from django.db.models import Sum

from newsroom.proxies import client_ip

DEVICE_COOKIE = "login_device"
DEVICE_SALT = "newsroom.logins.device"
DEVICES_PER_BROWSER = 10  # a shared desk computer keeps this many accounts


def client_address(request):
    """AXES_CLIENT_IP_CALLABLE: the client's address (newsroom.proxies), an
    IPv6 one as its /64's first address, so a network that can use 2**64
    addresses counts as one."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return address
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)).network_address)


def _posted_username(request, credentials):
    """The username as axes reads it: from the credentials, else the form
    (allauth's login form names it "login")."""
    if credentials:
        return credentials.get("username")
    posted = getattr(request, "POST", {})
    return posted.get("login") or posted.get("username")


def _devices(request):
    """{username: device id} from this browser's valid device cookie."""
    value = getattr(request, "COOKIES", {}).get(DEVICE_COOKIE)
    if not value:
        return {}
    age = settings.LOGIN_DEVICE_COOKIE_AGE.total_seconds()
    try:
        devices = signing.loads(value, salt=DEVICE_SALT, max_age=age)
    except signing.BadSignature:
        return {}
    return devices if isinstance(devices, dict) else {}


def device(request, username):
    """The id of this browser for `username`, if that account logged in here."""
    return _devices(request).get(username) if username else None


def throttled_username(request, credentials):
    """AXES_USERNAME_CALLABLE: the username, or "username (perangkat <id>)"
    for an attempt from a browser that logged in to it before, so that
    device's failures are counted apart from everyone else's. (No username
    can hold a space or brackets, so the two never meet.)"""
    username = _posted_username(request, credentials)
    device_id = device(request, username)
    return f"{username} (perangkat {device_id})" if device_id else username


def lockout_parameters(request, credentials):
    """AXES_LOCKOUT_PARAMETERS: a known device counts its own failures
    (its username already names it); anyone else, the username's from that
    address."""
    if device(request, _posted_username(request, credentials)):
        return ["username"]
    return [["username", "ip_address"]]


def account_failures(request, username):
    """Wrong passwords for `username` from every browser not known to it,
    within the cooling period."""
    threshold = get_cool_off_threshold(request)
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=threshold)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def account_locked(request, credentials):
    """Whether the account-wide limit refuses this attempt."""
    username = _posted_username(request, credentials)
    if not username or device(request, username):
        return False
    return account_failures(request, username) >= settings.LOGIN_ACCOUNT_FAILURE_LIMIT


def refused_by(request):
    """Which limit refused this attempt: "device", "account" or "address"."""
    credentials = getattr(request, "axes_credentials", None)
    if device(request, _posted_username(request, credentials)):
        return "device"
    return "account" if account_locked(request, credentials) else "address"


def failure_limit(request, credentials):
    """AXES_FAILURE_LIMIT: wrong passwords allowed to this attempt's counter;
    none at all for a browser unknown to an account that reached its
    account-wide limit."""
    if account_locked(request, credentials):
        return 0
    return settings.LOGIN_FAILURE_LIMIT


def remember_device(request, response, username):
    """Mark this browser as one `username` logs in from: the device cookie,
    signed, keeping the browser's id for the account if it had one and the
    other accounts that log in here."""
    devices = _devices(request)
    device_id = devices.pop(username, None) or secrets.token_hex(6)
    kept = list(devices.items())[-(DEVICES_PER_BROWSER - 1) :]
    value = signing.dumps({**dict(kept), username: device_id}, salt=DEVICE_SALT)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=int(settings.LOGIN_DEVICE_COOKIE_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def note_login(sender, request, user, **kwargs):
    """user_logged_in receiver: DeviceCookieMiddleware sets the cookie on
    the response."""
    if request is not None:
        request.logged_in_username = user.get_username()


class DeviceCookieMiddleware:
    """Gives the browser a successful login came from its device cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        username = getattr(request, "logged_in_username", None)
        if username and response.status_code < 400:
            remember_device(request, response, username)
        return response
