"""A busy page purged, or a cache just emptied, is not a stampede: a hundred
readers asking at once cause about one rendering, not a hundred."""

import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from articles import caching, views
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 100


@pytest.fixture
def renders(settings, monkeypatch):
    """Count the home page's renderings, each made slow enough (0.2 s) that
    the readers' requests overlap it, as they do on a busy site."""
    settings.PAGE_CACHE_SECONDS = 3600
    settings.FRAGMENT_CACHE_SECONDS = 3600
    count, lock = [0], threading.Lock()
    real = views.HomeView.get_context_data

    def counted(self, **kwargs):
        with lock:
            count[0] += 1
        time.sleep(0.2)
        return real(self, **kwargs)

    monkeypatch.setattr(views.HomeView, "get_context_data", counted)
    return count


def burst(url):
    def read(_):
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()

    with ThreadPoolExecutor(max_workers=50) as pool:
        return list(pool.map(read, range(READERS)))


@pytest.mark.parametrize("cold", ["purged", "cache emptied"])
def test_a_hundred_readers_of_a_cold_home_page_cause_about_one_rendering(
    live_server, renders, cold
):
    make_article("Berita pertama")
    urllib.request.urlopen(live_server.url).read()  # kept
    if cold == "purged":
        caching.purge({caching.LATEST})
    else:
        caching.cache.clear()
    renders[0] = 0
    answers = burst(live_server.url)
    assert [status for status, _html in answers] == [200] * READERS
    assert all("Berita pertama" in html for _status, html in answers)
    assert renders[0] <= 3, f"{renders[0]} renderings for {READERS} readers"


def test_the_copy_served_meanwhile_is_for_that_reader_only(client, settings):
    """While another worker renders the purged page, the copy it replaces is
    served, marked so no browser or proxy keeps it; never once it is re-rendered."""
    settings.PAGE_CACHE_SECONDS = 3600
    story = make_article("Judul lama")
    client.get("/")
    story.title = "Judul baru"  # as the purged change would have it
    type(story).objects.filter(pk=story.pk).update(title="Judul baru")
    caching.purge({caching.LATEST})
    rendering = caching.name(f"rendering:{caching._page(client.get('/').wsgi_request)}")
    caching.cache.set(rendering, 1)  # another worker renders it now
    meanwhile = client.get("/")
    assert "Judul lama" in meanwhile.content.decode()
    assert meanwhile["Cache-Control"] == "no-store"
    caching.cache.delete(rendering)
    assert "Judul baru" in client.get("/").content.decode()
