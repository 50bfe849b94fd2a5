"""A stopped or frozen database: pages answer 503 quickly, and recover by themselves.

gunicorn runs on the test database through a TCP relay this test controls,
so the shared PostgreSQL server is never stopped: the relay refuses
connections (a stopped server), or accepts them and never answers (a
frozen one, as under SIGSTOP), or passes them on again.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.relay import Relay
from tests.stack import collected_static

ROOT = Path(__file__).resolve().parent.parent
CONNECT_TIMEOUT = 1  # seconds, given to the app

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql(reason="gunicorn must open the test database"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, headers, body.decode(), time.monotonic() - started


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    db = connection.settings_dict
    relay = Relay((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    folder = tempfile.mkdtemp(prefix="faults-")
    static = str(collected_static(tmp_path_factory))
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{relay.port}/{db['NAME']}",
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "0",
        "DB_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        "PAGE_CACHE_SECONDS": "0",
        "STATIC_ROOT": static,
    }
    port = free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2"]
    gunicorn += ["--bind", f"127.0.0.1:{port}", "--log-level", "critical"]
    gunicorn += ["--control-socket", f"{folder}/gunicorn.ctl"]
    app = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield base, relay
    finally:
        relay.mode = "pass"
        app.terminate()
        app.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("fault", ["refuse", "freeze"])
def test_pages_answer_503_quickly_while_the_database_is_away_and_recover(site, fault):
    base, relay = site
    assert get(base + "/")[0] == 200
    relay.mode = fault
    status, headers, html, seconds = get(base + "/")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Sedang ada gangguan" in html
    assert seconds < CONNECT_TIMEOUT + 3  # not gunicorn's 30 s
    assert get(base + "/healthz")[:2][0] == 503
    relay.mode = "pass"  # the database is back: nothing is restarted
    assert get(base + "/")[0] == 200
    assert get(base + "/healthz")[0] == 200
