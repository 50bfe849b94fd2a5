"""Old addresses answered through Varnish: a sample of the current database's
redirects with status, Location and hit or miss, and what a kept 301 costs.

gunicorn (1 worker, DEBUG off, its page cache in local memory) behind
Varnish with deploy/varnish.vcl, started as the tests start them
(tests/stack.py), on the database DATABASE_URL names (read only: nothing is
written), N redirects spread over the table (`/?p=` ones among them).
Each address is asked of gunicorn twice (looked up in the table, then kept
by the page cache), then of Varnish twice (a miss, then a hit): printed
with its Location, and the median time of each kind of answer beside the
home page kept by gunicorn, /robots.txt and a static file through Varnish,
timed in the same run; and how many second asks of Varnish reached gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom \\
        uv run python bench/redirects_through_varnish.py [-n 20]
"""

import argparse
import collections
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")  # this process only reads; gunicorn runs with DEBUG=0

import django  # noqa: E402

django.setup()

from articles.models import Redirect  # noqa: E402
from tests.stack import running  # noqa: E402


class _NoFollow(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoFollow)


Answer = collections.namedtuple("Answer", "status location cache age ms")


def ask(url):
    """The answer to `url`, its redirect not followed: status, Location,
    X-Cache (Varnish), Age (set when a cache kept it), milliseconds."""
    started = time.perf_counter()
    try:
        response = _opener.open(url, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    response.read()
    ms = (time.perf_counter() - started) * 1000
    headers = response.headers
    return Answer(
        response.status, headers.get("Location"), headers.get("X-Cache"), headers.get("Age"), ms
    )


def sample(n):
    """`n` redirects spread over the table by id, a quarter of them `/?…` ones."""
    rows = Redirect.objects.order_by("pk")
    queries = list(rows.filter(old_path__startswith="/?").values_list("old_path", "new_path"))
    others = list(rows.exclude(old_path__startswith="/?").values_list("old_path", "new_path"))
    if n >= len(queries) + len(others):
        return queries + others
    take_queries = min(len(queries), max(1, n // 4)) if queries else 0
    picked = spread(queries, take_queries) + spread(others, n - take_queries)
    return picked + spread([q for q in queries if q not in picked], n - len(picked))


def spread(rows, k):
    if k <= 0 or not rows:
        return []
    step = max(1, len(rows) // k)
    return rows[::step][:k]


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="redirects to ask (default 20)")
    options = parser.parse_args()
    total = Redirect.objects.count()
    rows = sample(options.n)
    if not rows:
        sys.exit("No redirects in this database (import a WordPress export first).")
    database = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}")
    env = {"DATABASE_URL": database, "CACHE_URL": "", "PAGE_CACHE_SECONDS": "3600"}
    folder = tempfile.mkdtemp(prefix="bench-redirects-")
    with running(folder, env=env, workers=1) as stack:
        varnish, app = stack.varnish, stack.app
        manifest = json.loads((Path(folder) / "static" / "staticfiles.json").read_text())
        static = "/static/" + next(v for k, v in manifest["paths"].items() if k.endswith(".css"))
        print(f"{total} redirects in the database; {len(rows)} asked, each:")
        print("  of gunicorn twice (its page cache: looked up, then kept), then of Varnish twice")
        print()
        print("old address -> Location: status, gunicorn 1st/2nd, Varnish 1st/2nd (X-Cache)")
        looked_up, query_looked_up, kept_app, missed, kept_varnish = [], [], [], [], []
        wrong = reached = 0
        for old, new in rows:
            cold = ask(app + old)
            warm = ask(app + old)
            miss = ask(varnish + old)
            before = stack.varnishstat("MAIN.backend_req")
            hit = ask(varnish + old)
            reached += stack.varnishstat("MAIN.backend_req") - before
            (query_looked_up if old.startswith("/?") else looked_up).append(cold.ms)
            kept_app.append(warm.ms)
            missed.append(miss.ms)
            kept_varnish.append(hit.ms)
            answers = {(a.status, a.location) for a in (cold, warm, miss, hit)}
            wrong += answers != {(301, new)}
            print(
                f"  {old} -> {hit.location}: {hit.status},"
                f" {'kept' if cold.age else 'looked up'}/{'kept' if warm.age else 'looked up'},"
                f" {miss.cache}/{hit.cache}"
            )
        home = [ask(app + "/").ms for _ in range(len(rows) + 1)][1:]
        robots = [ask(app + "/robots.txt").ms for _ in range(len(rows) + 1)][1:]
        files = [ask(varnish + static).ms for _ in range(len(rows) + 1)][1:]
    print()
    print(f"answers that were not a 301 to the table's new address: {wrong}")
    print(f"second asks of Varnish that reached gunicorn (backend_req): {reached} of {len(rows)}")
    print(f"median ms over {len(rows)} addresses (a new connection each, as urllib does):")
    print(
        f"  gunicorn, 1st ask of a /?p=: looked up (one query)       {median(query_looked_up):7.2f}"
    )
    print(f"  gunicorn, 1st ask of a path: its 404, then looked up     {median(looked_up):7.2f}")
    print(f"  gunicorn, 2nd ask: kept by the page cache (no query)     {median(kept_app):7.2f}")
    print(f"  Varnish, 1st ask: miss, gunicorn's kept answer           {median(missed):7.2f}")
    print(f"  Varnish, 2nd ask: hit                                    {median(kept_varnish):7.2f}")
    print(f"  reference: the home page from gunicorn's page cache      {median(home):7.2f}")
    print(f"  reference: /robots.txt from gunicorn                     {median(robots):7.2f}")
    print(f"  reference: a static file through Varnish                 {median(files):7.2f}")


if __name__ == "__main__":
    main()
