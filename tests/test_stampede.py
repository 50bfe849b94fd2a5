"""A busy page purged, or a cache just emptied, is not a stampede: a hundred
readers asking at once cause about one rendering, not a hundred."""

import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from articles import caching, views
from tests.factories import make_article

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
]

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
    story = make_article("Berita pertama")
    urllib.request.urlopen(live_server.url).read()  # kept
    type(story).objects.filter(pk=story.pk).update(title="Berita kedua")  # as a change would
    if cold == "purged":
        caching.purge({caching.LATEST})
    else:
        caching.cache.clear()
    renders[0] = 0
    answers = burst(live_server.url)
    assert [status for status, _html in answers] == [200] * READERS
    # Never the copy the purge replaced: the readers wait for the new one.
    assert all("Berita kedua" in html for _status, html in answers)
    assert renders[0] <= 3, f"{renders[0]} renderings for {READERS} readers"


def test_a_rendering_right_after_a_purge_is_handed_on_until_the_next_purge(client, renders):
    """Rendered too close to its purge to be kept, the new page still serves
    the readers after it, never the old copy, until anything else is purged."""
    story = make_article("Judul lama")
    client.get("/")
    type(story).objects.filter(pk=story.pk).update(title="Judul baru")  # as a change would
    caching.purge({caching.LATEST})
    renders[0] = 0
    first, second = client.get("/"), client.get("/")
    assert "Judul baru" in first.content.decode() and "Judul baru" in second.content.decode()
    assert renders[0] == 1
    assert second["Cache-Control"] == "no-store"  # no proxy keeps it: too close to the purge
    caching.purge({"tag-999"})  # any purge at all ends the handover
    client.get("/")
    assert renders[0] == 2
