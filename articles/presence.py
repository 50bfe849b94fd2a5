"""Who else has a story open in the admin: a soft mark in the cache, set
when the form is opened and refreshed by each autosave, gone
`SECONDS` after the last. It never locks anything; it only tells.
"""

import time
from datetime import UTC, datetime

from django.core.cache import cache

SECONDS = 120


def _key(article_id):
    return f"presence:article:{article_id}"


def mark(article_id, user):
    """`user` has story `article_id` open now."""
    now = time.time()
    here = {
        pk: seen
        for pk, seen in (cache.get(_key(article_id)) or {}).items()
        if now - seen["seen"] < SECONDS
    }
    since = here.get(user.pk, {}).get("since", now)
    name = user.get_full_name() or user.get_username()
    here[user.pk] = {"name": name, "since": since, "seen": now}
    cache.set(_key(article_id), here, timeout=SECONDS * 2)


def others(article_id, user):
    """[{"name", "since"}] of the others who had story `article_id` open in
    the last `SECONDS`, first come first."""
    now = time.time()
    here = cache.get(_key(article_id)) or {}
    present = [seen for pk, seen in here.items() if pk != user.pk and now - seen["seen"] < SECONDS]
    return [
        {"name": seen["name"], "since": datetime.fromtimestamp(seen["since"], tz=UTC)}
        for seen in sorted(present, key=lambda seen: seen["since"])
    ]
