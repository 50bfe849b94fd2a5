"""What several services share: the refusals, the editor-only fields, the
article row lock, and the after-commit step every service ends with (the
keys it purges come from `articles.caching`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import caching, popularity
from ..dates import validate_newsroom_time
from ..models import Article, ArticleVersion, TaggedArticle
from ..workflow import NotAllowed, Refused, Stale

__all__ = [
    "CONTENT_FIELDS",
    "EDITORS_FIELDS",
    "NotAllowed",
    "Refused",
    "Stale",
    "Status",
    "StorageFailed",
    "TooLong",
    "megabytes",
]

Status = Article.Status

# What a content save may change. Status and publish times change only
# through workflow actions.
CONTENT_FIELDS = (
    "kind",
    "breaking_until",
    "live_until",
    "title",
    "slug",
    "summary",
    "body",
    "dateline_place",
    "region",
    "author",
    "editor",
    "lead_photo",
)
# What only editors change: the byline, the story's kind, the breaking bar.
EDITORS_FIELDS = {
    "author": gettext_lazy("Hanya redaktur yang dapat mengganti penulis."),
    "editor": gettext_lazy("Hanya redaktur yang dapat mengganti penulis."),
    "kind": gettext_lazy("Hanya redaktur yang dapat menandai advertorial atau liputan langsung."),
    "live_until": gettext_lazy(
        "Hanya redaktur yang dapat menandai advertorial atau liputan langsung."
    ),
}


class StorageFailed(Refused):
    """The media storage refused a write (full, read-only, unreachable)."""


class TooLong(Refused):
    """A body over `settings.ARTICLE_BODY_MAX_BYTES`."""


def _lock(article):
    """Re-read `article` under a row lock: every check below sees the latest state."""
    return Article.objects.select_for_update().select_related("author").get(pk=article.pk)


def _lock_row(instance):
    """Re-read the row of `instance` under a row lock; None for a new one.

    None too for a row deleted meanwhile: saving the instance writes it
    again, as it did before services took locks.
    """
    if instance.pk is None:
        return None
    return type(instance).objects.select_for_update().filter(pk=instance.pk).first()


def _check_times(**times):
    """Refuse a time outside the newsroom's years (`dates.validate_newsroom_time`),
    beside the field it was typed in."""
    for field, value in times.items():
        try:
            validate_newsroom_time(value)
        except ValidationError as error:
            raise Refused(" ".join(error.messages), field=field) from None


def _write(article, changed):
    """One INSERT or UPDATE: the changed fields and the next revision."""
    article.revision += 1
    if article.pk is None:
        article.save(force_insert=True)
    else:
        article.save(update_fields=[*dict.fromkeys(changed), "revision", "updated_at"])
    # The vector was an expression for the database; read it back only if asked.
    article.__dict__.pop("search_vector", None)
    if {"status", "published_at"} & set(changed):
        _file_under_tags(article)


def _file_under_tags(article):
    """Date the story's tag links by when readers may see it (the tag sitemap)."""
    TaggedArticle.objects.filter(content_object=article).update(published_at=article.listed_from)


def _record_version(article, *, by, note="", new=False):
    last = 0 if new else article.versions.aggregate(last=Max("number"))["last"] or 0
    return ArticleVersion.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        summary=article.summary,
        body=article.body,
        by=by,
        note=note,
    )


def _after_commit(*, action=None, transition=None, purge=(), schedule_changed=False):
    """What a change sets off once it has committed, and only then: its email
    notice, and the purge of every kept page that shows what it changed
    (`purge`, from the `caching.keys_*` functions). `schedule_changed`: a
    story readers see came, went or moved in time, so the next timed change
    and the most-read ranking are worked out again."""
    if action is not None and action.notice is not None:
        notice = action.notice
        transaction.on_commit(lambda: notice(transition), robust=True)
    if schedule_changed:
        transaction.on_commit(caching.forget_next_timed_change, robust=True)
        transaction.on_commit(popularity.forget, robust=True)  # a story came or went
    if purge:
        keys = set(purge)
        transaction.on_commit(lambda: caching.purge(keys), robust=True)


def _name(user):
    if user is None:
        return _("Seseorang")
    return user.get_full_name() or user.get_username()


def megabytes(size, *, up=False):
    """`size` bytes in MB (of 1,000,000) with one decimal when it has one, as
    the language writes it ("5,1"); `up` rounds up, so a body just over the
    limit never reads as the limit itself."""
    tenths = -(-size // 100_000) if up else round(size / 100_000)
    return number_format(tenths / 10, decimal_pos=1 if tenths % 10 else 0)
