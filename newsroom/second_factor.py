"""Signing in with a second factor, on django-allauth (settings "Signing in").

django-allauth gives the login, the second step (a TOTP code from an
authenticator app, or one of ten single-use recovery codes), the password
change and reset, and each person's list of sessions. This module fits it
to the newsroom:

- `AccountAdapter`: nobody signs up (the desk makes accounts), and the
  client's address is the one the proxies vouch for (newsroom.proxies).
- `SecondFactorMiddleware`: a person whose role must use a second factor
  (settings.SECOND_FACTOR_REQUIRED_ROLES; superusers always) and has none
  is sent from the admin to set one up: enrolment at the first login.
- `AuthenticateForm` and `count_wrong_code`: django-axes counts a wrong code
  as it counts a wrong password (the same username, device and address
  rules of newsroom/logins.py), and refuses the code step while the
  account is locked, so five wrong codes lock like five wrong passwords.
- the account's events (second factor added, password changed) for the
  chief editor's audit list, and `end_sessions`, which ends a person's
  sessions: all other sessions end when a password changes or is reset.
"""

import re
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.account.signals import password_changed, password_reset
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authentication_failed, authenticator_added
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from allauth.usersessions.models import UserSession
from allauth.usersessions.views import ListUserSessionsView
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom.proxies import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Staff accounts are made by the desk (the admin, `staff_user_create`)."""
        return False

    def is_reauthentication_required(self, *, app, **kwargs):
        """Setting up the first authenticator app within
        ACCOUNT_REAUTHENTICATION_TIMEOUT of signing in asks for no second
        password: enrolment follows the login at once. Changing an app that
        is set up (removing it, new recovery codes) still does; the code
        typed to set it up counts (`ActivateTOTPForm`)."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        if request is None or not request.user.is_authenticated:
            return True
        if has_authenticator_app(request.user):
            return True
        timeout = account_settings.REAUTHENTICATION_TIMEOUT
        records = get_authentication_records(request, request.user)
        return not any(time.time() - record.get("at", 0) < timeout for record in records)

    def get_client_ip(self, request):
        """The address the sessions list shows: the client's, through the
        proxies we trust (allauth would read X-Forwarded-For from anyone)."""
        return client_ip(request)


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url):
        """The QR code as an <svg> element to print inline in the page (the
        strict CSP allows it: no style attributes, nothing fetched), without
        the XML declaration a standalone file would carry."""
        svg = super().build_totp_svg(url)
        return svg[svg.index("<svg") :]


def second_factor_required(user):
    """Whether `user` must sign in with a second factor: a member of a role
    in settings.SECOND_FACTOR_REQUIRED_ROLES, or a superuser. An empty list
    requires it of nobody (superusers included)."""
    roles = settings.SECOND_FACTOR_REQUIRED_ROLES
    if not (roles and user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name__in=roles).exists()


def has_authenticator_app(user):
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


class SecondFactorMiddleware:
    """Sends a person who must use a second factor and has none from any
    admin page to set up the authenticator app. The setup pages, the
    recovery codes, logging out and static files are outside the admin, so
    they stay open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if "admin" not in match.namespaces or match.url_name == "logout":
            return None
        user = request.user
        if not second_factor_required(user) or has_authenticator_app(user):
            return None
        messages.info(
            request,
            _(
                "Peran Anda wajib memakai verifikasi dua langkah. Pasang aplikasi "
                "autentikator dulu, lalu lanjutkan ke meja redaksi."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))


def _credentials(user):
    return {"username": user.get_username()}


class AuthenticateForm(AllauthAuthenticateForm):
    """The code step, refused while django-axes holds the account locked
    (the lockout page answers, newsroom.views.locked_out)."""

    def clean_code(self):
        request = context.request
        credentials = _credentials(self.user)
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            raise ValidationError(_("Terlalu banyak kode salah. Coba lagi nanti."))
        return super().clean_code()


class ActivateTOTPForm(AllauthActivateTOTPForm):
    """Setting up the app: the code typed for the new secret proves the
    person as a fresh password would, so the recovery codes shown next ask
    for none."""

    def clean_code(self):
        code = super().clean_code()
        record_authentication(context.request, self.user, "mfa", type="totp", reauthenticated=True)
        return code


def count_wrong_code(sender, request, user, **kwargs):
    """allauth's authentication_failed (a wrong code) as Django's
    user_login_failed, which django-axes counts like a wrong password."""
    if request is None:
        return
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)


def record_second_factor_added(sender, request, user, authenticator, **kwargs):
    """Note a new authenticator app for the audit list."""
    if authenticator.type != Authenticator.Type.TOTP:
        return
    from articles import services
    from articles.models import AccountEvent

    services.account_event_record(user=user, kind=AccountEvent.Kind.SECOND_FACTOR_ADDED)


def after_password_change(sender, request, user, **kwargs):
    """A changed (or reset) password ends every other session of the person,
    and is noted for the audit list."""
    from articles import services
    from articles.models import AccountEvent

    services.account_event_record(user=user, kind=AccountEvent.Kind.PASSWORD_CHANGED)
    session = getattr(request, "session", None)
    keep = session.session_key if session is not None and user == request.user else None
    end_sessions(user, keep_session_key=keep)


def end_sessions(user, *, keep_session_key=None):
    """End every session of `user` but the one keyed `keep_session_key`
    (e.g. when the person is deactivated, or changed their password).

    Every signed-in request is tracked (USERSESSIONS_TRACK_ACTIVITY), so the
    person's sessions are their `UserSession` rows; ending one deletes the
    session itself. Returns how many ended.
    """
    ended = 0
    for session in UserSession.objects.filter(user_id=user.pk):
        if session.session_key != keep_session_key:
            session.end()
            ended += 1
    return ended


authentication_failed.connect(count_wrong_code, dispatch_uid="newsroom.second_factor.wrong_code")
authenticator_added.connect(record_second_factor_added, dispatch_uid="newsroom.second_factor.added")
password_changed.connect(after_password_change, dispatch_uid="newsroom.second_factor.changed")
password_reset.connect(after_password_change, dispatch_uid="newsroom.second_factor.reset")


class SessionsView(ListUserSessionsView):
    """allauth's sessions list, each session's browser and device named."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for session in context["sessions"]:
            session.device = describe_user_agent(session.user_agent)
        return context


sessions = SessionsView.as_view()


# Browser and device, read from the user agent for the sessions list: the
# first pattern that matches names each (order matters: Edge and Opera also
# say "Chrome", Chrome also says "Safari").
BROWSERS = [
    (r"Edg(e|A|iOS)?/", "Edge"),
    (r"OPR/|Opera", "Opera"),
    (r"SamsungBrowser/", "Samsung Internet"),
    (r"Firefox/|FxiOS/", "Firefox"),
    (r"Chrome/|CriOS/|Chromium/", "Chrome"),
    (r"Safari/", "Safari"),
]
SYSTEMS = [
    (r"Android", "Android"),
    (r"iPhone|iPad|iPod", "iOS"),
    (r"Windows", "Windows"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"CrOS", "ChromeOS"),
    (r"Linux", "Linux"),
]


def describe_user_agent(user_agent):
    """'Chrome di Android', 'Firefox di Windows', or the raw string's start
    when nothing is recognised."""

    def first(patterns):
        return next((name for pattern, name in patterns if re.search(pattern, user_agent)), None)

    browser, system = first(BROWSERS), first(SYSTEMS)
    if browser and system:
        return _("%(browser)s di %(system)s") % {"browser": browser, "system": system}
    return browser or system or (user_agent[:60] or _("Peramban tidak dikenal"))
