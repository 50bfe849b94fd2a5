"""Every public page, uncached, on a 1,000-story and a 100,000-story archive.

Builds one PostgreSQL database per size with `manage.py generate_archive`
(long-tail tags, reads across the archive, phone-sized photos), then, in a
process per archive, renders each public page, feed and sitemap section
with every cache off (a dummy cache: no kept page, fragment, ranking or
timed-change answer) and prints its median wall time and the app's CPU time
per request, beside a reference measured in the same process: a 25 KB
Django template of 20 rows. The last column compares the big archive with
the small one.

    uv run python bench/at_scale.py [--sizes 1000 100000] [--repeat 15] [--reuse]

The reference is a 25 KB page of 20 rows from a Django template, served
through the site's own middleware by the same process (`reference()`).

--reuse keeps an archive already built at that size. Building 100,000
stories takes a few minutes (more with the photos on a busy machine).
Needs PostgreSQL (BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def database(size):
    return f"newsroom_bench_{size}"


def psql(sql, db="postgres"):
    return subprocess.run(
        ["psql", f"{SERVER}/{db}", "-tAc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def build(size, *, reuse):
    name = database(size)
    url = f"{SERVER}/{name}"
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    if reuse and exists:
        try:
            have = int(psql("SELECT count(*) FROM articles_article", db=name))
        except (subprocess.CalledProcessError, ValueError):
            have = -1
        if have == size:
            print(f"reusing {name} ({have:,} stories)", file=sys.stderr)
            return url
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "MEDIA_ROOT": f"/tmp/{name}-media"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run([*manage, "generate_archive", "--stories", str(size)], env=env, check=True)
    print(f"built {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return url


def measure(repeat):
    """In the archive's own process: {page: (wall ms, cpu ms)} and the reference."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    from tests.plans import public_urls

    off = {
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
        "PAGE_CACHE_SECONDS": 0,
        "FRAGMENT_CACHE_SECONDS": 0,
        "DEBUG": False,
        "ALLOWED_HOSTS": ["testserver"],
    }
    results = {}
    with override_settings(**off):
        client = Client()
        for url in public_urls():
            results[url] = _time(lambda url=url: _ok(client.get(url), url), repeat)
        with override_settings(ROOT_URLCONF=__name__):
            size = len(_ok(client.get("/reference/"), "reference"))
            results[f"reference: 20-row template ({size / 1000:.0f} KB)"] = _time(
                lambda: _ok(client.get("/reference/"), "reference"), repeat
            )
    print(json.dumps(results))


def reference(request):
    """A 25 KB page of 20 rows from a Django template, through the same
    middleware as the site's pages: what any Django page of that size costs."""
    from django.http import HttpResponse
    from django.template import engines
    from django.utils import timezone

    rows = [
        {
            "n": n,
            "title": f"Judul berita nomor {n} tentang banjir di Blitar",
            "summary": "Ringkasan berita yang cukup panjang untuk satu kartu. " * 9,
            "at": timezone.now(),
            "region": "Jawa Timur",
            "author": "Lestari Wulandari",
        }
        for n in range(20)
    ]
    template = engines["django"].from_string(REFERENCE)
    return HttpResponse(template.render({"rows": rows}, request))


REFERENCE = """<!doctype html><html lang="id"><body><main><ol>
{% for row in rows %}<li class="card"><article><h2><a href="/berita/{{ row.n }}/">
{{ row.title|title }}</a></h2><p>{{ row.summary|truncatewords:40 }}</p>
<p>{{ row.summary|upper|truncatechars:300 }}</p><p>{{ row.summary }}</p>
<footer><span>{{ row.region }}</span> <span>{{ row.author|escape }}</span>
<time datetime="{{ row.at|date:'c' }}">{{ row.at|date:"j M Y H.i" }}</time>
{% if row.n|divisibleby:2 %}<b>genap</b>{% else %}<i>ganjil</i>{% endif %}</footer>
</article></li>{% endfor %}</ol></main></body></html>"""


def _urls():
    from django.urls import path

    return [path("reference/", reference)]


def _ok(response, url):
    assert response.status_code == 200, (url, response.status_code)
    return response.content


def _time(call, repeat):
    call()  # templates loaded, connections open
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def __getattr__(attribute):
    if attribute == "urlpatterns":  # ROOT_URLCONF for the reference page
        return _urls()
    raise AttributeError(attribute)


def kind(url):
    """The page's kind, so the archives' rows line up (their slugs differ)."""
    if url.startswith("reference"):
        return url
    path, _, query = url.partition("?")
    parts = [p for p in path.split("/") if p]
    if not parts:
        return f"home {query}".strip()
    if parts[0] == "en":
        return "en " + kind("/" + "/".join(parts[1:]))
    if parts[0] in ("berita", "wilayah", "tag", "penulis") and len(parts) > 1:
        rest = " ".join(parts[2:])
        return f"{parts[0]} {rest} {query}".strip()
    if parts[0].startswith("sitemap-") and query.startswith("p="):
        return f"{parts[0]} (last page)"
    return f"{path} {query}".strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.repeat)
    tables = {}
    for size in args.sizes:
        url = build(size, reuse=args.reuse)
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
        out = subprocess.run(
            [sys.executable, __file__, "--measure", "--repeat", str(args.repeat)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        measured = json.loads(out.strip().splitlines()[-1])
        tables[size] = {}
        for url, figures in measured.items():  # a live story may appear twice: keep the first
            tables[size].setdefault(kind(url), figures)
    sizes = list(tables)
    head = " | ".join(f"{s:,}: wall ms, CPU ms" for s in sizes)
    print(f"| page | {head} | wall {sizes[-1]:,} / {sizes[0]:,} |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for page in tables[sizes[0]]:
        cells = []
        for size in sizes:
            wall, cpu = tables[size].get(page, (float("nan"), float("nan")))
            cells.append(f"{wall:6.1f}, {cpu:5.1f}")
        first, last = tables[sizes[0]][page][0], tables[sizes[-1]].get(page, (float("nan"),))[0]
        print(f"| {page} | {' | '.join(cells)} | {last / first:4.2f}x |")


if __name__ == "__main__":
    main()
