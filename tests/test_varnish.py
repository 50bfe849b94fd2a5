"""gunicorn behind Varnish (deploy/varnish.vcl), on PostgreSQL: kept pages, exact purges.

Readers' pages come from Varnish once kept; an edit, a publication, a
takedown and a scheduled go-live show through it within a second; drafts,
previews and the admin are never kept. Needs Debian's varnish and
varnish-modules (`make test` installs them) and a PostgreSQL test database
that gunicorn, a separate process, can open.
"""

import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import make_article, make_editor, make_region
from tests.stack import needs_varnish, stack_fixture

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
    needs_varnish,
    pytest.mark.postgresql(reason="gunicorn must open the test database"),
]
Status = Article.Status


servers = stack_fixture()  # gunicorn with the page cache off, Varnish in front


@pytest.fixture
def proxy(servers, settings):
    """The proxy's address, empty of pages from earlier tests, and purged by our changes."""
    settings.PURGE_URLS = [servers.purge + "/"]
    settings.PAGE_CACHE_SECONDS = 3600  # the app's headers: s-maxage for Varnish
    forget_all = urllib.request.Request(
        servers.purge + "/",
        method="PURGE",
        headers={"xkey-purge": "regions"},  # on every page
    )
    urllib.request.urlopen(forget_all, timeout=5).read()
    after_a_purge()
    return servers.varnish


def after_a_purge():
    """Varnish keeps no page begun within a second (the app servers' clock
    skew) of its last purge: it may show what the purge removed."""
    time.sleep(1.1)


def fetch(url):
    try:
        response = urllib.request.urlopen(url, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read().decode()


def within_a_second(check):
    deadline = time.monotonic() + 1
    while not check():
        assert time.monotonic() < deadline, "not visible through the proxy within 1 s"
        time.sleep(0.05)


@pytest.fixture
def newsroom():
    region = make_region("Blitar", slug="blitar")
    return {"region": region, "editor": make_editor()}


def test_pages_are_kept_and_every_change_shows_within_a_second(proxy, newsroom):
    editor, region = newsroom["editor"], newsroom["region"]
    story = make_article("Pasar dibuka", region=region)
    url = proxy + story.get_absolute_url()
    assert fetch(url)[1]["X-Cache"] == "MISS"
    status, headers, _html = fetch(url)
    assert (status, headers["X-Cache"]) == (200, "HIT")
    fetch(proxy + "/")

    services.article_save(article=story, by=editor, changes={"title": "Pasar ramai"})
    within_a_second(lambda: "Pasar ramai" in fetch(url)[2])

    new = make_article("Banjir surut", status=Status.DRAFT, region=region)
    services.article_act(article=new, by=editor, action="publish")
    within_a_second(lambda: "Banjir surut" in fetch(proxy + "/")[2])

    services.article_act(article=story, by=editor, action="unpublish")
    within_a_second(lambda: fetch(url)[0] == 404)


def test_a_scheduled_story_shows_through_the_proxy_at_its_time(proxy, newsroom):
    make_article("Berita lama", region=newsroom["region"])
    at = timezone.now() + timedelta(seconds=4)
    draft = make_article("Festival kopi", status=Status.DRAFT, region=newsroom["region"])
    services.article_act(article=draft, by=newsroom["editor"], action="schedule", publish_at=at)
    after_a_purge()
    assert "Festival kopi" not in fetch(proxy + "/")[2]
    assert fetch(proxy + "/")[1]["X-Cache"] == "HIT"
    time.sleep(max(0, (at - timezone.now()).total_seconds()))
    within_a_second(lambda: "Festival kopi" in fetch(proxy + "/")[2])


def test_drafts_previews_and_the_admin_are_never_kept(proxy, newsroom):
    draft = make_article("Draf rahasia", status=Status.DRAFT, region=newsroom["region"])
    for path in [draft.get_absolute_url(), f"/pratinjau/{draft.pk}/", "/admin/akun/login/"]:
        fetch(proxy + path)
        assert fetch(proxy + path)[1]["X-Cache"] == "MISS", path


def test_only_the_app_may_purge(servers, proxy):
    """Purges go to their own listener; where readers arrive, a PURGE is refused."""
    keys = {"xkey-purge": "regions"}
    refused = urllib.request.Request(proxy + "/", method="PURGE", headers=keys)
    with pytest.raises(urllib.error.HTTPError) as readers_listener:
        urllib.request.urlopen(refused, timeout=5)
    assert readers_listener.value.code == 405
    unnamed = urllib.request.Request(servers.purge + "/", method="PURGE")
    with pytest.raises(urllib.error.HTTPError) as no_keys:
        urllib.request.urlopen(unnamed, timeout=5)
    assert no_keys.value.code == 400
