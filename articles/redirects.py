"""Old addresses answer a permanent redirect to their new ones (`Redirect`).

`OldLinksMiddleware` sits just after the page cache, so its answers are kept
and purged like any public page (`caching.redirect_keys`): a kept 301 costs
no query. An address WordPress named by its query alone (`/?p=123`,
`/?page_id=7`, `/?cat=4`) would otherwise be the home page, so it is looked
up first, and the page cache keeps it under its own entry (`old_query`);
any other address is looked up only when the site has no page there (a
404), so a redirect never hides a page.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from . import caching
from .models import Redirect

# WordPress's "plain" permalinks: the page is named by one of these alone.
QUERY_NAMES = ("p", "page_id", "cat", "tag", "author", "attachment_id")


def old_query(request):
    """(`p`, `123`) when `request` is the home page named by one of WordPress's
    query names (the first, if several), else None: the old address it may be."""
    if request.path != "/":
        return None
    named = (name for name in QUERY_NAMES if request.GET.get(name, "").isdecimal())
    name = next(named, None)
    return None if name is None else (name, request.GET[name])


def _answer(request, new_path, *, where_a_page_could_be):
    response = HttpResponsePermanentRedirect(new_path)
    # The keys of the redirect alone, not of a page the view began to build.
    request.cache_keys = caching.redirect_keys(where_a_page_could_be=where_a_page_could_be)
    # The page cache makes it public for as long as a page (its s-maxage and
    # a browser's max-age); REDIRECT_CACHE_SECONDS caps what a browser keeps.
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
        reading = request.method in ("GET", "HEAD")
        named = old_query(request) if reading else None
        if named is not None:
            target = _find("/?{}={}".format(*named))
            if target is not None:
                return _answer(request, target, where_a_page_could_be=False)
            # The home page, kept under this address: a redirect added for it purges it.
            caching.add_keys(request, caching.REDIRECTS)
        response = self.get_response(request)
        if response.status_code != 404 or not reading:
            return response
        path = request.path
        other = path[:-1] if path.endswith("/") else path + "/"  # with or without the slash
        target = _find(path, other)
        if target is None:
            return response
        # A URL of the site matched but found nothing: a page may come there.
        matched = getattr(request, "resolver_match", None) is not None
        return _answer(request, target, where_a_page_could_be=matched)
