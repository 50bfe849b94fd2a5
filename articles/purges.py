"""Purging the cache proxies: a task of Django's tasks framework that every
change's after-commit work queues (articles.caching.purge), and what an
editor or the operator sees of purges still waiting.

In development and tests the task runs in-process at once (ImmediateBackend);
in production TASKS_BACKEND names a queue in the database, and a worker
(`manage.py db_worker`) runs it.
"""

import logging
import time
import urllib.request
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

# One xkey-purge header stays well below Varnish's 8 KB header limit and
# nginx's buffers; more keys go in more requests.
PURGE_HEADER_BYTES = 1500
RETRY_CAP_SECONDS = 300


class PurgeFailed(Exception):
    """A proxy did not confirm a purge; the task was queued again."""


def key_batches(keys, limit=PURGE_HEADER_BYTES):
    """`keys` in space-separated runs of at most `limit` bytes."""
    batch = []
    for key in keys:
        if batch and len(" ".join([*batch, key])) > limit:
            yield " ".join(batch)
            batch = []
        batch.append(key)
    if batch:
        yield " ".join(batch)


@task
def purge_proxies(keys, urls=None, attempt=1, since=None):
    """Tell every cache proxy in PURGE_URLS to drop the responses showing `keys`.

    Varnish with vmod xkey (deploy/varnish.vcl) takes them in `xkey-purge`;
    a CDN's surrogate keys or cache tags would be one more request here.
    A purge is done only when the proxy answered 200. A proxy that could not
    be reached or refused is asked again, with a growing delay (2, 4, 8 s …
    up to 5 minutes), until it confirms, or until every page it could hold
    from before the change has outlived its s-maxage. The failed attempt is
    recorded as failed, so the queue shows what is waiting and why.
    """
    since = since or time.time()
    failed = []
    for url in urls or settings.PURGE_URLS:
        for header in key_batches(keys):
            request = urllib.request.Request(url, method="PURGE", headers={"xkey-purge": header})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    response.read()
            except OSError as error:  # refused, timed out, or an HTTP error status
                logger.warning("Could not purge %s at %s: %s", header, url, error)
                failed.append(url)
                break
    if not failed:
        return
    if time.time() - since > settings.PAGE_CACHE_SECONDS:
        raise PurgeFailed(f"{failed}: given up, the pages it held have expired")
    if not purge_proxies.get_backend().supports_defer:  # in-process: no one to retry later
        raise PurgeFailed(f"{failed}: not purged")
    delay = min(2**attempt, RETRY_CAP_SECONDS)
    purge_proxies.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        keys, urls=failed, attempt=attempt + 1, since=since
    )
    raise PurgeFailed(f"{failed}: not purged, asked again in {delay} s (attempt {attempt})")


def purges_waiting():
    """(how many proxy purges wait, since when the oldest change waits) or
    (0, None). A purge being retried counts from its first attempt. Only a
    database queue can be asked; in-process tasks never wait."""
    if "DatabaseBackend" not in settings.TASKS["default"]["BACKEND"]:
        return 0, None
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=purge_proxies.module_path, status="READY")
    rows = list(waiting.values_list("enqueued_at", "args_kwargs")[:1000])
    if not rows:
        return 0, None
    starts = []
    for enqueued_at, args_kwargs in rows:
        since = (args_kwargs or {}).get("kwargs", {}).get("since")
        starts.append(datetime.fromtimestamp(since, UTC) if since else enqueued_at)
    return waiting.count(), min(starts)
