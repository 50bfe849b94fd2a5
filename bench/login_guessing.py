"""Login guessing: what it costs readers, and how far it gets against one account.

Two parts, on gunicorn (2 sync workers, the production settings: Argon2,
django-axes, Redis page cache) with TRUSTED_PROXIES=127.0.0.1, so a request
from 127.0.0.1 that carries X-Forwarded-For stands for a client at that
address behind nginx, and one without stands for every client behind a proxy
whose addresses the app was not told to believe:

- Guessing against `redaktur` from many addresses, and what its owner gets
  afterwards: 20 addresses x 4 guesses, the same from 20 addresses in one IPv6
  /64, and 5 guesses all seen as 127.0.0.1. For each, the guesses answered
  with the form again (200: checked, wrong) and those refused (429; the guess
  that reaches a limit is checked, then answered 429), then the owner's
  right password from the browser they logged in with before the attack
  ("usual browser"), and from a browser and address never seen ("new
  browser"): 302 is logged in, 429 refused.
- The home page's median and p99, alone and while 6 clients guess
  `redaktur`'s password as fast as they can.

Needs a database with the demo logins (`seed_demo`). Prints one table row per run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_demo \\
        uv run python bench/login_guessing.py [--seconds 10]
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import stack  # bench/stack.py

PORT = 8121
BASE = f"http://127.0.0.1:{PORT}"
LOGIN = f"{BASE}/admin/login/"
GUESSERS = 6
OWNER, PASSWORD = "redaktur", "redaksi-demo-2026"  # seed_demo's


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after login is the answer we want to see


class Browser:
    """One browser: its own cookies, posting the admin's login form."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects
        )

    def login(self, username, password, *, forwarded_for=None):
        headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        form = self.opener.open(urllib.request.Request(LOGIN, headers=headers), timeout=60)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.read().decode())
        data = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        request = urllib.request.Request(
            LOGIN, data=urllib.parse.urlencode(data).encode(), headers={"Referer": LOGIN, **headers}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def end_session(self):
        """The session ends (logout, expiry); every other cookie stays."""
        for cookie in list(self.jar):
            if cookie.name == "sessionid":
                self.jar.clear(cookie.domain, cookie.path, cookie.name)


def reset(env):
    """Forget every recorded failure (axes_reset), between cases."""
    command = [sys.executable, "manage.py", "axes_reset"]
    subprocess.run(command, cwd=stack.ROOT, env=env, check=True, capture_output=True)


def guessing_case(label, addresses, guesses_each, env):
    reset(env)
    usual = Browser()
    usual_address = "198.51.100.7" if addresses[0] else None
    assert usual.login(OWNER, PASSWORD, forwarded_for=usual_address) == 302
    usual.end_session()
    answers = Counter()
    for _ in range(guesses_each):
        for address in addresses:  # round robin, as a botnet spreads its guesses
            answers[Browser().login(OWNER, secrets.token_hex(6), forwarded_for=address)] += 1
    owner_usual = usual.login(OWNER, PASSWORD, forwarded_for=usual_address)
    new_address = "198.51.100.8" if addresses[0] else None
    owner_new = Browser().login(OWNER, PASSWORD, forwarded_for=new_address)
    print(
        f"{label:34} {len(addresses) * guesses_each:7} {answers[200]:7} {answers[429]:8}"
        f" {owner_usual:13} {owner_new:11}",
        flush=True,
    )


def guessing(env):
    print(
        f"{'guessing redaktur':34} {'guesses':>7} {'200':>7} {'429':>8}"
        f" {'usual browser':>13} {'new browser':>11}"
    )
    ipv4 = [f"203.0.113.{n}" for n in range(1, 21)]
    guessing_case("20 addresses x 4", ipv4, 4, env)
    ipv6 = [f"2001:db8:1:2::{n:x}" for n in range(1, 21)]
    guessing_case("20 addresses in one /64 x 4", ipv6, 4, env)
    guessing_case("5, all seen as 127.0.0.1 (proxy)", [None], 5, env)


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
    form = opener.open(LOGIN, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    while not stop.is_set():
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": OWNER, "password": secrets.token_hex(6)}
        ).encode()
        request = urllib.request.Request(LOGIN, data=data, headers={"Referer": LOGIN})
        try:
            with opener.open(request, timeout=60) as response:
                answers[response.status] += 1
        except urllib.error.HTTPError as error:
            answers[error.code] += 1


def readers(seconds, env):
    reset(env)
    print(f"{'readers on /':34} {'req/s':>7} {'median ms':>10} {'p99 ms':>8}")
    rate, median, p99 = wrk(seconds)
    print(f"{'alone':34} {rate:7.0f} {median:10.1f} {p99:8.1f}", flush=True)
    stop, answers = threading.Event(), Counter()
    threads = [threading.Thread(target=guess, args=(stop, answers)) for _ in range(GUESSERS)]
    for thread in threads:
        thread.start()
    time.sleep(2)  # the first five guesses lock the account for 127.0.0.1
    rate, median, p99 = wrk(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    label = f"with {GUESSERS} guessing clients"
    print(f"{label:34} {rate:7.0f} {median:10.1f} {p99:8.1f}")
    print("guesses answered:", dict(sorted(answers.items())), "(429: refused, locked out)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    env = {
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/15"),
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    app = stack.start(PORT, prefix="bench-login-", env=env, migrate=True)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        **env,
    }
    try:
        urllib.request.urlopen(f"{BASE}/", timeout=30).read()
        guessing(env)
        print()
        readers(args.seconds, env)
    finally:
        reset(env)
        stack.stop(app)


if __name__ == "__main__":
    main()
