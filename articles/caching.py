"""What a public response shows, and what a change purges: every cache key
of the site is derived here, and nowhere else.

Read side. Every public page names the things it shows as keys:
`article-12`, `region-3`, `tag-7`, `author-2`, and a few shared ones
(`latest` for every "Berita Terbaru" list and the front page, `search`,
`feed`, `sitemap`, `regions` for the menu, `most-read`, `front-page`,
`breaking`, `corrections`, and `redirects` for every answer of an old
address). Views and selectors add them with `add_keys()`
while they build the page; the response carries them in a `Surrogate-Key`
header so a proxy or CDN can purge by key too.

Write side. Beside them, the `keys_*` functions say which keys each change
touches (`keys_article_saved`, `keys_touched_by_photo`, `keys_naming`, ...);
the write services call them and purge exactly those keys after their
transaction commits (`purge()`).

`articles.page_cache` keeps whole public responses in Django's cache (local
memory in development, Redis through CACHE_URL in production) and serves
them again without touching the view or the database, for as long as
none of their keys has been purged (`is_fresh`). A page is never served stale and never
expires by time in place of a purge. Four changes happen without a write:
a scheduled story goes live, a front-page pick ends, a breaking bar comes
down, a live coverage ends. No page is kept past the next of these timed
changes (`seconds_to_next_timed_change`, the cap of `lifetime()`).

Previews, the admin and anything marked private or no-cache are never kept.

Shared blocks (an article's side column, the front page's Terpopuler) are
kept the same way as fragments of HTML (`page_cache.fragment()`, the
`{% cached_fragment %}` tag). Answers every page needs (the breaking bar, the
Terpopuler ranking, the next timed change) are kept as named entries of
the same generation (`name()`, `recall()`, `remember()`), capped the same
way where a timed change can end them.
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import F, Func
from django.utils import timezone
from taggit.models import Tag

from newsroom.cache import available, can_miss_writes

from .models import Article, Author, CacheGeneration, FrontPagePick, Region, region_path
from .purges import purge_proxies

logger = logging.getLogger(__name__)

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
REDIRECTS = "redirects"  # the answers of old addresses (articles.redirects)
# The families of the things with an address of their own (`/berita/<slug>/`,
# `/halaman/…`, `/wilayah/…`, `/tag/…`, `/penulis/…`): `purge()` purges a
# family with each of its members.
ADDRESSED = ("article", "page", "region", "tag", "author")
HEADER = "Surrogate-Key"
# Named entries (`name()`): answers kept for every page, not pages themselves.
NEXT_TIMED_CHANGE = "next-timed-change"  # when the next timed change happens
BREAKING_BAR = "breaking-bar"  # articles.breaking; forgotten with every purge of `breaking`
MOST_READ_RANKING = "most-read:ranking"  # articles.popularity
LAST_PURGE = "page-cache:last-purge"  # of any key: most hits need look no further
CLOCK_SKEW = 1.0  # seconds
# A Surrogate-Key header longer than this is collapsed (`collapse`): nginx's
# and Varnish's header buffers must hold it whatever the page lists.
HEADER_MAX_BYTES = 2000
GENERATION_CHECK_SECONDS = 1.0
GENERATION_RETRY_SECONDS = 30.0


# Read side: what a page shows ------------------------------------------------


def key(obj):
    """`article-12`: the key of one thing a page shows."""
    return f"{obj._meta.model_name}-{obj.pk}"


def _keys(kind, pks):
    """`{kind}-{pk}` for each of `pks`, None skipped."""
    return {f"{kind}-{pk}" for pk in pks if pk is not None}


def author_keys(pks):
    """The keys of the authors (and photographers) with ids `pks`."""
    return _keys("author", pks)


def add_keys(request, *things):
    """Note that this response shows `things`: keys, or objects to key."""
    keys = request.__dict__.setdefault("cache_keys", set())
    for thing in things:
        keys.add(thing if isinstance(thing, str) else key(thing))


def with_keys(*keys):
    """A view decorator: every response of this view shows `keys`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            add_keys(request, *keys)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def add_listing_keys(request, articles):
    """A list of article cards: each article, and the region named on its card."""
    for article in articles:
        add_keys(request, *_keys("article", [article.pk]), *_keys("region", [article.region_id]))


def article_keys(article, *, region_ids, tag_ids, author_ids=()):
    """Everything that lists or shows `article`: the article, its authors
    (co-authors and editor in `author_ids`), each region up its region
    path, and each tag. The article page shows these; a change to the
    article purges them (`keys_shown_by`)."""
    return {
        key(article),
        *author_keys({article.author_id, *author_ids}),
        *_keys("region", region_ids),
        *_keys("tag", tag_ids),
    }


def redirect_keys(*, where_a_page_could_be):
    """What an old address's answer shows: the redirects table, and, when
    it answers in place of a 404 at an address one of the site's URLs
    matches (`/tag/banjir-2/`, an old `/berita/<slug>/`), every family with
    an address (`ADDRESSED`). A page that comes to that address later (a
    story published, a tag made) purges its own key, hence its family: a
    kept redirect never hides a page. An address no URL matches
    (WordPress's `/2023/11/12/<slug>/`, `/category/…/`, `/?p=123`) can hold
    no page, and is purged only when a redirect changes."""
    return {REDIRECTS, *ADDRESSED} if where_a_page_could_be else {REDIRECTS}


# Write side: what a change purges ---------------------------------------------


def keys_shown_by(article):
    """The keys of everything that shows `article` to readers now or at its
    scheduled time; none for drafts, stories in review or taken down."""
    if article.pk is None or article.status != Article.Status.PUBLISHED:
        return set()
    regions = list(Region.objects.only("pk", "parent_id"))
    return article_keys(
        article,
        region_ids=[region.pk for region in region_path(regions, article.region)],
        tag_ids=list(article.tags.values_list("pk", flat=True)),
        author_ids=[article.editor_id, *article.byline_set.values_list("author_id", flat=True)],
    )


def keys_article_saved(shown, *, acted, breaking):
    """What saving a story (its text, a workflow action or both) purges.

    `shown` is `keys_shown_by` before and after the change: empty when
    readers saw the story neither before nor after, and then nothing but
    the breaking bar can change. `acted`: a workflow action was taken (the
    story came, went or moved in time). `breaking`: its breaking bar was
    set, changed, or came or went with the story."""
    keys = set(shown)
    if keys:  # readers could see it before, or can now (or at its scheduled time)
        keys |= {SEARCH, FEED, SITEMAP}
        if acted:
            keys |= {LATEST, MOST_READ}
    if breaking:
        keys.add(BREAKING)  # the bar on every page
    return keys


def keys_article_deleted(article, shown):
    """What deleting `article` purges; `shown` is `keys_shown_by(article)`,
    taken before its tags and bylines go with it."""
    keys = set(shown)
    if keys:
        keys |= {SEARCH, FEED, SITEMAP, LATEST, MOST_READ}
    if article.picks.exists():
        keys.add(FRONT_PAGE)
    if article.breaking_until:
        keys.add(BREAKING)
    return keys


def keys_live_entries_changed(article):
    """What adding, editing or deleting an entry of live story `article`
    purges: its page and its new entries, and the feed and sitemap times."""
    keys = keys_shown_by(article)
    return keys | {FEED, SITEMAP} if keys else set()


def keys_correction_added(article):
    """What a correction or right of reply to `article` purges: the story's
    pages, the feed and sitemap times, and /ralat/."""
    return keys_shown_by(article) | {FEED, SITEMAP, CORRECTIONS}


def keys_touched_by_photo(photo):
    """What a photo's new caption, crop, image or sizes purge: the published
    stories that show it, and the feeds, which carry it."""
    pks = Article.objects.published().showing_photo(photo).values_list("pk", flat=True)
    keys = _keys("article", pks)
    return keys | {FEED} if keys else keys


def keys_naming(obj):
    """What saving or deleting a region, an author or a tag purges: every
    page that names it (its own key), search, the feed and the sitemap, and
    for a region the menu on every page (`regions`). This is the whole
    answer to "what does changing a region's name purge?"."""
    keys = {key(obj), SEARCH, FEED, SITEMAP}
    if isinstance(obj, Region):
        keys.add(REGIONS)
    return keys


def keys_front_page_changed():
    """What a lead story or an editors' pick set, moved or ended purges."""
    return {FRONT_PAGE}


def keys_archive_loaded():
    """What loading an archive of stories purges: every list the new stories
    may join (each region's, author's and tag's, the latest, search, feed,
    sitemap, Terpopuler, /ralat/) and the shared blocks of every page."""
    return {
        *_keys("region", Region.objects.values_list("pk", flat=True)),
        *_keys("author", Author.objects.values_list("pk", flat=True)),
        *_keys("tag", Tag.objects.values_list("pk", flat=True)),
        LATEST, SEARCH, FEED, SITEMAP, REGIONS, MOST_READ, CORRECTIONS, FRONT_PAGE, BREAKING,
    }  # fmt: skip


def keys_page_saved(page):
    """What saving a standing page purges: its own address."""
    return {key(page)}


def keys_redirect_saved():
    """What adding, moving or deleting a redirect purges: every kept answer
    of an old address (the 301s, and the home page kept for a `/?p=123`
    that had none)."""
    return {REDIRECTS}


# Purging ----------------------------------------------------------------------


def family(name):
    """`article-12` -> `article`: the key a collapsed header names instead."""
    kind, _, pk = name.rpartition("-")
    return kind if pk.isdecimal() and kind else None


def collapse(keys):
    """`keys`, with the most numerous kinds (`tag-1 tag-2 ...`) replaced by
    their family key (`tag`) until they fit in `HEADER_MAX_BYTES`. A purge
    always names the families too, so a collapsed page is purged with them."""
    keys = set(keys)
    while len(" ".join(keys)) > HEADER_MAX_BYTES:
        kinds = {}
        for name in keys:
            if family(name):
                kinds.setdefault(family(name), []).append(name)
        if not kinds:
            break
        kind, members = max(kinds.items(), key=lambda item: len(item[1]))
        keys = (keys - set(members)) | {kind}
    return sorted(keys)


def purge(keys):
    """Invalidate every kept response that shows one of `keys`.

    Each key remembers when it was last purged; a kept response is served
    only while every key it shows was last purged before its rendering
    began (less `CLOCK_SKEW`, so app servers' clocks need not agree to the
    millisecond). A purge during a rendering therefore always wins.

    If the cache cannot take the purge (Redis stopped or frozen), the
    generation advances in the database instead: every page kept so far is
    then left behind, including any a Redis restarted from its dump brings
    back. The proxies are purged by a task that retries until they answer.
    """
    if not keys:
        return
    keys = set(keys) | {family(k) for k in keys if family(k)}
    now = time.time()
    stamps = {**{_purged(k): now for k in keys}, name(LAST_PURGE): now}
    if cache.set_many(stamps, timeout=None):
        _advance_generation()
    if BREAKING in keys:  # the bar itself is a named entry: asked again
        forget(BREAKING_BAR)
    if settings.PURGE_URLS:
        purge_proxies.enqueue(sorted(keys))


# Named entries: answers every page needs, kept in the current generation -------


def recall(entry):
    """The answer kept as `entry` (`BREAKING_BAR`, ...), or None."""
    return cache.get(name(entry))


def remember(entry, value, *, capped=False):
    """Keep `value` as `entry` until it is forgotten or a missed purge leaves
    its generation behind; when `capped`, never past the next timed change."""
    cache.set(name(entry), value, timeout=seconds_to_next_timed_change() if capped else None)


def forget(entry):
    """Make `entry` again on its next use."""
    cache.delete(name(entry))


def forget_next_timed_change():
    """A story's publish, breaking or live-coverage time, or a pick's end,
    changed: work out the next timed change again."""
    forget(NEXT_TIMED_CHANGE)


_generation = {"number": 0, "next_check": 0.0}


def generation():
    """The generation kept pages belong to, asked of the database at most
    once a second per process (and every 30 s while the database is away,
    when kept pages go on being served). A cache in local memory never
    misses a purge, and is never shared: it needs no asking."""
    now = time.monotonic()
    if can_miss_writes() and now >= _generation["next_check"]:
        _generation["next_check"] = now + GENERATION_RETRY_SECONDS  # until it answers
        try:
            row = CacheGeneration.objects.filter(pk=1).first()
        except DatabaseError:
            logger.warning("Could not read the cache generation; using %s", _generation["number"])
        else:
            _generation["number"] = row.number if row else 0
            _generation["next_check"] = now + GENERATION_CHECK_SECONDS
    return _generation["number"]


def _advance_generation():
    logger.warning("The cache missed a purge: every kept page is left behind")
    if not CacheGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        CacheGeneration.objects.get_or_create(pk=1, defaults={"number": 1})
    # This process follows at once.
    _generation["number"] = CacheGeneration.objects.values_list("number", flat=True).get(pk=1)
    _generation["next_check"] = time.monotonic() + GENERATION_CHECK_SECONDS


def last_purge():
    """When anything was last purged (seconds since the epoch), 0 if unknown."""
    return cache.get(name(LAST_PURGE), 0)


def name(entry):
    """A cache entry's name in the current generation: whatever a missed
    purge must leave behind (pages, fragments, kept answers) is named so."""
    return f"page-cache:{generation()}:{entry}"


def _purged(key):
    return name(f"purged:{key}")


def seconds_to_next_timed_change():
    """Seconds until the next timed change: a scheduled story goes live, a
    front-page pick ends, a breaking bar comes down or a live coverage ends;
    None if nothing is waiting."""
    at = recall(NEXT_TIMED_CHANGE)
    if at is None or (at != "none" and at <= timezone.now()):  # unknown, or passed since
        times = _timed_changes_after(timezone.now())
        at = min((t for t in times if t is not None), default="none")
        remember(NEXT_TIMED_CHANGE, at)
    if at == "none":
        return None
    return max(0, int((at - timezone.now()).total_seconds()))


def _timed_changes_after(now):
    """The first time after `now` of each kind of timed change, in one query:
    four MINs, each answered by its own index (the publish-time index, and
    the partial indexes on breaking and live-coverage ends), not by a scan
    of the archive."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED)

    def first(rows, field):
        return (
            rows.filter(**{f"{field}__gt": now})
            .order_by()
            .values_list(Func(F(field), function="MIN"))
        )

    return [
        at
        for (at,) in first(published, "published_at")
        .union(
            first(published, "breaking_until"),
            first(published.filter(kind=Article.Kind.LIVE), "live_until"),
            first(FrontPagePick.objects.all(), "until"),
            all=True,
        )
        .order_by()
    ]


def lifetime(seconds=None):
    """How long a public response may be kept: the configured time, cut short
    by the next timed change (a page must not miss a story at its minute, nor
    show a pick, a breaking bar or a live coverage past its end)."""
    seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    until = seconds_to_next_timed_change()
    return seconds if until is None else min(seconds, until)


def is_fresh(entry, last_purge):
    """Whether no key `entry` shows was purged after its rendering began."""
    return unpurged_since(entry["keys"], entry["at"], last_purge)


def unpurged_since(keys, started, last_purge=None):
    """Whether none of `keys` was purged after `started` (less the clock
    skew); None when the cache cannot tell."""
    fresh_before = started - CLOCK_SKEW
    if last_purge is None:
        names = [name(LAST_PURGE), *(_purged(k) for k in keys)]
        found = cache.get_many(names)
        if not available():
            return None
        if found.get(names[0], 0) < fresh_before:
            return True
        return all(found.get(stamp, 0) < fresh_before for stamp in names[1:])
    if last_purge < fresh_before:  # nothing at all purged since: most hits stop here
        return True
    purged = cache.get_many([_purged(k) for k in keys])
    return all(at < fresh_before for at in purged.values())
