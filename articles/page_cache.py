"""Whole public responses kept in Django's cache, and the shared blocks of
pages as fragments: served again without the view or the database for as
long as none of the keys they show was purged (`articles.caching` derives
the keys and keeps the purges).

`PageCacheMiddleware` first drops tracking parameters, keeps a page under
its scheme, host, path and public parameters, and, when a busy page is
cold (just purged, or the cache restarted), lets one worker render it while
the readers who ask meanwhile wait for that one rendering.
"""

import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils import translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from newsroom.cache import available

from .caching import (
    HEADER,
    LAST_PURGE,
    add_keys,
    collapse,
    is_fresh,
    lifetime,
    name,
    unpurged_since,
)
from .redirects import old_query

# How long a proxy may keep a response rendered while the cache was away,
# when no purge could be seen racing it.
BLIND_SECONDS = 10
# Parameters that only tell where a reader came from: dropped from every
# request before any view or cache sees it (deploy/varnish.vcl drops the same).
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "dclid", "msclkid", "igshid", "igsh",
                       "si", "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "wa_status")  # fmt: skip
# The parameters public pages read (page numbers, search, live updates);
# any other is ignored by the views, so it does not make a page of its own.
PUBLIC_PARAMETERS = ("page", "q", "wilayah", "dari", "sampai", "setelah")

# A page being rendered by one worker: the others wait (polling) up to
# RENDER_WAIT_SECONDS for it, kept or handed over for HANDOVER_SECONDS.
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.05
HANDOVER_SECONDS = 5


def _kept_parameters(request):
    """The parameters a page may depend on: the public ones, and on the home
    page the WordPress query that names an old address (`/?p=123`, which
    articles.redirects answers with a 301 of its own)."""
    pairs = [(k, v) for k, v in request.GET.items() if k in PUBLIC_PARAMETERS]
    old = old_query(request)
    return sorted([*pairs, old] if old else pairs)


def canonical_query(request):
    """The kept parameters of `request`, sorted: what a page may depend on."""
    return urlencode(_kept_parameters(request))


def _page(request):
    """The entry of this page: scheme, host, path and public parameters."""
    address = f"{request.scheme}://{request.get_host()}{request.path}?{canonical_query(request)}"
    return name(f"page:{hashlib.sha256(address.encode()).hexdigest()}")


def drop_tracking(request):
    """Forget the parameters that only say where a reader came from."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    pairs = parse_qsl(query, keep_blank_values=True)
    remaining = [(k, v) for k, v in pairs if not _tracking(k)]
    if len(remaining) != len(pairs):
        request.META["QUERY_STRING"] = urlencode(remaining)
        request.GET = QueryDict(request.META["QUERY_STRING"])


def _tracking(name):
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def fragment(request, parts, render):
    """The HTML `render()` makes, kept as the fragment named by `parts`
    until one of the keys shown while rendering it is purged. The page
    showing the fragment shows its keys too."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds:
        return render()
    kept_as = name(":".join(["fragment", translation.get_language(), *map(str, parts)]))
    found = cache.get_many([kept_as, name(LAST_PURGE)])
    entry = found.get(kept_as)
    if entry is not None and is_fresh(entry, found.get(name(LAST_PURGE), 0)):
        add_keys(request, *entry["keys"])
        return entry["html"]
    outer = request.__dict__.get("cache_keys", set())
    request.cache_keys, started = set(), time.time()
    try:
        html = render()
        keys = request.cache_keys
    finally:
        request.cache_keys = outer | request.cache_keys
    seconds = lifetime(seconds)
    if seconds > 0 and unpurged_since(keys, started):
        cache.set(kept_as, {"html": html, "keys": sorted(keys), "at": started}, timeout=seconds)
    return html


def _cacheable(request, response):
    # 301: an old address's redirect (articles.redirects), which names its keys.
    if request.method not in ("GET", "HEAD") or response.status_code not in (200, 301):
        return False
    if response.streaming or not getattr(request, "cache_keys", None) or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-cache", "no-store"))


class PageCacheMiddleware:
    """Serve kept public responses; keep new ones with their keys and headers.

    Every request first loses its tracking parameters, and its host is
    checked against ALLOWED_HOSTS before a kept page is looked up (a 400
    otherwise, as for a page rendered afresh). A page is kept under its
    scheme, host, path and public parameters: `?utm_source=…` or `?x=…`
    is the same page, served from the same entry. `/?p=123` is not the
    home page's entry but an old address's (`_kept_parameters`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        drop_tracking(request)
        lock = None
        if request.method in ("GET", "HEAD") and settings.PAGE_CACHE_SECONDS:
            cached, purged_at = self._cached_response(request)
            if cached is not None:
                return cached
            # A busy page just purged, or a cache just restarted: one worker
            # renders it and hands its rendering to the readers who asked
            # meanwhile, instead of every worker rendering it at once.
            lock = name(f"rendering:{_page(request)}") if available() else None
            if lock is not None and not cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS):
                waited = self._wait_for(request)
                if waited is not None:
                    return waited
                lock = None  # the other rendering takes too long: render too
        started = time.time()
        try:
            response = self.get_response(request)
            if _cacheable(request, response):
                keys = collapse(request.cache_keys)
                # A purge while this page was rendering: neither we nor a proxy
                # may keep it (the purge wins); None: the cache cannot tell.
                fresh = unpurged_since(keys, started) if settings.PAGE_CACHE_SECONDS else True
                self._describe(response, keys, fresh, started)
                canonical = set(request.GET) <= {k for k, _v in _kept_parameters(request)}
                if settings.PAGE_CACHE_SECONDS and fresh is not None and canonical:
                    entry = self._entry(response, keys, started)
                    if fresh:
                        self._keep(request, entry)
                    elif lock is not None:
                        self._hand_over(request, entry, purged_at)
        finally:
            if lock is not None:
                cache.delete(lock)
        return response

    def _cached_response(self, request):
        """(the kept page if fresh, else None; when anything was last purged).

        A page rendered too close to a purge to be kept (`CLOCK_SKEW`) may
        still be served from its handover (`_hand_over`) while nothing at all
        has been purged since its rendering began."""
        looked_at = time.time()
        page = _page(request)  # checks the host first: DisallowedHost is a 400
        handover = name(f"handover:{page}")
        found = cache.get_many([page, name(LAST_PURGE), handover])  # one round trip
        entry, purged_at = found.get(page), found.get(name(LAST_PURGE), 0)
        if entry is not None and is_fresh(entry, purged_at):
            return self._response(entry, rendered_at=looked_at), purged_at
        handed = found.get(handover)
        if handed is not None and handed["purged_at"] == purged_at:
            return self._response(handed["entry"], rendered_at=handed["entry"]["at"]), purged_at
        return None, purged_at

    def _response(self, entry, *, rendered_at):
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        response["Age"] = str(max(0, int(time.time() - entry["at"])))
        response["X-Rendered-At"] = f"{rendered_at:.3f}"  # known fresh from then on
        return response

    def _hand_over(self, request, entry, purged_at):
        """Offer a rendering that began right after a purge (too close to it to
        be kept, for clocks may differ) to the readers who asked meanwhile.

        It is served only while the last purge is still the one this
        rendering saw before it began (`purged_at`, compared as a value, so
        no clock is trusted): any later purge, of anything, ends it."""
        cache.set(
            name(f"handover:{_page(request)}"),
            {"entry": entry, "purged_at": purged_at},
            timeout=HANDOVER_SECONDS,
        )

    def _wait_for(self, request):
        """The page another worker is rendering, once it is kept or handed
        over; None if neither within RENDER_WAIT_SECONDS."""
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            response, _purged_at = self._cached_response(request)
            if response is not None:
                return response
        return None

    def _describe(self, response, keys, fresh, started):
        """Headers for browsers and shared caches, and the keys for a proxy to purge by."""
        response[HEADER] = " ".join(keys)
        # When its rendering began: deploy/varnish.vcl keeps no page begun
        # before a purge it has just passed on.
        response["X-Rendered-At"] = f"{started:.3f}"
        if fresh is False:
            patch_cache_control(response, no_store=True)
            return
        seconds = lifetime() if settings.PAGE_CACHE_SECONDS else 0
        if fresh is None:
            seconds = min(seconds, BLIND_SECONDS)
        patch_cache_control(
            response,
            public=True,
            max_age=min(settings.BROWSER_CACHE_SECONDS, seconds),
            s_maxage=seconds,
            stale_while_revalidate=settings.BROWSER_CACHE_SECONDS,
            stale_if_error=86400,
        )
        response.headers.setdefault("Last-Modified", http_date())
        set_response_etag(response)  # once, not on every hit
        # The language comes from the URL (/en/...), never from the request
        # headers, so a shared cache must not keep one copy per Accept-Language.
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        vary = [v for v in vary if v.lower() != "accept-language"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif "Vary" in response:
            del response["Vary"]

    def _entry(self, response, keys, started):
        return {
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
            "keys": keys,
            "at": started,
        }

    def _keep(self, request, entry):
        seconds = lifetime()
        if seconds > 0:
            cache.set(_page(request), entry, timeout=seconds)
