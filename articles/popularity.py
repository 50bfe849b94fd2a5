"""Most-read articles ("Terpopuler"), counted per day without slowing pages.

The article page itself writes nothing: its script sends one beacon after
the page has loaded (`navigator.sendBeacon`), and the beacon costs one
UPDATE of a per-article, per-day counter. Cached pages still count, and
robots that do not run scripts do not.

The ranking (the `LIMIT` most read published stories of the last
`WINDOW_DAYS` days) is kept in the cache, so a page reads it instead of
adding up reads. Each read updates it in place: a story already ranked
moves up, and one that overtakes the last takes its place; every other
story was read less than the last when the ranking was made, and only a
read can change that. When the order changes, the pages that show
"Terpopuler" are purged. It is made again from the counters when the day
(and so the window) changes, or when a story is published or taken down.
"""

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from . import caching
from .models import Article, ArticleRead

WINDOW_DAYS = 7
LIMIT = 5
RANKING = "most-read:ranking"
READ_AGAIN_AFTER = 3600  # seconds before the same reader counts again


def window_start():
    return timezone.localdate() - timedelta(days=WINDOW_DAYS - 1)


def record_read(article, *, day=None):
    """Count one read of `article` today, and keep the ranking up to date."""
    day = day or timezone.localdate()
    counter = ArticleRead.objects.filter(article=article, day=day)
    if not counter.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                ArticleRead.objects.create(article=article, day=day, count=1)
        except IntegrityError:  # another reader created today's row first
            counter.update(count=F("count") + 1)
    _rerank(article)


def first_read_this_hour(article, *, reader):
    """True the first time `reader` reads `article` within an hour, then False."""
    digest = hashlib.sha256(f"{article.pk}|{reader}".encode()).hexdigest()[:32]
    return cache.add(f"most-read:seen:{digest}", 1, timeout=READ_AGAIN_AFTER)


def ranked_ids():
    """The ids of the most read published stories, most read first."""
    return [pk for pk, _reads, _published in ranking()]


def most_read():
    """Published articles read most in the window, most read first (two queries at most)."""
    ids = ranked_ids()
    found = Article.objects.published().for_listing().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def ranking():
    """[(article id, reads in the window, publish timestamp)], most read first."""
    kept = cache.get(RANKING)
    if kept is not None and kept["since"] == window_start():
        return kept["ranking"]
    return _store(_rank())


def forget():
    """Make the ranking again on its next use: a story came or went."""
    cache.delete(RANKING)


def _rank():
    rows = (
        ArticleRead.objects.filter(day__gte=window_start(), article__in=Article.objects.published())
        .values("article", "article__published_at")
        .annotate(reads=Sum("count"))
        .order_by("-reads", "-article__published_at")[:LIMIT]
    )
    return [(r["article"], r["reads"], r["article__published_at"].timestamp()) for r in rows]


def _order(entry):
    """Most reads first, then the newest."""
    _pk, reads, published = entry
    return (-reads, -published)


def _store(entries):
    cache.set(RANKING, {"since": window_start(), "ranking": entries}, timeout=None)
    return entries


def _rerank(article):
    before = ranking()
    reads = (
        ArticleRead.objects.filter(article=article, day__gte=window_start()).aggregate(
            total=Sum("count")
        )["total"]
        or 0
    )
    entry = (article.pk, reads, article.published_at.timestamp())
    others = [e for e in before if e[0] != article.pk]
    ranked = len(others) < len(before) or len(before) < LIMIT or _order(entry) < _order(before[-1])
    if not ranked:
        return
    after = sorted([*others, entry], key=_order)[:LIMIT]
    _store(after)
    if [e[0] for e in after] != [e[0] for e in before]:
        caching.purge({caching.MOST_READ})
