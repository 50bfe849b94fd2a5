"""The "Breaking" bar: the one story editors flag, on every public page.

Every page shows it, so the answer is kept in the cache and read from there:
made again from the database only when a change forgets it, its time is up
or the next scheduled story goes live.
"""

from django.core.cache import cache
from django.utils import timezone

from . import caching
from .models import Article

KEPT = "breaking:current"


def current(request):
    """{"title", "url", "until"} of the story flagged breaking now, or None."""
    caching.show(request, caching.BREAKING)
    kept = cache.get(caching.name(KEPT))
    if kept is None or (kept != "none" and kept["until"] <= timezone.now()):
        story = (
            Article.objects.published()
            .filter(breaking_until__gt=timezone.now())
            .order_by("-published_at")
            .only("title", "slug", "breaking_until")
            .first()
        )
        kept = (
            {"title": story.title, "url": story.get_absolute_url(), "until": story.breaking_until}
            if story
            else "none"
        )
        # Kept until a change forgets it, but never past the next go-live: a
        # story scheduled with its flag set gets its bar at its minute.
        cache.set(caching.name(KEPT), kept, timeout=caching.seconds_to_next_go_live())
    return None if kept == "none" else kept


def forget():
    """A story was flagged, unflagged, published or taken down: ask again."""
    cache.delete(caching.name(KEPT))
