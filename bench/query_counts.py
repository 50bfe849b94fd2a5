"""SQL queries and render time per public page, on the seeded demo database.

Usage: make run (once, to seed), then
    DEBUG=1 uv run python bench/query_counts.py

A page over the budget that tests/test_query_counts.py holds every public
page to is marked, and the script exits with status 1.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# Every page rendered, every shared block with it: what a page costs uncached.
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["FRAGMENT_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Author, Region  # noqa: E402

MAX_QUERIES = 6  # as in tests/test_query_counts.py


def main():
    article = Article.objects.published().first()
    if article is None:
        sys.exit("No published articles: run `make run` or `manage.py seed_demo` first.")
    tag = article.tags.first()
    pages = {
        "home": "/",
        "home, page 2": "/?page=2",
        "article": article.get_absolute_url(),
        "region (with children)": Region.objects.filter(parent=None, children__isnull=False)
        .first()
        .get_absolute_url(),
        "tag": f"/tag/{tag.slug}/",
        "author": Author.objects.filter(articles__isnull=False).first().get_absolute_url(),
        "search": "/cari/?q=warga",
        "rss (latest)": "/rss/",
        "sitemap.xml (index)": "/sitemap.xml",
        "sitemap-articles.xml": "/sitemap-articles.xml",
        "sitemap-news.xml": "/sitemap-news.xml",
    }
    client = Client(HTTP_HOST="localhost")
    print(f"{'page':26} {'queries':>7} {'ms':>7}  url")
    over_budget = []
    for name, url in pages.items():
        client.get(url)  # warm caches and connections
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        mark = "  over budget" if len(queries) > MAX_QUERIES else ""
        print(f"{name:26} {len(queries):7} {elapsed:7.1f}  {url}{mark}")
        if mark:
            over_budget.append(name)
    if over_budget:
        sys.exit(f"Over {MAX_QUERIES} queries: {', '.join(over_budget)}")


if __name__ == "__main__":
    main()
