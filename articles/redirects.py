"""Old addresses answer a permanent redirect to their new ones (`Redirect`).

`OldLinksMiddleware` sits before the page cache. An address WordPress named
by its query alone (`/?p=123`, `/?page_id=7`, `/?cat=4`) would otherwise be
the home page, so it is looked up first; any other address is looked up
only when the site has no page there (a 404), so a redirect never hides a
page. The answer may be kept by proxies like any public page.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from .models import Redirect

# WordPress's "plain" permalinks: the page is named by one of these alone.
QUERY_NAMES = ("p", "page_id", "cat", "tag", "author", "attachment_id")


def _answer(new_path):
    response = HttpResponsePermanentRedirect(new_path)
    patch_cache_control(response, public=True, max_age=settings.REDIRECT_CACHE_SECONDS)
    return response


def _find(*paths):
    """The new address of the first of `paths` that has one. An address no
    redirect could hold (too long, a NUL byte) is looked up nowhere."""
    paths = [p for p in paths if len(p) <= Redirect.OLD_PATH_LENGTH and "\x00" not in p]
    if not paths:
        return None
    found = dict(Redirect.objects.filter(old_path__in=paths).values_list("old_path", "new_path"))
    return next((found[path] for path in paths if path in found), None)


class OldLinksMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path == "/":
            named = [name for name in QUERY_NAMES if request.GET.get(name, "").isdecimal()]
            if named:
                target = _find(f"/?{named[0]}={request.GET[named[0]]}")
                if target is not None:
                    return _answer(target)
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = request.path
        other = path[:-1] if path.endswith("/") else path + "/"  # with or without the slash
        target = _find(path, other)
        return _answer(target) if target is not None else response
