"""How long each public page takes to render (page cache off) on a filled database.

Run it on a 1k and a 100k archive (bench/fill_archive.py) and compare: the
median of repeated renders, in-process, with the robots.txt view (no query)
as the reference measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive100k \\
        uv run python bench/archive_pages.py [repeats]
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["CACHE_URL"] = ""  # local memory: the most-read ranking is kept, as on a live site

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.sitemaps import ArticleSitemap  # noqa: E402


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    newest = Article.objects.published().order_by("-published_at").first()
    oldest = Article.objects.published().order_by("published_at").first()
    tag = newest.tags.first()
    last_page = Article.objects.published().count() // ArticleSitemap.limit + 1
    pages = {
        "robots.txt (reference)": "/robots.txt",
        "home": "/",
        "article, newest": newest.get_absolute_url(),
        "article, oldest": oldest.get_absolute_url(),
        "region": "/wilayah/jawa-timur/",
        "tag": f"/tag/{tag.slug}/",
        "author": newest.author.get_absolute_url(),
        "search": "/cari/?q=warga",
        "rss": "/rss/",
        "sitemap index": "/sitemap.xml",
        "sitemap, last page": f"/sitemap-articles.xml?p={last_page}",
    }
    client = Client()
    print(f"{Article.objects.count()} articles on {connection.vendor}")
    print(f"{'page':24} {'median ms':>9} {'queries':>7}")
    for name, url in pages.items():
        client.get(url)
        times = []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{name:24} {statistics.median(times):9.1f} {len(queries):7}")


if __name__ == "__main__":
    main()
