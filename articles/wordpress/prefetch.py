"""Photos cleaned in worker processes ahead of the posts that need them.

Cleaning a phone photo (`photos.prepare`: decode, check, re-encode without
its metadata) costs about as much as writing its post; the importer's
first pass knows which photos the posts will ask for and in what order, so
the workers clean them while the main process writes the posts before.
Only a window of photos is held in memory at a time.
"""

import logging
import multiprocessing
import posixpath
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import urlopen

import django
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile

from .. import photos

logger = logging.getLogger(__name__)
WINDOW = 48  # photos cleaned ahead of the post being written
FETCH_TIMEOUT = 30  # seconds for one file from the old site (--media-url)


def prepare(path):
    """`photos.prepare` of the file at `path` (a local path, or an http(s)
    URL for `--media-url`): (prepared, None) or (None, why not)."""
    try:
        if isinstance(path, str):
            return photos.prepare(_fetch(path)), None
        with open(path, "rb") as handle:
            return photos.prepare(File(handle, name=path.name)), None
    except ValidationError as error:
        return None, " ".join(error.messages)
    except HTTPError as error:
        return None, f"the old site answered HTTP {error.code} for {path}"
    except (URLError, OSError) as error:
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
        return None, f"could not be read ({reason})"


def _fetch(url):
    """The file at `url`, read up to one byte over the upload limit (which
    `photos.prepare` then refuses with its own message)."""
    with urlopen(url, timeout=FETCH_TIMEOUT) as answer:
        content = answer.read(settings.PHOTO_MAX_BYTES + 1)
    return ContentFile(content, name=posixpath.basename(urlsplit(url).path) or "foto")


class Prefetch:
    """`take(key, path)` the prepared photo of `key`, planned as (key, path)
    pairs in the order they will be taken. A key taken out of plan is
    prepared on the spot; photos planned before a taken one and never asked
    for (their post failed or was skipped) are let go. Should the workers
    die (killed for memory, or unable to start), the rest is prepared here,
    one by one: slower, but every photo still comes in."""

    def __init__(self, plan, *, workers=None):
        self.waiting = deque(enumerate(plan))
        self.running = {}  # key -> (place in the plan, future)
        self.pool = None
        if self.waiting:
            # Fresh processes, not forks: nothing of this one's (its
            # database connection, a test's transaction) is shared with them.
            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=django.setup,
            )
        self._fill()

    def _fill(self):
        while self.pool is not None and self.waiting and len(self.running) < WINDOW:
            place, (key, path) = self.waiting.popleft()
            if key not in self.running:
                try:
                    self.running[key] = (place, self.pool.submit(prepare, path))
                except BrokenProcessPool:
                    self._without_workers()

    def take(self, key, path):
        place, future = self.running.pop(key, (None, None))
        result = None
        if future is not None:
            try:
                result = future.result()
            except BrokenProcessPool:
                self._without_workers()
            for passed in [k for k, (p, _f) in self.running.items() if p < place]:
                self.running.pop(passed)[1].cancel()
        if result is None:
            result = prepare(path)
        self._fill()
        return result

    def _without_workers(self):
        logger.warning("The photo workers stopped; photos are now prepared one by one.")
        self.close()
        self.pool, self.running = None, {}

    def close(self):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
