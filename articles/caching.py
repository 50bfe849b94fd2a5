"""What a public response shows, and what invalidates it.

Every public page names the things it shows as keys: `article-12`,
`region-3`, `tag-7`, `author-2`, and a few shared ones (`latest` for every
"Berita Terbaru" list and the front page, `search`, `feed`, `sitemap`,
`regions` for the menu, `most-read`). Views add them with `show()` while
they build the page; the response carries them in a `Surrogate-Key` header
so a proxy or CDN can purge by key too.

`PageCacheMiddleware` keeps whole public responses in Django's cache (local
memory in development, Redis through CACHE_URL in production) and serves
them again without touching the view or the database, for as long as
none of their keys has been purged. The write services call `purge()` after
their transaction commits with exactly the keys their change touched
(`article_keys`), so a page is never served stale and never expires by time
in place of a purge. A scheduled story is the one change that happens
without a write: no page is kept past the next scheduled go-live time.

Previews, the admin and anything marked private or no-cache are never kept.

Shared blocks (an article's side column, the front page's Terpopuler) are
kept the same way as fragments of HTML (`fragment()`, the `{% kept %}` tag),
so a page the cache does not hold yet renders only its own content.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from .models import Article, FrontPagePick
from .tasks import purge_proxies

LATEST, SEARCH, FEED, SITEMAP, REGIONS, MOST_READ, CORRECTIONS, FRONT_PAGE, BREAKING = (
    "latest",
    "search",
    "feed",
    "sitemap",
    "regions",
    "most-read",
    "corrections",
    "front-page",
    "breaking",
)
HEADER = "Surrogate-Key"
NEXT_GO_LIVE = "page-cache:next-go-live"
LAST_PURGE = "page-cache:last-purge"  # of any key: most hits need look no further
CLOCK_SKEW = 1.0  # seconds


def key(obj):
    """`article-12`: the key of one thing a page shows."""
    return f"{obj._meta.model_name}-{obj.pk}"


def show(request, *things):
    """Note that this response shows `things`: keys, or objects to key."""
    keys = request.__dict__.setdefault("cache_keys", set())
    for thing in things:
        keys.add(thing if isinstance(thing, str) else key(thing))


def shows(*keys):
    """A view decorator: every response of this view shows `keys`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            show(request, *keys)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def show_listing(request, articles):
    """A list of article cards: each article, and the region named on its card."""
    for article in articles:
        show(request, f"article-{article.pk}", f"region-{article.region_id}")


def article_keys(article, *, region_ids, tag_ids, author_ids=()):
    """Everything that lists or shows `article`: the article, its authors
    (co-authors and editor in `author_ids`), each region up its region
    path, and each tag."""
    return {
        f"article-{article.pk}",
        *(f"author-{pk}" for pk in {article.author_id, *author_ids} if pk is not None),
        *(f"region-{pk}" for pk in region_ids),
        *(f"tag-{pk}" for pk in tag_ids),
    }


def purge(keys):
    """Invalidate every kept response that shows one of `keys`.

    Each key remembers when it was last purged; a kept response is served
    only while every key it shows was last purged before its rendering
    began (less `CLOCK_SKEW`, so app servers' clocks need not agree to the
    millisecond). A purge during a rendering therefore always wins.
    """
    if keys:
        now = time.time()
        cache.set_many({**{_purged(k): now for k in keys}, LAST_PURGE: now}, timeout=None)
        if settings.PURGE_URLS:
            purge_proxies.enqueue(sorted(keys))


def forget_next_go_live():
    cache.delete(NEXT_GO_LIVE)


def _purged(name):
    return f"page-cache:purged:{name}"


def _page(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:page:{digest}"


def seconds_to_next_go_live():
    """Seconds until the next scheduled story goes live, a front-page pick
    ends, a breaking bar comes down or a live coverage ends, or None if
    nothing is waiting."""
    at = cache.get(NEXT_GO_LIVE)
    if at is None or (at != "none" and at <= timezone.now()):  # unknown, or passed since
        now = timezone.now()
        times = [
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now).aggregate(
                next=Min("published_at")
            )["next"],
            FrontPagePick.objects.filter(until__gt=now).aggregate(next=Min("until"))["next"],
            Article.objects.filter(
                status=Article.Status.PUBLISHED, breaking_until__gt=now
            ).aggregate(next=Min("breaking_until"))["next"],
            Article.objects.filter(
                status=Article.Status.PUBLISHED, kind=Article.Kind.LIVE, live_until__gt=now
            ).aggregate(next=Min("live_until"))["next"],
        ]
        at = min((t for t in times if t is not None), default="none")
        cache.set(NEXT_GO_LIVE, at, timeout=None)
    if at == "none":
        return None
    return max(0, int((at - timezone.now()).total_seconds()))


def lifetime(seconds=None):
    """How long a public response may be kept: the configured time, cut short
    by the next scheduled go-live (a page must not miss a story at its minute)."""
    seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    until = seconds_to_next_go_live()
    return seconds if until is None else min(seconds, until)


def _fresh(entry, last_purge):
    """Whether no key `entry` shows was purged after its rendering began."""
    fresh_before = entry["at"] - CLOCK_SKEW
    if last_purge < fresh_before:  # nothing at all purged since: most hits stop here
        return True
    purged = cache.get_many([_purged(k) for k in entry["keys"]])
    return all(at < fresh_before for at in purged.values())


def fragment(request, parts, render):
    """The HTML `render()` makes, kept as the fragment named by `parts`
    until one of the keys shown while rendering it is purged. The page
    showing the fragment shows its keys too."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds:
        return render()
    name = ":".join(["page-cache:fragment", translation.get_language(), *map(str, parts)])
    found = cache.get_many([name, LAST_PURGE])
    entry = found.get(name)
    if entry is not None and _fresh(entry, found.get(LAST_PURGE, 0)):
        show(request, *entry["keys"])
        return entry["html"]
    outer = request.__dict__.get("cache_keys", set())
    request.cache_keys, started = set(), time.time()
    try:
        html = render()
        keys = request.cache_keys
    finally:
        request.cache_keys = outer | request.cache_keys
    seconds = lifetime(seconds)
    if seconds > 0:
        cache.set(name, {"html": html, "keys": sorted(keys), "at": started}, timeout=seconds)
    return html


def _cacheable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not getattr(request, "cache_keys", None) or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-cache", "no-store"))


class PageCacheMiddleware:
    """Serve kept public responses; keep new ones with their keys and headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and settings.PAGE_CACHE_SECONDS:
            kept = self._kept(request)
            if kept is not None:
                return kept
        started = time.time()
        response = self.get_response(request)
        if _cacheable(request, response):
            self._describe(request, response)
            self._keep(request, response, started)
        return response

    def _kept(self, request):
        page = _page(request)
        found = cache.get_many([page, LAST_PURGE])  # one round trip for most hits
        entry = found.get(page)
        if entry is None or not _fresh(entry, found.get(LAST_PURGE, 0)):
            return None
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Age"] = str(max(0, int(time.time() - entry["at"])))
        return response

    def _describe(self, request, response):
        """Headers for browsers and shared caches, and the keys for a proxy to purge by."""
        seconds = lifetime() if settings.PAGE_CACHE_SECONDS else 0
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
        response[HEADER] = " ".join(sorted(request.cache_keys))
        # The language comes from the URL (/en/...), never from the request
        # headers, so a shared cache must not keep one copy per Accept-Language.
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        vary = [v for v in vary if v.lower() != "accept-language"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif "Vary" in response:
            del response["Vary"]

    def _keep(self, request, response, started):
        seconds = lifetime() if settings.PAGE_CACHE_SECONDS else 0
        if seconds <= 0:
            return
        entry = {
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
            "keys": sorted(request.cache_keys),
            "at": started,
        }
        cache.set(_page(request), entry, timeout=seconds)
