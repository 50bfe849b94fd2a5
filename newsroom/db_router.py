"""Public reads from a read replica, everything else from the primary.

When DATABASE_REPLICA_URL is set, settings add a `replica` database and this
router sends to it the reads of public pages: GET and HEAD requests outside
the admin and the previews. Writes, the admin, previews (an editor must see
the draft just saved, not a copy a moment behind), the read beacon and every
command use the primary. Without a replica, everything uses the primary.

A replica runs a moment behind. A page rendered from it just after a change
could show the old text, and the page cache (or Varnish) would keep that
stale copy although the change purged it. So for REPLICA_LAG_SECONDS after
any purge, public pages read from the primary too.
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from articles.caching import last_purge

REPLICA = "replica"
# Public pages that show what has just been written.
PRIMARY_VIEWS = {"articles:preview", "articles:preview_link"}

_public_read = ContextVar("public_read", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_read.get() and REPLICA in connections.settings:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary


class PublicReadsMiddleware:
    """Mark a request as a public read once its view is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _public_read.set(False)
        try:
            return self.get_response(request)  # rendering included
        finally:
            _public_read.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if REPLICA not in connections.settings:
            return
        match = request.resolver_match
        _public_read.set(
            request.method in ("GET", "HEAD")
            and "admin" not in match.namespaces
            and match.view_name not in PRIMARY_VIEWS
            and time.time() - last_purge() > settings.REPLICA_LAG_SECONDS
        )
