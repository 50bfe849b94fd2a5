"""Loading a whole archive at once: the stories a benchmark or a scale test
needs by the hundred thousand (`manage.py generate_archive`).

A newsroom writes one story at a time through `articles.article_save`; an
archive of ten years is written here in batches instead, with the same
cleaning (plain text, search vector) and one purge of every kept page at
the end, since every list changes.
"""

from django.db import connection, transaction
from django.db.models.functions import Lower
from taggit.models import Tag

from .. import caching, popularity
from ..models import Article, ArticleRead, Byline, Correction, LiveEntry, TaggedArticle
from ..richtext import plain_text
from ..search import search_vector
from .base import NotAllowed, _after_commit


@transaction.atomic
def archive_load(*, by, stories, reads=()):
    """Write a batch of finished stories and their reads.

    `stories` is a list of dicts: the Article fields (`title`, `slug`,
    `summary`, `body`, `region`, `author`, `lead_photo`, `status`,
    `published_at`, `kind`, `live_until`), plus `tags` (Tag objects),
    `coauthors` (Author objects), `corrections` ([(kind, text, at)]) and
    `entries` ([(at, headline, text)]) for a live story. `reads` is a list
    of (story index, day, count). Returns the new articles.
    """
    if not by.has_perm("articles.publish_article"):
        raise NotAllowed("Only an editor may load an archive.")
    rows = [
        Article(
            **{k: v for k, v in story.items() if k not in _RELATED},
            body_text=plain_text(story["body"]),
            first_published_at=story["published_at"],
            revised_at=story["published_at"],
            correction_count=len(story.get("corrections", ())),
        )
        for story in stories
    ]
    created = Article.objects.bulk_create(rows, batch_size=1000)
    TaggedArticle.objects.bulk_create(
        [
            TaggedArticle(content_object=article, tag=tag, published_at=article.listed_from)
            for article, story in zip(created, stories, strict=True)
            for tag in story.get("tags", ())
        ],
        batch_size=5000,
    )
    Byline.objects.bulk_create(
        [
            Byline(article=article, author=author, position=n)
            for article, story in zip(created, stories, strict=True)
            for n, author in enumerate(story.get("coauthors", ()))
        ],
        batch_size=5000,
    )
    Correction.objects.bulk_create(
        [
            Correction(article=article, kind=kind, text=text, at=at, by=by)
            for article, story in zip(created, stories, strict=True)
            for kind, text, at in story.get("corrections", ())
        ],
        batch_size=5000,
    )
    LiveEntry.objects.bulk_create(
        [
            LiveEntry(article=article, at=at, headline=headline, text=text, by=by)
            for article, story in zip(created, stories, strict=True)
            for at, headline, text in story.get("entries", ())
        ],
        batch_size=5000,
    )
    ArticleRead.objects.bulk_create(
        [ArticleRead(article=created[n], day=day, count=count) for n, day, count in reads],
        batch_size=10000,
    )
    if connection.vendor == "postgresql":
        Article.objects.filter(pk__in=[a.pk for a in created]).update(search_vector=search_vector())
    return created


@transaction.atomic
def archive_tags(*, by, names):
    """{name: Tag} for `names`: an existing tag whatever its case, else a new one."""
    if not by.has_perm("articles.publish_article"):
        raise NotAllowed("Only an editor may load an archive.")
    wanted = {name.lower(): name for name in names}
    existing = Tag.objects.annotate(lower=Lower("name")).filter(lower__in=list(wanted))
    found = {t.name.lower(): t for t in existing}
    new = [
        Tag(name=name, slug=Tag().slugify(name))
        for lower, name in wanted.items()
        if lower not in found
    ]
    Tag.objects.bulk_create(new, batch_size=5000)
    found.update({t.name.lower(): t for t in Tag.objects.filter(name__in=[t.name for t in new])})
    return {name: found[name.lower()] for name in names}


def archive_finish(*, by, lead_photos=None):
    """After the last batch: lead photos given to stories ({photo id: [article
    ids]}), fresh planner statistics, and every kept page purged."""
    if not by.has_perm("articles.publish_article"):
        raise NotAllowed("Only an editor may load an archive.")
    with transaction.atomic():
        for photo_id, article_ids in (lead_photos or {}).items():
            Article.objects.filter(pk__in=article_ids).update(lead_photo_id=photo_id)
    popularity.recount()  # the reads just loaded, in the most-read window
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would, some minutes after a bulk load
    with transaction.atomic():
        _after_commit(purge=caching.keys_archive_loaded(), schedule_changed=True)


_RELATED = {"tags", "coauthors", "corrections", "entries"}
