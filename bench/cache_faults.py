"""What readers get while Redis is stopped or frozen, and what a flood of
tracking parameters costs Redis.

gunicorn (2 workers, the page cache in a Redis of the bench's own) serves
the seeded demo site. For each state of Redis (healthy, stopped, frozen
with SIGSTOP): the status and median time of the home page and one story,
beside a static file timed in the same run. Then 150 requests with a random
`utm_source`: how many keys and bytes Redis grew by.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        uv run python bench/cache_faults.py
"""

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import stack  # noqa: E402  (bench/stack.py)

PORT, REDIS_PORT = 8151, 6399
BASE = f"http://127.0.0.1:{PORT}"


def get(path, method="GET"):
    started = time.perf_counter()
    request = urllib.request.Request(BASE + path, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status = response.status
            response.read()
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def measure(path, n=15):
    results = [get(path) for _ in range(n)]
    statuses = sorted({status for status, _ in results})
    times = [seconds for _, seconds in results]
    return statuses, statistics.median(times), max(times)


def redis_cli(*args):
    command = ["redis-cli", "-p", str(REDIS_PORT), *args]
    return subprocess.run(command, capture_output=True, text=True).stdout


def redis_memory():
    info = dict(
        line.split(":", 1) for line in redis_cli("info", "memory").splitlines() if ":" in line
    )
    return int(redis_cli("dbsize").strip()), int(info["used_memory"])


def main():
    folder = tempfile.mkdtemp(prefix="bench-cache-faults-")
    redis = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--dir", folder, "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    env = {"CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/0", "PAGE_CACHE_SECONDS": "3600"}
    seed = {**os.environ, **env, "DEBUG": "1"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=seed, check=True)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=seed, check=True, capture_output=True)
    app = stack.start(PORT, prefix="bench-cache-", env=env)
    story = next(
        line.split('href="')[1].split('"')[0]
        for line in urllib.request.urlopen(BASE + "/").read().decode().splitlines()
        if 'href="/berita/' in line
    )
    static = "/static/css/site.css"
    try:
        print(f"{'Redis':10} {'page':8} {'statuses':10} {'median':>9} {'slowest':>9} {'ratio':>7}")
        for state in ("healthy", "stopped", "frozen"):
            if state == "stopped":
                redis.send_signal(signal.SIGSTOP)  # first frozen connections, then:
                redis.send_signal(signal.SIGCONT)
                redis_cli("shutdown", "nosave")
                redis.wait()
            if state == "frozen":
                redis = subprocess.Popen(
                    ["redis-server", "--port", str(REDIS_PORT), "--dir", folder, "--save", ""],
                    stdout=subprocess.DEVNULL,
                )
                time.sleep(0.5)
                for path in ("/", story):
                    get(path)
                    get(path)
                time.sleep(5.5)  # the breaker closes again after the stop
                redis.send_signal(signal.SIGSTOP)
            reference = measure(static)[1]
            for name, path in (("home", "/"), ("story", story), ("healthz", "/healthz")):
                statuses, median, slowest = measure(path)
                print(f"{state:10} {name:8} {','.join(map(str, statuses)):10} "
                      f"{median * 1000:8.1f}ms {slowest * 1000:8.1f}ms "
                      f"{median / reference:6.1f}x")  # fmt: skip
            print(f"{state:10} static   {'':10} {reference * 1000:8.1f}ms")
        redis.send_signal(signal.SIGCONT)
        time.sleep(5.5)
        get("/")
        keys, used = redis_memory()
        for _ in range(150):
            get(f"/?utm_source={uuid.uuid4().hex}")
        more_keys, more_used = redis_memory()
        print(f"150 random utm_source: Redis grew by {more_keys - keys} keys, "
              f"{(more_used - used) / 1024:.1f} KiB")  # fmt: skip
    finally:
        stack.stop(app)
        redis.send_signal(signal.SIGCONT)
        redis.terminate()


if __name__ == "__main__":
    main()
