"""The "Breaking" bar: the one story editors flag, on every public page.

Every page shows it, so the answer is kept as a named entry of the page
cache (`caching.BREAKING_BAR`) and read from there: made again from the
database only when a change purges the `breaking` key, its time is up or
the next timed change comes.
"""

from django.utils import timezone

from . import caching
from .models import Article


def current(request):
    """{"title", "url", "until"} of the story flagged breaking now, or None."""
    caching.add_keys(request, caching.BREAKING)
    bar = caching.recall(caching.BREAKING_BAR)
    if bar is None or (bar != "none" and bar["until"] <= timezone.now()):
        story = (
            Article.objects.published()
            .filter(breaking_until__gt=timezone.now())
            .order_by("-published_at")
            .only("title", "slug", "breaking_until")
            .first()
        )
        bar = (
            {"title": story.title, "url": story.get_absolute_url(), "until": story.breaking_until}
            if story
            else "none"
        )
        # Kept until a purge of `breaking` forgets it, but never past the next
        # timed change: a story scheduled with its flag set gets its bar at its minute.
        caching.remember(caching.BREAKING_BAR, bar, capped=True)
    return None if bar == "none" else bar
