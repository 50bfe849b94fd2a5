"""Requests per second, p99 and server CPU per request of the public pages.

Starts gunicorn (2 sync workers) on the database you give: "cold" with
nothing kept (every request renders every block), "uncached" with the page
cache off but the shared blocks kept as fragments (what a page not kept yet
costs), and "cached" with both on (Redis, CACHE_URL). A further gunicorn
serves a bare Django view as the reference and, where `varnishd` is
installed, Varnish (deploy/varnish.vcl) sits in front of one that keeps
nothing itself; a static file through Varnish is its reference. For Varnish
the CPU column is varnishd's. wrk loads each page in turn from 127.0.0.1
only, for a few seconds each, and the table gives every figure beside the
bare view's in the same run. Needs `wrk` (apt-get install wrk) and a seeded database:

    DEBUG=1 uv run python manage.py seed_demo          # or any filled database
    uv run python bench/page_speed.py [--seconds 5] [--database URL]
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "article": None,  # the newest story
    "home": "/",
    "region": "/wilayah/jawa-timur/",
    "tag": None,  # the newest story's first tag
    "search": "/cari/?q=warga",
    "rss": "/rss/",
    "sitemap": "/sitemap.xml",
}
STATIC = "/static/css/site.css"
PORTS = {
    "uncached": 8101,
    "cached": 8102,
    "bare": 8103,
    "varnish": 8104,
    "origin": 8105,
    "cold": 8106,
}


def server(name, env, *, app="newsroom.wsgi"):
    port = PORTS[name]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            # Each server its own control socket: by default they would share one.
            "--control-socket",
            f"{tempfile.gettempdir()}/bench-gunicorn-{port}.ctl",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return process


def varnish(workdir):
    """Varnish (deploy/varnish.vcl) in front of the origin gunicorn."""
    vcl = Path(workdir) / "varnish.vcl"
    port = f'"{PORTS["origin"]}"'
    vcl.write_text((ROOT / "deploy" / "varnish.vcl").read_text().replace('"8000"', port))
    command = ["varnishd", "-F", "-j", "none", "-f", str(vcl), "-n", f"{workdir}/varnish"]
    command += ["-a", f"127.0.0.1:{PORTS['varnish']}", "-s", "malloc,256m"]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2)
    return process


def cpu_seconds(process):
    """User+system CPU of gunicorn's workers (children of the master), in seconds."""
    total = 0
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    children = children or [str(process.pid)]
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def load(url, seconds):
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return rate, float(p99.group(1)) * scale, requests


def measure(process, name, path, seconds):
    url = f"http://127.0.0.1:{PORTS[name]}{path}"
    urllib.request.urlopen(url, timeout=30).read()  # warm up (and fill the page cache)
    before = cpu_seconds(process)
    rate, p99, requests = load(url, seconds)
    cpu_ms = (cpu_seconds(process) - before) * 1000 / max(requests, 1)
    return rate, p99, cpu_ms


def find_paths(env):
    script = (
        "from articles.models import Article;"
        "a = Article.objects.published().first();"
        "t = a.tags.first();"
        "print(a.get_absolute_url(), f'/tag/{t.slug}/' if t else '/')"
    )
    out = (
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-v0", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.splitlines()[-1]
        .split()
    )
    return out[0], out[1]


def run(database, seconds, label=""):
    """Start the servers on `database`, load every page, print a table row each."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/15"),
    }
    if database:
        env["DATABASE_URL"] = database
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    subprocess.run(["redis-cli", "-n", "15", "flushdb"], capture_output=True)  # no kept pages
    article, tag = find_paths(env)
    pages = {**PAGES, "article": article, "tag": tag}
    servers = {
        "cold": server("cold", {**env, "PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}),
        "uncached": server("uncached", {**env, "PAGE_CACHE_SECONDS": "0"}),
        "cached": server("cached", env),
        "bare": server("bare", {**env, "DJANGO_SETTINGS_MODULE": "bench.bare_site"}),
    }
    if shutil.which("varnishd"):
        # Behind Varnish, Django keeps nothing itself and only sends the headers.
        servers["origin"] = server("origin", {**env, "CACHE_URL": "dummy://"})
        servers["varnish"] = varnish(tempfile.mkdtemp(prefix="bench-varnish-"))
    try:
        bare = measure(servers["bare"], "bare", "/", seconds)
        static = measure(servers["uncached"], "uncached", STATIC, seconds)
        rows = [("bare view", "", bare), ("static", "", static)]
        if "varnish" in servers:
            rows.append(("static", "varnish", measure(servers["varnish"], "varnish", STATIC, 2)))
        for page, path in pages.items():
            for mode in [m for m in ("cold", "uncached", "cached", "varnish") if m in servers]:
                rows.append((page, mode, measure(servers[mode], mode, path, seconds)))
        for page, mode, (rate, p99, cpu) in rows:
            print(
                f"{label:8} {page:9} {mode:9} {rate:8.0f} {p99:8.1f} {cpu:11.2f} "
                f"{rate / bare[0]:7.0%} {rate / static[0]:8.0%}",
                flush=True,
            )
    finally:
        for process in servers.values():
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


HEADER = (
    f"{'archive':8} {'page':9} {'mode':9} {'req/s':>8} {'p99 ms':>8} {'CPU ms/req':>11} "
    f"{'vs bare':>7} {'vs static':>8}"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    print(HEADER)
    run(args.database, args.seconds)


if __name__ == "__main__":
    main()
