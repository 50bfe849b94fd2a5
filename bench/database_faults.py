"""How fast pages answer while the database is away, and how fast they recover.

gunicorn (2 workers, CONN_MAX_AGE=0, DB_CONNECT_TIMEOUT=1) reaches the
database through a TCP relay (tests/relay.py) that refuses connections (a
stopped server) or accepts and never answers (a frozen one). For each
fault: the time of the first page after the fault starts, and the time from
the database coming back to the first 200. A static file is timed in the
same run as the reference.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_1000 \\
        uv run python bench/database_faults.py
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.relay import Relay  # noqa: E402

PORT = 8141
BASE = f"http://127.0.0.1:{PORT}"


def get(path):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(BASE + path, timeout=60) as response:
            status = response.status
            response.read()
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.monotonic() - started) * 1000


def main():
    url = urllib.parse.urlparse(os.environ["DATABASE_URL"])
    relay = Relay((url.hostname, url.port or 5432))
    folder = tempfile.mkdtemp(prefix="bench-faults-")
    env = {
        **os.environ,
        "DATABASE_URL": url._replace(netloc=f"{url.username}@127.0.0.1:{relay.port}").geturl(),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "0",
        "DB_CONNECT_TIMEOUT": "1",
        "PAGE_CACHE_SECONDS": "0",
        "STATIC_ROOT": f"{folder}/static",
    }
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=env, check=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2"]
    gunicorn += ["--bind", f"127.0.0.1:{PORT}", "--log-level", "critical"]
    gunicorn += ["--control-socket", f"{folder}/gunicorn.ctl"]
    app = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)
        print(f"{'':34} {'status':>6} {'ms':>8}")
        for label, path in [("static file (reference)", "/static/css/site.css"), ("home", "/")]:
            status, ms = get(path)
            print(f"{label:34} {status:6} {ms:8.1f}")
        for fault in ("refuse", "freeze"):
            relay.mode = fault
            for path in ("/", "/healthz"):
                status, ms = get(path)
                print(f"{fault + ': ' + path:34} {status:6} {ms:8.1f}")
            relay.mode = "pass"
            status, ms = get("/")
            print(f"{'back: first /':34} {status:6} {ms:8.1f}")
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=30)


if __name__ == "__main__":
    main()
