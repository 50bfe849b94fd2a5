"""Do password guessers slow readers? The home page's median and p99, alone
and while 6 clients guess `redaktur`'s password as fast as they can.

Starts gunicorn (2 sync workers, the production settings: Argon2, django-axes,
Redis page cache) on the database you give, which needs the demo logins
(`seed_demo`, or a database filled by bench/fill_archive.py). The readers are
wrk on `/` from 127.0.0.1 for a few seconds each run; the guessers are threads
posting the admin's login form with its CSRF token. Prints one table row per
run, and what the guessers got back.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_1000 \\
        uv run python bench/login_guessing.py [--seconds 10]
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import stack  # bench/stack.py

PORT = 8121
BASE = f"http://127.0.0.1:{PORT}"
GUESSERS = 6


def wrk(seconds):
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", f"{BASE}/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, ms("50"), ms("99")


def guess(stop, answers):
    """Post wrong passwords for redaktur until told to stop."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{BASE}/admin/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    while not stop.is_set():
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "redaktur",
                "password": secrets.token_hex(6),
            }
        ).encode()
        request = urllib.request.Request(
            f"{BASE}/admin/login/", data=data, headers={"Referer": f"{BASE}/admin/login/"}
        )
        try:
            with opener.open(request, timeout=60) as response:
                answers[response.status] += 1
        except urllib.error.HTTPError as error:
            answers[error.code] += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    app = stack.start(
        PORT,
        prefix="bench-login-",
        env={"CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/15")},
        migrate=True,
    )
    try:
        urllib.request.urlopen(f"{BASE}/", timeout=30).read()
        print(f"{'readers on /':28} {'req/s':>7} {'median ms':>10} {'p99 ms':>8}")
        rate, median, p99 = wrk(args.seconds)
        print(f"{'alone':28} {rate:7.0f} {median:10.1f} {p99:8.1f}", flush=True)
        stop, answers = threading.Event(), Counter()
        threads = [threading.Thread(target=guess, args=(stop, answers)) for _ in range(GUESSERS)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # the first five guesses lock the account
        rate, median, p99 = wrk(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        label = f"with {GUESSERS} guessing clients"
        print(f"{label:28} {rate:7.0f} {median:10.1f} {p99:8.1f}")
        print("guesses answered:", dict(sorted(answers.items())), "(429: refused, locked out)")
    finally:
        stack.stop(app)


if __name__ == "__main__":
    main()
