"""Old addresses' 301s are kept by the page cache and by Varnish like any
public page, and a redirect added, moved or deleted shows at once."""

import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Redirect
from articles.services.redirects import redirects_purge
from tests.factories import make_article, make_editor, make_region
from tests.stack import needs_varnish, stack_fixture

Status = Article.Status
OLD = "/2019/01/01/banjir-blitar/"  # a WordPress permalink: no URL of the site matches it


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.FRAGMENT_CACHE_SECONDS = 3600


def later(seconds=5):
    """Past the clock-skew margin that makes pages rendered right after a purge re-render."""
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=False)


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def moved_to(response):
    return (response.status_code, response.get("Location"))


def save(committed, old, new, **options):
    with committed():
        return services.redirect_save(old_path=old, new_path=new, by=None, **options)


@pytest.mark.django_db
def test_a_kept_redirect_is_answered_again_without_a_query(client, committed):
    save(committed, OLD, "/berita/banjir-blitar/")
    with later():
        first, queries = get(client, OLD)
        again, again_queries = get(client, OLD)
    assert moved_to(first) == (301, "/berita/banjir-blitar/") and queries > 0
    assert first["Surrogate-Key"] == "redirects"
    assert "s-maxage=3600" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert moved_to(again) == (301, "/berita/banjir-blitar/")
    assert again_queries == 0


@pytest.mark.django_db
def test_a_redirect_moved_or_deleted_shows_at_once(client, committed):
    redirect, _created = save(committed, OLD, "/berita/satu/")
    with later(5):
        client.get(OLD)
        assert get(client, OLD)[1] == 0  # kept
    with later(10):
        save(committed, OLD, "/berita/dua/")
    with later(15):
        assert moved_to(client.get(OLD)) == (301, "/berita/dua/")
    with later(20), committed():
        services.redirect_delete(redirect=redirect, by=make_editor())
    with later(25):
        assert client.get(OLD).status_code == 404


@pytest.mark.django_db
def test_a_redirect_changed_in_the_admin_shows_at_once(client, committed):
    save(committed, OLD, "/berita/satu/")
    with later(5):
        client.get(OLD)
        assert get(client, OLD)[1] == 0  # kept
    client.force_login(make_editor())
    change = reverse("admin:articles_redirect_change", args=[Redirect.objects.get().pk])
    with later(10), committed():
        answer = client.post(change, {"old_path": OLD, "new_path": "/berita/dua/"})
    assert answer.status_code == 302
    client.logout()
    with later(15):
        assert moved_to(client.get(OLD)) == (301, "/berita/dua/")


@pytest.mark.django_db
def test_each_query_address_has_its_own_entry_and_the_home_page_keeps_its_own(client, committed):
    save(committed, "/?p=1", "/berita/satu/")
    save(committed, "/?p=2", "/berita/dua/")
    with later(5):
        for _ in range(2):  # rendered, then kept
            assert client.get("/").status_code == 200
            assert moved_to(client.get("/?p=1")) == (301, "/berita/satu/")
            assert moved_to(client.get("/?p=2&utm_source=wa")) == (301, "/berita/dua/")
            assert client.get("/?p=3").status_code == 200  # no redirect: the home page
        for url in ("/", "/?p=1", "/?p=2", "/?p=3"):
            assert get(client, url)[1] == 0, url
    with later(10):
        save(committed, "/?p=3", "/berita/tiga/")  # the home page kept for /?p=3 goes
    with later(15):
        assert moved_to(client.get("/?p=3")) == (301, "/berita/tiga/")
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_redirect_never_hides_a_page_published_at_its_address(client, committed, editor):
    region = make_region("Blitar", slug="blitar")
    draft = make_article("Pasar Baru Dibuka", status=Status.DRAFT, region=region)
    address = draft.get_absolute_url()
    save(committed, address, "/rss/")
    with later(5):
        assert moved_to(client.get(address)) == (301, "/rss/")  # the draft is no page yet
        assert get(client, address)[1] == 0
    with later(10), committed():
        services.article_act(article=draft, by=editor, action="publish")
    with later(15):
        assert client.get(address).status_code == 200


@pytest.mark.django_db
def test_an_old_wordpress_address_outlives_the_newsroom_s_changes(client, committed, editor):
    """No page can come to /2019/01/01/…/: publishing a story leaves its redirect kept."""
    region = make_region("Blitar", slug="blitar")
    save(committed, OLD, "/berita/banjir-blitar/")
    draft = make_article("Pasar Baru Dibuka", status=Status.DRAFT, region=region)
    with later(5):
        client.get(OLD)
    with later(10), committed():
        services.article_act(article=draft, by=editor, action="publish")
    with later(15):
        answer, queries = get(client, OLD)
    assert moved_to(answer) == (301, "/berita/banjir-blitar/") and queries == 0


@pytest.mark.django_db
def test_a_404_is_never_kept(client):
    for _ in range(2):
        answer = client.get("/tidak-ada/")
        assert answer.status_code == 404
        assert "Surrogate-Key" not in answer and "public" not in answer.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_batch_purges_once_when_asked(committed, monkeypatch):
    """The import saves thousands with purge=False, then purges once."""
    purged = []
    monkeypatch.setattr("articles.caching.purge", purged.append)
    with committed():
        for n in range(3):
            services.redirect_save(old_path=f"/?p={n}", new_path="/rss/", by=None, purge=False)
    assert purged == []
    with committed():
        redirects_purge()
    assert purged == [{"redirects"}]


# Through a real Varnish ---------------------------------------------------------

servers = stack_fixture()  # gunicorn with the page cache off, Varnish in front


class _NoFollow(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoFollow)


def fetch(url):
    """(status, Location, X-Cache, Age) of `url`, its redirect not followed."""
    try:
        response = _opener.open(url, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    response.read()
    headers = response.headers
    return response.status, headers.get("Location"), headers.get("X-Cache"), headers.get("Age")


@pytest.fixture
def proxy(servers, settings):
    """Varnish, empty of earlier tests' redirects, and purged by our changes."""
    settings.PURGE_URLS = [servers.purge + "/"]
    forget = urllib.request.Request(
        servers.purge + "/", method="PURGE", headers={"xkey-purge": "redirects regions"}
    )
    urllib.request.urlopen(forget, timeout=5).read()
    time.sleep(1.1)  # Varnish keeps nothing begun within a second of a purge
    return servers.varnish


def within_a_second(check):
    deadline = time.monotonic() + 1
    while not check():
        assert time.monotonic() < deadline, "not visible through the proxy within 1 s"
        time.sleep(0.05)


def through_varnish(test):
    """As tests/test_varnish.py: real commits, gunicorn on the PostgreSQL test database."""
    for mark in (
        pytest.mark.django_db(transaction=True, serialized_rollback=True),
        pytest.mark.usefixtures("migrated_data_restored"),
        needs_varnish,
        pytest.mark.postgresql(reason="gunicorn must open the test database"),
    ):
        test = mark(test)
    return test


@pytest.mark.parametrize("old", [OLD, "/?p=123"])
@through_varnish
def test_varnish_keeps_a_redirect_and_a_change_shows_at_once(proxy, old):
    services.redirect_save(old_path=old, new_path="/berita/satu/", by=None)
    time.sleep(1.1)
    assert fetch(proxy + old)[:3] == (301, "/berita/satu/", "MISS")
    assert fetch(proxy + old)[:3] == (301, "/berita/satu/", "HIT")
    services.redirect_save(old_path=old, new_path="/berita/dua/", by=None)
    within_a_second(lambda: fetch(proxy + old)[1] == "/berita/dua/")


@through_varnish
def test_varnish_keeps_each_query_address_apart_from_the_home_page(proxy):
    services.redirect_save(old_path="/?p=1", new_path="/berita/satu/", by=None)
    services.redirect_save(old_path="/?p=2", new_path="/berita/dua/", by=None)
    time.sleep(1.1)
    sample = []
    for _ in range(2):
        for old in ("/", "/?p=1", "/?p=2", "/?page_id=1"):
            sample.append((old, *fetch(proxy + old)))
    assert [row[1:4] for row in sample[4:]] == [
        (200, None, "HIT"),
        (301, "/berita/satu/", "HIT"),
        (301, "/berita/dua/", "HIT"),
        (200, None, "HIT"),
    ]
    print("\nold address -> status Location X-Cache Age (through Varnish; shown with -s)")
    for old, status, location, cache, age in sample:
        print(f"  {old:<14} {status} {location or '-':<16} {cache} {age}")
