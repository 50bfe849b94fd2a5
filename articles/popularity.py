"""Most-read articles ("Terpopuler"), counted per day without slowing pages.

The article page itself writes nothing: its script sends one beacon after
the page has loaded (`navigator.sendBeacon`), and the beacon costs one
UPDATE of a per-article, per-day counter. Cached pages still count, and
robots that do not run scripts do not.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from .models import Article, ArticleRead

WINDOW_DAYS = 7


def record_read(article, *, day=None):
    """Count one read of `article` today."""
    day = day or timezone.localdate()
    counter = ArticleRead.objects.filter(article=article, day=day)
    if counter.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ArticleRead.objects.create(article=article, day=day, count=1)
    except IntegrityError:  # another reader created today's row first
        counter.update(count=F("count") + 1)


def most_read(limit=5, days=WINDOW_DAYS):
    """Published articles read most in the last `days` days, most read first."""
    since = timezone.localdate() - timedelta(days=days - 1)
    return (
        Article.objects.published()
        .for_listing()
        .annotate(read_count=Sum("reads__count", filter=Q(reads__day__gte=since)))
        .filter(read_count__gt=0)
        .order_by("-read_count", "-published_at")[:limit]
    )
