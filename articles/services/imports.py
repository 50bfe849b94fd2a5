"""Stories and readership brought in from elsewhere, at the times they had there.

A story written and published on another system (an old site being moved
in, the demo content, a test's arrangement) keeps the status and the times
it had: published a week ago stays published a week ago. No workflow
action can do that (an action's time is now, or a time to come), so an
import is a change of its own: the content is saved as any save is
(cleaned, versioned, tagged), then the status and the times are written and
recorded as one transition, noted as an import.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import caching, popularity, workflow
from ..models import ArticleRead, ArticleTransition
from .articles import article_save
from .base import NotAllowed, Status, _after_commit, _check_times, _write

# The times an import may give beside the status and publish time.
IMPORTED_TIMES = ("first_published_at", "revised_at", "created_at")


@transaction.atomic
def article_import(
    *,
    by,
    changes,
    status=Status.PUBLISHED,
    published_at=None,
    tags=None,
    coauthors=None,
    note="",
    purge=True,
    **times,
):
    """Bring in a story with the status and times it had elsewhere; return it.

    `changes`, `tags` and `coauthors` are as for `article_save` (the byline
    is the source's: an editor imports under any author). `status` is the
    story's status there; `published_at` when it went (or goes) public, now
    when a published story gives none (a time to come schedules it). `times`
    may give `IMPORTED_TIMES`: `first_published_at` (by default the publish
    time of a published story), `revised_at`, `created_at`. Anything but a draft is
    an editor's call, as publishing is, and is recorded as one transition
    with `note` (by default "Diimpor").

    `purge=False` leaves kept pages as they are, and skips working out
    which show the story: for a batch whose caller purges once at its end,
    or a database no page has been kept from (a test's).
    """
    unknown = set(times) - set(IMPORTED_TIMES)
    if unknown:
        raise ValueError(f"{', '.join(sorted(unknown))} cannot be imported")
    status = Status(status)
    if status != Status.DRAFT and not workflow.is_chief(by):
        raise NotAllowed(_("Hanya redaktur yang dapat mengimpor berita yang sudah terbit."))
    if status == Status.PUBLISHED:  # a time to come is a scheduled story
        published_at = published_at or timezone.now()
        times.setdefault("first_published_at", published_at)
    _check_times(published_at=published_at, **times)
    saved = article_save(by=by, changes=changes, tags=tags, coauthors=coauthors)
    if status == Status.DRAFT and published_at is None and not times:
        return saved  # a draft as any save makes it
    current = saved  # made in this transaction: no one else sees it to lock
    current.status, current.published_at = status, published_at
    for name, value in times.items():
        setattr(current, name, value)
    _write(current, ["status", "published_at", *times])
    if status != Status.DRAFT:
        ArticleTransition.objects.create(
            article=current,
            from_status=Status.DRAFT,
            to_status=status,
            by=by,
            note=note.strip() or _("Diimpor"),
            publish_at=published_at if published_at and published_at > timezone.now() else None,
        )
    if not purge:
        return current
    shown = caching.keys_shown_by(current)
    keys = caching.keys_article_saved(
        shown, acted=True, breaking=bool(shown and current.breaking_until)
    )
    _after_commit(purge=keys, schedule_changed=bool(shown))
    return current


@transaction.atomic
def article_reads_import(*, by, article, day, count):
    """Add `count` reads of `article` on `day`, as counted elsewhere.

    Readers' own reads are counted by the read beacon (`popularity`); this
    brings in a history of them. Only editors do it: it moves "Terpopuler".
    """
    if not workflow.is_chief(by):
        raise NotAllowed(_("Hanya pemimpin redaksi yang dapat mengimpor jumlah pembaca."))
    if count <= 0:
        return
    counter = ArticleRead.objects.select_for_update().filter(article=article, day=day)
    if not counter.update(count=F("count") + count):
        ArticleRead.objects.create(article=article, day=day, count=count)
    transaction.on_commit(popularity.forget, robust=True)  # ranked again on next use
