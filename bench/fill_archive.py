"""Fill a database with N published stories, quickly, to measure pages at scale.

Seeds the demo site first (regions, authors, a dozen photos), then writes N
stories made from the demo's texts in batches with bulk_create, reusing the
photos and tags, spread over three years, with a week of reads for some of
them. This is a bench fixture: it writes rows directly, not through the
services, because a newsroom writes one story at a time and a bench needs
100,000 in minutes.

    createdb archive100k
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive100k \\
        uv run python bench/fill_archive.py 100000
"""

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["DEBUG"] = "1"  # seed_demo makes demo logins only with DEBUG on

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.management.commands._demo_content import LOCAL_STORIES  # noqa: E402
from articles.management.commands.seed_demo import build_body  # noqa: E402
from articles.models import Article, ArticleRead, Author, Photo, Region, TaggedArticle  # noqa: E402
from articles.richtext import plain_text  # noqa: E402
from articles.search import search_vector  # noqa: E402

BATCH = 2000


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    regions = list(Region.objects.all())
    authors = list(Author.objects.all())
    photos = list(Photo.objects.all())
    tags = list(Tag.objects.all())
    rng = random.Random(2026)
    now = timezone.now()
    have = Article.objects.count()
    for start in range(0, total, BATCH):
        batch = []
        for n in range(start, min(total, start + BATCH)):
            title_tpl, summary, paragraphs, quote, _tags, _scene = rng.choice(LOCAL_STORIES)
            region = rng.choice(regions)
            title = f"{title_tpl.format(place=region.name)} ({have + n})"
            body = build_body(paragraphs, quote)
            published = now - timedelta(minutes=rng.randint(10, 3 * 365 * 24 * 60))
            batch.append(
                Article(
                    title=title,
                    slug=f"{slugify(title)[:200]}-{have + n}",
                    summary=summary,
                    body=body,
                    body_text=plain_text(body),
                    region=region,
                    author=rng.choice(authors),
                    lead_photo=rng.choice(photos),
                    status=Article.Status.PUBLISHED,
                    published_at=published,
                    first_published_at=published,
                )
            )
        created = Article.objects.bulk_create(batch)
        TaggedArticle.objects.bulk_create(
            [
                TaggedArticle(content_object=article, tag=tag)
                for article in created
                for tag in rng.sample(tags, 2)
            ]
        )
        print(
            f"{start + len(batch):>7} stories, {time.perf_counter() - started:5.0f} s", flush=True
        )
    if connection.vendor == "postgresql":
        Article.objects.filter(search_vector=None).update(search_vector=search_vector())
    week = [timezone.localdate() - timedelta(days=d) for d in range(7)]
    readers = Article.objects.order_by("?").values_list("pk", flat=True)[:2000]
    ArticleRead.objects.bulk_create(
        [
            ArticleRead(article_id=pk, day=day, count=rng.randint(1, 500))
            for pk in readers
            for day in week
        ],
        ignore_conflicts=True,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would, after a bulk load
    print(f"done: {Article.objects.count()} articles in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
