"""Every public page's queries, explained on a full-size archive as it is.

The test (tests/test_query_plans.py) checks a small archive with sequential
scans priced out; this runs the same check on the database DATABASE_URL
names, with the planner's own choices, and prints each query that scans a
big table or reads more than --most rows of one.

    createdb archive100k
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive100k \\
        uv run python manage.py migrate
    DATABASE_URL=... DEBUG=1 uv run python manage.py generate_archive
    DATABASE_URL=... uv run python bench/query_plans.py
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

from tests.plans import public_urls, scans  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--most", type=int, default=4000)
    args = parser.parse_args()
    setup_test_environment()
    urls = public_urls()
    found = scans(urls, forced=False, most=args.most)
    for url in urls:
        hits = found.get(url, [])
        print(f"{'ok ' if not hits else 'BIG'} {url}")
        for table, rows, sql in hits:
            print(f"      {rows:>8} rows of {table}: {sql[:160]}")
    print(f"{len(urls) - len(found)} of {len(urls)} pages read only what they show")


if __name__ == "__main__":
    main()
