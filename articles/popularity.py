"""Most-read articles ("Terpopuler"), counted per day without slowing pages.

The article page itself writes nothing: its script sends one beacon after
the page has loaded (`navigator.sendBeacon`). Cached pages still count, and
robots that do not run scripts do not.

A beacon writes nothing to the database either: it adds one to the story's
counter in the cache (an atomic `INCR` in Redis). At most once every
FLUSH_SECONDS one beacon moves every counter into the per-article, per-day
rows in one transaction, so a story read hundreds of times a second costs
one UPDATE a minute, not one per read.

Each flush also adds the reads to the story's `ReadTotal`, its reads over
the last `WINDOW_DAYS` days, so the ranking never adds up the archive's
reads: the top `LIMIT` come from the index on `ReadTotal.reads` in
milliseconds, whether the cache is warm or cold. When the day changes,
the day that left the window is subtracted (`_slide_window`): one UPDATE
of that day's rows, not a recount.

The ranking (the `LIMIT` most read published stories of the last
`WINDOW_DAYS` days) is kept as a named entry of the page cache
(`caching.MOST_READ_RANKING`), so a page reads it instead of
asking the database. Each read updates it in place: a story already ranked
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
from django.db.models import F, OuterRef, Subquery, Sum
from django.utils import timezone

from . import caching
from .models import Article, ArticleRead, ReadTotal, ReadWindow

WINDOW_DAYS = 7
LIMIT = 5
READ_AGAIN_AFTER = 3600  # seconds before the same reader counts again
FLUSH_SECONDS = 60
FLUSH_LOCK = "most-read:flush-lock"
# Which counters hold reads: slot n (from an atomic sequence) names one story.
SEQUENCE, FLUSHED_UP_TO = "most-read:sequence", "most-read:flushed-up-to"


def window_start():
    return timezone.localdate() - timedelta(days=WINDOW_DAYS - 1)


def record_read(article):
    """Count one read of `article`, and keep the ranking up to date."""
    try:
        first = _incr(_counter(article.pk)) == 1
    except ValueError:  # a cache that keeps nothing (CACHE_URL=dummy://): count here
        add_reads(article.pk, timezone.localdate(), 1)
        forget()
        return
    if first:  # its first read since the last flush
        _note_pending(article.pk)
    if cache.add(FLUSH_LOCK, 1, timeout=FLUSH_SECONDS):
        flush()
    _rerank(article)


def flush(*, day=None):
    """Move every counter's reads to the database, as reads of `day` (today)."""
    day = day or timezone.localdate()
    last = cache.get(FLUSHED_UP_TO, 0)
    upto = cache.get(SEQUENCE, 0)
    if upto <= last:
        return
    slots = cache.get_many([_slot(n) for n in range(last + 1, upto + 1)])
    ids = set(slots.values())
    counts = cache.get_many([_counter(pk) for pk in ids])
    taken = {pk: counts.get(_counter(pk), 0) for pk in ids}
    existing = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    with transaction.atomic():
        _slide_window()
        for pk, reads in taken.items():
            if reads and pk in existing:
                _add_reads(pk, day, reads)
    cache.set(FLUSHED_UP_TO, upto, timeout=None)
    cache.delete_many([_slot(n) for n in range(last + 1, upto + 1)])
    for pk, reads in taken.items():
        if reads and cache.decr(_counter(pk), reads) > 0:  # read again meanwhile
            _note_pending(pk)


def _add_reads(pk, day, reads):
    """Add `reads` to story `pk`'s counter of `day`, and to its window total."""
    counter = ArticleRead.objects.filter(article_id=pk, day=day)
    if not counter.update(count=F("count") + reads):
        try:
            with transaction.atomic():
                ArticleRead.objects.create(article_id=pk, day=day, count=reads)
        except IntegrityError:  # another flush created today's row first
            counter.update(count=F("count") + reads)
    if day < window_start():
        return
    total = ReadTotal.objects.filter(article_id=pk)
    if not total.update(reads=F("reads") + reads):
        try:
            with transaction.atomic():
                ReadTotal.objects.create(article_id=pk, reads=reads)
        except IntegrityError:
            total.update(reads=F("reads") + reads)


def add_reads(pk, day, reads):
    """Count `reads` of story `pk` on `day` straight into the database (an import)."""
    with transaction.atomic():
        _slide_window()
        _add_reads(pk, day, reads)


def recount():
    """Count the window totals afresh from the daily rows: after rows were
    loaded in bulk (an archive), never in a reader's request."""
    with transaction.atomic():
        _slide_window(afresh=True)
    forget()


def _slide_window(*, afresh=False):
    """Bring the window totals to today's window: subtract the days that have
    left it, one UPDATE per day (once a day, a few milliseconds per thousand
    stories read that day). Without a window yet (a new database; the
    migration that made the table counted it), count it from the daily rows."""
    start = window_start()
    window = ReadWindow.objects.select_for_update().first()
    if window is not None and window.since >= start and not afresh:
        return
    if afresh or window is None or (start - window.since).days >= WINDOW_DAYS:
        ReadTotal.objects.all().delete()
        ReadTotal.objects.bulk_create(
            ReadTotal(article_id=row["article"], reads=row["reads"])
            for row in ArticleRead.objects.filter(day__gte=start)
            .values("article")
            .annotate(reads=Sum("count"))
        )
    else:
        for n in range((start - window.since).days):
            day = window.since + timedelta(days=n)
            left = ArticleRead.objects.filter(article_id=OuterRef("article_id"), day=day)
            ReadTotal.objects.filter(article__reads__day=day).update(
                reads=F("reads") - Subquery(left.values("count")[:1])
            )
        ReadTotal.objects.filter(reads__lte=0).delete()
    ReadWindow.objects.update_or_create(pk=1, defaults={"since": start})


def pending_reads(pk):
    """Reads of story `pk` counted since the last flush."""
    return cache.get(_counter(pk), 0)


def _counter(pk):
    return f"most-read:pending:{pk}"


def _slot(n):
    return f"most-read:slot:{n}"


def _incr(key):
    cache.add(key, 0, timeout=None)
    return cache.incr(key)


def _note_pending(pk):
    cache.set(_slot(_incr(SEQUENCE)), pk, timeout=None)


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
    kept = caching.recall(caching.MOST_READ_RANKING)
    if kept is not None and kept["since"] == window_start():
        return kept["ranking"]
    return _store(_rank())


def forget():
    """Make the ranking again on its next use: a story came or went."""
    caching.forget(caching.MOST_READ_RANKING)


def _rank():
    flush()
    if not ReadWindow.objects.filter(since__gte=window_start()).exists():  # a new day
        with transaction.atomic():
            _slide_window()
    rows = (
        ReadTotal.objects.filter(article__in=Article.objects.published())
        .values("article", "reads", "article__published_at")
        .order_by("-reads", "-article__published_at")[:LIMIT]
    )
    return [(r["article"], r["reads"], r["article__published_at"].timestamp()) for r in rows]


def _order(entry):
    """Most reads first, then the newest."""
    _pk, reads, published = entry
    return (-reads, -published)


def _store(entries):
    caching.remember(caching.MOST_READ_RANKING, {"since": window_start(), "ranking": entries})
    return entries


def _rerank(article):
    before = ranking()
    total = ReadTotal.objects.filter(article=article).values_list("reads", flat=True).first()
    reads = (total or 0) + pending_reads(article.pk)
    entry = (article.pk, reads, article.published_at.timestamp())
    others = [e for e in before if e[0] != article.pk]
    ranked = len(others) < len(before) or len(before) < LIMIT or _order(entry) < _order(before[-1])
    if not ranked:
        return
    after = sorted([*others, entry], key=_order)[:LIMIT]
    _store(after)
    if [e[0] for e in after] != [e[0] for e in before]:
        caching.purge({caching.MOST_READ})
