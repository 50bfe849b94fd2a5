"""Views of the site as a whole: its health, and its error pages."""

import sys
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
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
from django.utils import timezone
from django.views.decorators.cache import never_cache

from newsroom import logins
from newsroom.cache import available

BUGS = (DataError, IntegrityError, ProgrammingError)
RETRY_AFTER = 30  # seconds
HEALTH_TIMEOUT = 1.0  # seconds
PURGES_LATE = 60  # seconds a proxy purge may wait before the site is "degraded"
_health_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz")


def _check():
    """The site's state: "ok", "degraded" (pages render, but the cache is out
    or proxy purges wait), or "unavailable" (the database is out)."""
    from articles.purges import purges_waiting

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        _waiting, since = purges_waiting()
    except DatabaseError:
        return "unavailable"
    finally:
        connections.close_all()  # this thread's own connection
    if not available(ask=True):
        return "degraded: cache"
    if since is not None and (timezone.now() - since).total_seconds() > PURGES_LATE:
        return "degraded: purges waiting"
    return "ok"


@never_cache
def healthz(request):
    """200 "ok"; 200 "degraded: …" when only the cache is out or proxy purges
    have waited over a minute (Varnish must keep sending readers: pages
    still render); 503 "unavailable" when the database does not answer
    within a second. Says nothing else, to anyone."""
    future = _health_pool.submit(_check)
    try:
        state = future.result(timeout=HEALTH_TIMEOUT)
    except FutureTimeout:
        state = "unavailable"
    return HttpResponse(
        state,
        status=503 if state == "unavailable" else 200,
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


def locked_out(request, *args, **kwargs):
    """django-axes' answer to a login refused for too many wrong passwords:
    which limit refused it (newsroom/logins.py), and what the owner can do."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    limit = logins.refused_by(request)
    context = {"minutes": minutes, "limit": limit, "title": "", "site_header": ""}
    return render(request, "admin/locked_out.html", context, status=429)
