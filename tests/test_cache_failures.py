"""When Redis stops, freezes or comes back from its dump, and when purges race readers.

gunicorn (deploy/gunicorn.conf.py) keeps pages in a Redis of this test's own
(never the machine's), behind Varnish (tests/stack.py). Readers ask gunicorn
directly, so every request meets the app's cache; the editor saves through
the admin in this process, with the same Redis; the operator reads /healthz.
"""

import re
import shutil
import signal
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import caching, services
from articles.models import Article, CacheGeneration
from tests.factories import article_form_data, make_article, make_editor, make_region
from tests.stack import collected_static, free_port, needs_varnish, running

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
    needs_varnish,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
    pytest.mark.postgresql(reason="gunicorn must open the test database"),
]


class Redis:
    """A redis-server of the test's own, saving its dump on shutdown as Debian's does."""

    def __init__(self, folder):
        self.folder, self.port, self.process = folder, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--dir", str(self.folder), "--save", "3600 1", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True,
                             text=True).stdout.strip() != "PONG":  # fmt: skip
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self):
        self.thaw()
        self.process.terminate()  # SIGTERM: Redis writes its dump, then exits
        self.process.wait(timeout=10)

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture(scope="module")
def redis(tmp_path_factory):
    server = Redis(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup, redis):
    env = {"CACHE_URL": redis.url, "PAGE_CACHE_SECONDS": "3600"}
    static_root = collected_static(tmp_path_factory)
    with running(tmp_path_factory.mktemp("stack"), env=env, static_root=static_root) as stack:
        yield stack


@pytest.fixture
def site(stack, redis, settings):
    """This process writes to the same Redis as gunicorn, and purges its Varnish."""
    if redis.process.poll() is not None:
        redis.start()
    redis.thaw()
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.25},
        }
    }
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PURGE_URLS = [stack.purge + "/"]
    flush = ["redis-cli", "-p", str(redis.port), "flushall"]
    subprocess.run(flush, check=True, capture_output=True)
    # The database was emptied after the last test, its cache generation with
    # it: a thing no site sees (generations only grow). Let every process
    # read it again before this test begins.
    caching._generation["next_check"] = 0
    forget = urllib.request.Request(
        stack.purge + "/", method="PURGE", headers={"xkey-purge": caching.REGIONS}
    )
    urllib.request.urlopen(forget, timeout=5).read()  # Varnish: every page goes
    time.sleep(caching.GENERATION_CHECK_SECONDS + 0.1)
    region = make_region("Blitar", slug="blitar")
    story = make_article("Pasar dibuka", region=region, body="<p>Pasar dibuka pagi ini.</p>")
    return {"story": story, "editor": make_editor(), "redis": redis, "stack": stack}


def get(url, **headers):
    """(status, body, seconds) for one request."""
    request = urllib.request.Request(url, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.perf_counter() - started


def eventually(check, seconds=3.0):
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not within {seconds} s"
        time.sleep(0.05)


def editor_saves(client, site, title):
    """The editor's save through the admin; the response they are shown."""
    story = Article.objects.get(pk=site["story"].pk)
    client.force_login(site["editor"])
    url = reverse("admin:articles_article_change", args=[story.pk])
    return client.post(url, article_form_data(story, title=title))


def test_with_redis_stopped_readers_editors_and_the_operator_carry_on(site, client):
    stack, story = site["stack"], site["story"]
    page = stack.app + story.get_absolute_url()
    get(page)
    healthy = statistics.median(get(page)[2] for _ in range(5))  # kept in Redis

    site["redis"].stop()
    for path in [story.get_absolute_url(), "/", "/admin/akun/login/", "/wilayah/blitar/"]:
        status, _body, _seconds = get(stack.app + path)
        assert status == 200, path
    down = statistics.median(get(page)[2] for _ in range(5))
    assert get(stack.app + "/healthz")[:2] == (200, "degraded: cache")

    response = editor_saves(client, site, "Pasar ramai")
    assert response.status_code == 302  # saved, and told so
    assert Article.objects.get(pk=story.pk).title == "Pasar ramai"
    print(get(stack.varnish + story.get_absolute_url())[:2])
    eventually(lambda: "Pasar ramai" in get(stack.varnish + story.get_absolute_url())[1])
    print(f"\nRedis stopped: a rendered page {down * 1000:.1f} ms, kept {healthy * 1000:.1f} ms")

    site["redis"].start()
    assert get(stack.app + "/healthz")[:2] == (200, "ok")


def test_a_frozen_redis_costs_a_reader_one_short_timeout_not_one_per_request(site):
    stack, story = site["stack"], site["story"]
    page = stack.app + story.get_absolute_url()
    get(page)
    site["redis"].stop()
    rendered = statistics.median(get(page)[2] for _ in range(5))  # the reference: no cache
    site["redis"].start()
    get(page)
    site["redis"].freeze()
    try:
        times = []
        for _ in range(20):
            status, body, seconds = get(page)
            assert status == 200 and "Pasar dibuka" in body
            times.append(seconds)
        status, body, seconds = get(stack.app + "/healthz")
        assert (status, body) == (200, "degraded: cache")
    finally:
        site["redis"].thaw()
    # One read timeout (0.25 s) per worker, then the breaker: no request
    # waits for Redis again, and the rest cost what a page without a cache does.
    assert max(times) < rendered + 0.5
    assert statistics.median(times) < rendered * 2
    print(f"\nRedis frozen: slowest {max(times) * 1000:.0f} ms, median "
          f"{statistics.median(times) * 1000:.1f} ms over 20 requests; "
          f"with Redis stopped {rendered * 1000:.1f} ms")  # fmt: skip


def test_redis_back_from_its_dump_serves_nothing_kept_before_a_missed_purge(site, client):
    stack, story, redis = site["stack"], site["story"], site["redis"]
    page = stack.app + story.get_absolute_url()
    get(page)
    assert "Pasar dibuka" in get(page)[1]  # kept in Redis, which writes it to its dump
    before = CacheGeneration.objects.get().number

    redis.stop()
    assert editor_saves(client, site, "Pasar ramai").status_code == 302
    assert CacheGeneration.objects.get().number == before + 1
    redis.start()  # with the dump holding the old page
    time.sleep(caching.GENERATION_CHECK_SECONDS + 0.1)

    assert "Pasar ramai" in get(page)[1]
    assert "Pasar ramai" in get(stack.varnish + story.get_absolute_url())[1]


def test_edits_racing_readers_through_varnish_leave_no_stale_page(site):
    """Readers load the story through Varnish while an editor saves it 100 times:
    once a save has committed and purged, no reader gets an older title."""
    stack, story, editor = site["stack"], site["story"], site["editor"]
    url = stack.varnish + story.get_absolute_url()
    get(url)
    stop, stale, checked = threading.Event(), [], [0]

    def reader():
        while not stop.is_set():
            get(url)

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for thread in readers:
        thread.start()
    try:
        for n in range(100):
            story = services.article_save(
                article=Article.objects.get(pk=story.pk), by=editor, changes={"title": f"Judul {n}"}
            )
            # The save and its purge are done: every later answer has it.
            for _ in range(3):
                body = get(url)[1]
                checked[0] += 1
                if f"Judul {n}<" not in body and f"Judul {n} " not in body:
                    stale.append((n, re.search(r"<title>(.*?)</title>", body).group(1)))
                time.sleep(0.02)
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    print(f"\nStale answers after a save: {len(stale)} of {checked[0]}")
    assert stale == []


def test_a_purge_varnish_could_not_take_is_retried_until_the_edit_shows(site, settings):
    """Varnish frozen while an edit purges: the editor's save stands, the
    operator sees the purge wait, and once Varnish answers the worker's retry
    takes the old page away."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    stack, story, editor = site["stack"], site["story"], site["editor"]
    url = stack.varnish + story.get_absolute_url()
    get(url)
    assert "Pasar dibuka" in get(url)[1]  # kept by Varnish

    services.article_save(article=story, by=editor, changes={"title": "Pasar ramai"})
    stack.freeze("varnish")
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    finally:
        stack.thaw("varnish")
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert "Pasar dibuka" in get(url)[1]  # Varnish still has the old page

    time.sleep(max(0, (retry.run_after - timezone.now()).total_seconds()) + 0.1)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    assert "Pasar ramai" in get(url)[1]


def test_a_story_with_500_tags_keeps_a_short_header_and_is_purged_on_its_next_edit(site):
    """Older or imported stories may carry more tags than the form allows now."""
    stack, story, editor = site["stack"], site["story"], site["editor"]
    story.tags.add(*[f"Tema {n}" for n in range(500)])  # saved before the cap of 30
    request = urllib.request.Request(stack.app + story.get_absolute_url())
    with urllib.request.urlopen(request, timeout=15) as response:
        assert len(response.headers["Surrogate-Key"]) <= caching.HEADER_MAX_BYTES
    url = stack.varnish + story.get_absolute_url()
    get(url)
    assert "Pasar dibuka" in get(url)[1]
    services.article_save(
        article=Article.objects.get(pk=story.pk), by=editor, changes={"title": "Pasar ramai"}
    )
    eventually(lambda: "Pasar ramai" in get(url)[1], seconds=1)
