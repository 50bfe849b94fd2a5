"""With a read replica configured, public pages read from it and nothing else does.

The replica here is a second alias on the test database: its own connection,
so each query shows which alias ran it.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import caching, services
from articles.models import Article
from newsroom.db_router import REPLICA
from tests.factories import make_article, make_editor

# Committed rows, so the replica's connection sees them.
pytestmark = [
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True, databases=["default", REPLICA]
    ),
    pytest.mark.usefixtures("migrated_data_restored"),
]


@pytest.fixture(scope="module", autouse=True)
def replica():
    """Added before the test case checks its databases (module scope runs first)."""
    connections.settings[REPLICA] = {
        **connections["default"].settings_dict,
        "TEST": {"MIRROR": "default"},
    }
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def queries_per_alias(client, method, url, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response, len(primary), len(replica)


@pytest.mark.parametrize("page", ["home", "article", "region", "tag", "author", "search", "feed"])
def test_public_pages_read_from_the_replica_only(client, page):
    article = make_article("Banjir di Blitar", tags=["banjir"])
    url = {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "region": reverse("articles:region", args=[article.region.slug]),
        "tag": reverse("articles:tag", args=["banjir"]),
        "author": reverse("articles:author", args=[article.author.slug]),
        "search": reverse("articles:search") + "?q=banjir",
        "feed": reverse("articles:feed"),
    }[page]
    response, on_primary, on_replica = queries_per_alias(client, "get", url)
    assert response.status_code == 200
    assert on_replica > 0
    assert on_primary == 0


def test_pages_read_from_the_primary_right_after_a_change(client):
    """A lagging replica must not render a page the cache then keeps stale."""
    article = make_article("Banjir di Blitar")
    caching.purge({f"article-{article.pk}"})
    _response, on_primary, on_replica = queries_per_alias(client, "get", article.get_absolute_url())
    assert on_primary > 0
    assert on_replica == 0


def test_admin_previews_and_beacons_use_the_primary(client):
    editor = make_editor("redaktur")
    draft = make_article("Draf baru", status=Article.Status.DRAFT, author=editor.author)
    published = make_article("Sudah terbit")
    link = services.preview_link_create(article=draft, by=editor, hours=2)
    client.force_login(editor)
    requests = [
        ("get", reverse("admin:articles_article_changelist"), {}),
        ("get", reverse("articles:preview", args=[draft.pk]), {}),
        ("get", reverse("articles:preview_link", args=[link.token]), {}),
        ("post", reverse("articles:read", args=[published.pk]), {}),
    ]
    for method, url, kwargs in requests:
        response, on_primary, on_replica = queries_per_alias(client, method, url, **kwargs)
        assert response.status_code in (200, 204), url
        assert on_primary > 0, url
        assert on_replica == 0, url
