"""Django's own Redis cache backend, with one Redis client per connection pool.

Django builds a new `redis.Redis` for every cache call, and redis-py 8 fills
some 170 response callbacks in each constructor: on a page-cache hit (two
calls) that cost more than the round trips themselves (measured with
bench/page_speed.py). The client is thread-safe and holds no state of its
own beyond the pool, so one per pool is built and kept.
"""

from django.core.cache.backends import redis


class SharedClientRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
