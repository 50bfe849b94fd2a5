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
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import stack  # noqa: E402  (bench/stack.py)

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
    database = url._replace(netloc=f"{url.username}@127.0.0.1:{relay.port}").geturl()
    app = stack.start(
        PORT,
        prefix="bench-faults-",
        env={
            "DATABASE_URL": database,
            "CONN_MAX_AGE": "0",
            "DB_CONNECT_TIMEOUT": "1",
            "PAGE_CACHE_SECONDS": "0",
        },
        migrate=True,
    )
    try:
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
        stack.stop(app)


if __name__ == "__main__":
    main()
