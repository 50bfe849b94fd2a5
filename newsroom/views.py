"""Views of the site as a whole: its health, and its error pages."""

import sys
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import (
    DatabaseError,
    DataError,
    IntegrityError,
    ProgrammingError,
    connection,
    connections,
)
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

BUGS = (DataError, IntegrityError, ProgrammingError)
RETRY_AFTER = 30  # seconds
HEALTH_TIMEOUT = 1.0  # seconds
_health_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz")


def _check():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if isinstance(caches["default"], DummyCache):  # CACHE_URL=dummy:// keeps nothing to check
            return True
        cache.set("healthz", 1, timeout=10)
        return cache.get("healthz") == 1
    finally:
        connections.close_all()  # this thread's own connection


@never_cache
def healthz(request):
    """200 "ok" when the database and the cache answer within a second,
    503 otherwise. Says nothing else, to anyone."""
    future = _health_pool.submit(_check)
    try:
        healthy = future.result(timeout=HEALTH_TIMEOUT)
    except (FutureTimeout, Exception):
        healthy = False
    return HttpResponse(
        "ok" if healthy else "unavailable",
        status=200 if healthy else 503,
        content_type="text/plain; charset=utf-8",
    )


def server_error(request):
    """The 500 page; a 503 with Retry-After when the database is unreachable.

    Neither page needs the database: they do not extend the site's base
    template, whose menu reads the regions.
    """
    error = sys.exc_info()[1]
    # Errors in reaching the database, not in our own SQL.
    if isinstance(error, DatabaseError) and not isinstance(error, BUGS):
        in_admin = "admin" in request.path.split("/")[1:3]  # /admin/… or /en/admin/…
        html = loader.render_to_string("503.html", {"in_admin": in_admin})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer to a login refused for too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "title": "", "site_header": ""}
    return render(request, "admin/locked_out.html", context, status=429)
