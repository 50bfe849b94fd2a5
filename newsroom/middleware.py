"""Requests answered before any view sees them."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def carries_nul(params):
    """Whether a QueryDict has a NUL byte in any key or value."""
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists())


class AdminRefusesNulMiddleware:
    """A 400 for an admin request whose parameters carry a NUL byte.

    No form in a browser sends one; scripts and fuzzers do. PostgreSQL
    refuses NUL in a query parameter (psycopg raises ValueError), so a NUL
    in a changelist filter, an autocomplete term or a posted choice would
    otherwise be a 500. The public search page strips control characters
    itself and answers as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "admin" not in request.resolver_match.namespaces:
            return None
        if carries_nul(request.GET) or carries_nul(request.POST):
            return HttpResponseBadRequest(
                _("Permintaan ditolak: berisi karakter NUL yang tidak sah."),
                content_type="text/plain; charset=utf-8",
            )
        return None


class AdminPolicyMiddleware:
    """The admin's Content-Security-Policy (settings.ADMIN_CSP) on admin
    responses: CKEditor sets inline styles, which public pages never need."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and "admin" in match.namespaces:
            response._csp_config = settings.ADMIN_CSP
        return response
