"""Proxy purges: done only when the proxy says so, retried until then, and seen when late."""

import http.server
import threading
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.purges import PurgeFailed, key_batches, purge_proxies
from tests.factories import make_editor, make_reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(settings):
    settings.PAGE_CACHE_SECONDS = 3600  # what proxies may keep, and so how long to retry
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


class Proxy(http.server.BaseHTTPRequestHandler):
    answers, seen = [], []

    def do_PURGE(self):
        Proxy.seen.append(self.headers["xkey-purge"])
        self.send_response(Proxy.answers.pop(0) if Proxy.answers else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy():
    server = http.server.HTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Proxy.answers, Proxy.seen = [], []
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_a_purge_the_proxy_confirms_is_done(proxy, settings):
    settings.PURGE_URLS = [proxy]
    purge_proxies.call(["article-1", "latest"])
    assert Proxy.seen == ["article-1 latest"]


def test_a_purge_the_proxy_refuses_is_queued_again_with_a_delay(queue, proxy, settings):
    settings.PURGE_URLS = [proxy, "http://127.0.0.1:9/"]  # the second one is down
    Proxy.answers = [400]
    with pytest.raises(PurgeFailed, match="asked again"):
        purge_proxies.call(["article-1"])
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["urls"] == [proxy, "http://127.0.0.1:9/"]
    assert retry.run_after > timezone.now()
    with pytest.raises(PurgeFailed):  # the proxy answers now; the other is still down
        purge_proxies.call(["article-1"], urls=[proxy, "http://127.0.0.1:9/"], attempt=2)
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    assert Proxy.seen[-1] == "article-1"


def test_many_keys_go_in_several_purges_each_under_the_proxys_header_limit(proxy, settings):
    settings.PURGE_URLS = [proxy]
    keys = [f"tag-{n}" for n in range(1000)]
    purge_proxies.call(keys)
    assert len(Proxy.seen) > 1
    assert all(len(header) <= 1500 for header in Proxy.seen)
    assert sorted(" ".join(Proxy.seen).split()) == sorted(keys)
    assert list(key_batches([])) == []


# /healthz asks from a thread of its own, which sees only what is committed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("migrated_data_restored")
def test_editors_and_the_operator_see_purges_that_wait(queue, client, settings):
    settings.PURGE_URLS = ["http://127.0.0.1:9/"]
    purge_proxies.enqueue(["article-1"])  # no worker runs it
    client.force_login(make_editor())
    assert "pembersihan cache proxy menunggu" not in client.get("/admin/").content.decode()
    assert client.get("/healthz").content == b"ok"
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert "pembersihan cache proxy menunggu" in client.get("/admin/").content.decode()
        assert client.get("/healthz").content == b"degraded: purges waiting"
        client.force_login(make_reporter())
        assert "pembersihan cache proxy menunggu" not in client.get("/admin/").content.decode()
