"""The whole speed table at two archive sizes, in one run: 1,000 and 100,000 stories.

Builds two PostgreSQL databases with bench/fill_archive.py, then runs
bench/page_speed.py on each: gunicorn uncached, cached in Django (Redis),
behind Varnish, a bare Django view and a static file, every row with
req/s, p99 and server CPU per request. Takes about ten minutes; loads only
127.0.0.1. Needs PostgreSQL, Redis, wrk, varnish and varnish-modules.

    uv run python bench/at_scale.py [--seconds 5] [--sizes 1000 100000]
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import page_speed

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def build(size):
    name = f"newsroom_bench_{size}"
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", f"{SERVER}/postgres", "-qc", sql], check=True)
    url = f"{SERVER}/{name}"
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": f"/tmp/{name}-media"}
    subprocess.run(
        [sys.executable, str(Path(__file__).parent / "fill_archive.py"), str(size)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return url


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    args = parser.parse_args()
    databases = {size: build(size) for size in args.sizes}
    print(page_speed.HEADER)
    for size, url in databases.items():
        page_speed.run(url, args.seconds, label=f"{size:,}")


if __name__ == "__main__":
    main()
