"""Django's own Redis cache backend, made to fail open.

The cache is a helper, never a source of truth: every page can be made
again from the database. So a Redis that is stopped, frozen or full must
cost a reader at most a short timeout, never an error:

- Every connection has short socket timeouts (`CACHE_CONNECT_TIMEOUT`,
  `CACHE_READ_TIMEOUT`, set in settings as the pool's options).
- Any Redis error is logged and the call answers as a miss: `get` gives the
  default, `get_many` nothing, `add` False, `set_many` names every key as
  not stored (Django's contract), `incr` 0.
- After a failure a circuit breaker stops asking Redis for
  `CACHE_RETRY_SECONDS`, so a frozen Redis does not add its timeout to every
  request; then one call tries again.

`available()` tells whether the cache is answering, for /healthz and for the
page cache, which keeps responses downstream only briefly while it cannot
see purges.

One Redis client is built per connection pool and kept: Django builds a new
`redis.Redis` for every cache call, and redis-py 8 fills some 170 response
callbacks in each constructor, which cost more on a page-cache hit than the
round trips themselves (measured with bench/page_speed.py).
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends import redis

logger = logging.getLogger(__name__)


class Breaker:
    """Open for `seconds` after a failure: calls are answered as misses
    without trying Redis. Shared by the threads of one process."""

    def __init__(self):
        self.open_until = 0.0
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, error):
        with self.lock:
            if not self.is_open():
                logger.warning("Cache unavailable, pages render from the database: %s", error)
            self.open_until = time.monotonic() + settings.CACHE_RETRY_SECONDS


def _fail_open(answer):
    """Run a client call unless the breaker is open; on a Redis error trip it
    and give `answer(*args)` instead."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.breaker.is_open():
                return answer(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except self._lib.RedisError as error:
                self.breaker.trip(error)
                return answer(*args, **kwargs)

        return wrapper

    return decorator


class FailOpenRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self.breaker = Breaker()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _fail_open(lambda key, value, timeout: False)(redis.RedisCacheClient.add)
    get = _fail_open(lambda key, default: default)(redis.RedisCacheClient.get)
    set = _fail_open(lambda key, value, timeout: None)(redis.RedisCacheClient.set)
    touch = _fail_open(lambda key, timeout: False)(redis.RedisCacheClient.touch)
    delete = _fail_open(lambda key: False)(redis.RedisCacheClient.delete)
    get_many = _fail_open(lambda keys: {})(redis.RedisCacheClient.get_many)
    has_key = _fail_open(lambda key: False)(redis.RedisCacheClient.has_key)
    incr = _fail_open(lambda key, delta: 0)(redis.RedisCacheClient.incr)
    delete_many = _fail_open(lambda keys: None)(redis.RedisCacheClient.delete_many)
    clear = _fail_open(lambda: False)(redis.RedisCacheClient.clear)

    @_fail_open(lambda data, timeout: list(data))
    def set_many(self, data, timeout):
        super().set_many(data, timeout)
        return []

    def ping(self):
        """Whether Redis answers now (asked even while the breaker is open)."""
        try:
            return bool(self.get_client(write=True).ping())
        except self._lib.RedisError as error:
            self.breaker.trip(error)
            return False


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailOpenRedisCacheClient

    def set_many(self, data, timeout=redis.DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        safe_data = {self.make_and_validate_key(key, version=version): v for key, v in data.items()}
        failed = self._cache.set_many(safe_data, self.get_backend_timeout(timeout))
        if not failed:
            return []
        names = dict(zip(safe_data, data, strict=True))
        return [names[key] for key in failed]


def can_miss_writes(alias="default"):
    """Whether the cache may fail to take a write: Redis, not local memory."""
    return isinstance(caches[alias], RedisCache)


def available(alias="default", *, ask=False):
    """Whether the cache answers: from the breaker, or with `ask` a ping.
    Caches other than Redis (local memory, dummy) never fail."""
    backend = caches[alias]
    if not isinstance(backend, RedisCache):
        return True
    client = backend._cache
    if ask:
        return client.ping()
    return not client.breaker.is_open()
