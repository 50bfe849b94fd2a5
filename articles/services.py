"""Every change to an article, a photo or a preview link happens here.

One keyword-only function per change. Each reads top to bottom:

1. lock: take the row lock (SELECT … FOR UPDATE) and re-read the row;
2. check: the user's role, the workflow transition and that the user's copy
   is not stale, all under that lock (the rules live in `articles.workflow`);
3. write: clean the input once, write the row, keep a version or record the
   transition;
4. after commit: register what must happen only if the change lands (email
   notices) with `transaction.on_commit`, in `_after_commit`. After-commit
   work is robust: a cache, proxy or mail failure is logged, and the editor
   is still told that what committed was saved.

The admin, the editor's upload endpoint, `seed_demo` and the tests collect
input and call these; models, forms and signals write nothing of their own.
A refusal raises `workflow.Refused` (or `NotAllowed`, `Stale`,
`StorageFailed`) with a message for the user, and the whole transaction
rolls back: nothing is half-saved.
"""

import contextlib
import logging
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from . import breaking, caching, photos, popularity, richtext, search, tasks, workflow
from .dates import validate_newsroom_time, wib
from .models import (
    Article,
    ArticleAutosave,
    ArticleTransition,
    ArticleVersion,
    Byline,
    Correction,
    FrontPagePick,
    LiveEntry,
    Notice,
    Photo,
    PreviewLink,
    Region,
    region_path,
)
from .workflow import NotAllowed, Refused, Stale

logger = logging.getLogger(__name__)
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
TEXT_FIELDS = ("title", "slug", "summary", "body", "dateline_place")
SEARCHED_FIELDS = {"title", "summary", "body"}
PREVIEW_HOURS = (1, 24 * 7)
MAX_TAGS = 30  # per story: each is a key its pages are purged by
TAG_NAME_LENGTH = Tag._meta.get_field("name").max_length


class StorageFailed(Refused):
    """The media storage refused a write (full, read-only, unreachable)."""


class TooLong(Refused):
    """A body over `settings.ARTICLE_BODY_MAX_BYTES`."""


# The front page ------------------------------------------------------------

MAX_PICKS = 4  # "Pilihan Redaksi" on the home page
FRONT_PAGE_LOCK = 4_701  # an advisory lock number used for nothing else


@transaction.atomic
def front_page_pick_save(*, pick, by):
    """Set a lead story or an editors' pick; only the home page changes.

    One lead at a time: a new lead ends the one before. Publish times are
    never touched. A pick's end time caps how long the home page is kept.
    """
    if not workflow.can_publish(by):
        raise NotAllowed(_("Hanya redaktur yang dapat mengatur halaman depan."))
    _lock_front_page()  # two editors adding picks at once still get at most MAX_PICKS
    article = Article.objects.get(pk=pick.article_id)
    if article.status != Status.PUBLISHED:
        raise Refused(_("Hanya berita yang terbit yang dapat dipilih."), field="article")
    _check_times(until=pick.until)
    if pick.until is not None and pick.until <= timezone.now():
        raise Refused(_("Waktu berakhir harus di masa mendatang."), field="until")
    others = FrontPagePick.objects.active().exclude(pk=pick.pk)
    if pick.slot == FrontPagePick.Slot.LEAD:
        others.filter(slot=FrontPagePick.Slot.LEAD).update(until=timezone.now())
    elif others.filter(slot=FrontPagePick.Slot.PICK, article=article).exists():
        raise Refused(_("Berita ini sudah ada di Pilihan Redaksi."), field="article")
    elif others.filter(slot=FrontPagePick.Slot.PICK).count() >= MAX_PICKS:
        raise Refused(
            _("Pilihan redaksi paling banyak %(n)d berita. Akhiri salah satu dulu.")
            % {"n": MAX_PICKS}
        )
    pick.save()
    _after_commit(purge={caching.FRONT_PAGE})
    transaction.on_commit(caching.forget_next_go_live, robust=True)  # its end may come first now
    return pick


@transaction.atomic
def front_page_reorder(*, pick_ids, by):
    """Put "Pilihan Redaksi" in the order of `pick_ids` (as dragged in the admin);
    ids of picks that are gone are skipped."""
    if not workflow.can_publish(by):
        raise NotAllowed(_("Hanya redaktur yang dapat mengatur halaman depan."))
    _lock_front_page()
    current = FrontPagePick.objects.in_bulk(pick_ids)
    changed = []
    for order, pk in enumerate(pick_ids, start=1):
        pick = current.get(pk)
        if pick is not None and pick.order != order:
            pick.order = order
            changed.append(pick)
    FrontPagePick.objects.bulk_update(changed, ["order"])
    if changed:
        _after_commit(purge={caching.FRONT_PAGE})
    return changed


def _lock_front_page():
    """Serialize front-page changes: the pick limit is checked against rows that
    another transaction may be inserting, which no row lock can cover. SQLite
    runs one writer at a time already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FRONT_PAGE_LOCK])


@transaction.atomic
def front_page_pick_delete(*, pick, by):
    if not workflow.can_publish(by):
        raise NotAllowed(_("Hanya redaktur yang dapat mengatur halaman depan."))
    pick.delete()
    _after_commit(purge={caching.FRONT_PAGE})
    transaction.on_commit(caching.forget_next_go_live, robust=True)


# Corrections ---------------------------------------------------------------


@transaction.atomic
def correction_add(*, article, by, kind, text):
    """Publish a correction or right of reply with a live story.

    The story's text is not rewritten: the correction is shown with it, its
    modification time moves (dateModified, the feed's updated), and its
    history records a version noting the correction.
    """
    current = _lock(article)
    if not workflow.can_publish(by):
        raise NotAllowed(_("Hanya redaktur yang dapat menambahkan ralat atau hak jawab."))
    if not current.is_live:
        raise Refused(_("Ralat dan hak jawab hanya untuk berita yang sedang terbit."))
    if kind not in Correction.Kind.values:
        raise Refused(_("Pilih jenis: ralat atau hak jawab."), field="kind")
    text = richtext.strip_control_characters(text or "").strip()
    if not text:
        raise Refused(_("Tulis isi ralat atau hak jawab."), field="text")
    correction = Correction.objects.create(article=current, kind=kind, text=text, by=by)
    current.revised_at = correction.at
    current.correction_count += 1
    _write(current, ["revised_at", "correction_count"])
    label = Correction.Kind(kind).label
    _record_version(current, by=by, note=f"{label}: {text}"[:200])
    keys = _shown_by(current) | {caching.FEED, caching.SITEMAP, caching.CORRECTIONS}
    _after_commit(purge=keys)
    return correction


# Live coverage -------------------------------------------------------------

LIVE_ENTRY_SLACK = timedelta(minutes=5)  # clocks of phones in the field run ahead


@transaction.atomic
def live_entry_save(*, entry, by):
    """Add or edit an entry of a live story; readers' pages show it at once.

    The story's text and revision stay as they are (an editor may have its
    form open), but its modification time moves: "terakhir diperbarui",
    dateModified and the feed follow.
    """
    if not workflow.can_publish(by):
        raise NotAllowed(_("Hanya redaktur yang dapat menulis pembaruan langsung."))
    if entry.article_id is None:
        raise Refused(_("Pilih liputan langsungnya."), field="article")
    article = _lock(entry.article)
    if entry.pk is not None:
        before = LiveEntry.objects.filter(pk=entry.pk).values_list("article_id", flat=True)
        if before.first() not in (None, article.pk):
            raise Refused(_("Pembaruan tidak dapat dipindah ke liputan lain."), field="article")
    if article.kind != Article.Kind.LIVE:
        raise Refused(_("Berita ini bukan liputan langsung."), field="article")
    if article.status == Status.WITHDRAWN:
        raise Refused(_("Berita ini sudah dicabut."), field="article")
    entry.headline = richtext.strip_control_characters(entry.headline or "").strip()
    entry.text = richtext.strip_control_characters(entry.text or "").strip()
    if not entry.text:
        raise Refused(_("Tulis isi pembaruan."), field="text")
    _check_times(at=entry.at)
    if entry.at is None:
        entry.at = timezone.now()
    elif entry.at > timezone.now() + LIVE_ENTRY_SLACK:
        raise Refused(_("Waktu pembaruan tidak boleh di masa mendatang."), field="at")
    if entry.pk is None:
        entry.by = by
    entry.save()
    _touch(article)
    return entry


@transaction.atomic
def live_entry_delete(*, entry, by):
    if not workflow.can_publish(by):
        raise NotAllowed(_("Hanya redaktur yang dapat menghapus pembaruan langsung."))
    article = _lock(entry.article)
    entry.delete()
    _touch(article)


def _touch(article):
    """A live story's entries changed: its time moves, its pages are purged."""
    if article.is_live:
        article.revised_at = timezone.now()
        article.save(update_fields=["revised_at", "updated_at"])
    keys = _shown_by(article)  # the page and its new entries; feed and sitemap times
    _after_commit(purge=keys | {caching.FEED, caching.SITEMAP} if keys else ())


# Standing pages ------------------------------------------------------------


@transaction.atomic
def page_save(*, page, by):
    """Save a standing page (the guideline, the corrections policy); its address is purged."""
    if not workflow.can_publish(by):
        raise NotAllowed(_("Hanya redaktur yang dapat mengubah halaman ini."))
    page.title = richtext.strip_control_characters(page.title or "").strip()
    page.body = richtext.clean_html(page.body)
    if not page.title:
        raise Refused(_("Tulis judulnya."), field="title")
    page.save()
    _after_commit(purge={caching.key(page)})
    return page


# Notices -------------------------------------------------------------------


def notices_read(*, by):
    """Mark every unread notice of `by` read: they have seen the list."""
    Notice.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())


# Articles ------------------------------------------------------------------


@transaction.atomic
def article_save(
    *,
    by,
    article=None,
    base_revision=None,
    changes=None,
    tags=None,
    coauthors=None,
    action=None,
    note="",
    publish_at=None,
    version_note="",
):
    """Save `by`'s content for `article` (a new draft when None), then take `action`.

    `changes` maps `CONTENT_FIELDS` names to new values; `tags` is a list of
    tag names, or None to leave the tags alone; `coauthors` the co-authors
    in byline order, or None to leave them alone. A content save never writes
    the status or the publish time; it keeps a version. `action` names a
    workflow action (`workflow.ACTIONS`) taken in the same transaction, on
    the new content. `base_revision` is the revision the user's copy was
    opened at: if the article changed since (an edit or a status change),
    the save is refused as `Stale`. Returns the saved article.
    """
    if article is None:
        if not workflow.can_create(by):
            raise NotAllowed(_("Akun Anda belum terhubung dengan profil penulis."))
        current = Article(status=Status.DRAFT)
        if not workflow.can_edit_any(by):
            changes = {**(changes or {}), "author": by.author}  # a reporter's own byline
    else:
        current = _lock(article)
    shown_before = _shown_by(current)
    old_title = current.title
    changed = _apply_content(current, changes or {})
    if _slug_follows_title(current, old_title, changed):
        current.slug = ""  # made again from the new headline below
        changed.append("slug")
    if not workflow.can_edit_any(by):
        for name in changed:
            if name in EDITORS_FIELDS and (current.pk or name != "author"):
                raise NotAllowed(str(EDITORS_FIELDS[name]))
    _check_times(
        breaking_until=current.breaking_until, live_until=current.live_until, publish_at=publish_at
    )
    if "breaking_until" in changed:
        if not workflow.can_publish(by):
            raise NotAllowed(_("Hanya redaktur yang dapat menandai berita breaking."))
        if current.breaking_until and current.breaking_until <= timezone.now():
            raise Refused(_("Waktu breaking harus di masa mendatang."), field="breaking_until")
    new_tags = _find_tags(tags) if tags is not None else None
    if new_tags is not None and current.pk and _same_tags(current, new_tags):
        new_tags = None
    new_coauthors = _new_coauthors(current, coauthors, by)
    content_changed = (
        current.pk is None or bool(changed) or new_tags is not None or new_coauthors is not None
    )
    act = workflow.get_action(action) if action else None
    if not content_changed and act is None:
        return current  # nothing to save
    if current.pk is not None:
        _refuse_stale(current, base_revision)
        if content_changed and not workflow.can_edit(by, current):
            raise NotAllowed(_("Anda tidak dapat menyunting artikel ini."))
    if content_changed:
        changed += _derive_text(current, changed)
        if current.is_live:
            current.revised_at = timezone.now()
            changed.append("revised_at")
    from_status, created = current.status, current.pk is None
    if act is not None:
        workflow.check(act, article=current, by=by, note=note, publish_at=publish_at)
        changed += _move(current, act, publish_at=publish_at)
        if act.goes_live and current.editor_id is None and hasattr(by, "author"):
            current.editor = by.author  # the editor line names who published it
            changed.append("editor")
    _write(current, changed)
    if not created:
        ArticleAutosave.objects.filter(article=current, by=by).delete()  # saved for real now
    if new_tags is not None:
        current.tags.set(new_tags)
    if new_coauthors is not None:
        current.byline_set.all().delete()
        Byline.objects.bulk_create(
            Byline(article=current, author=author, position=position)
            for position, author in enumerate(new_coauthors, start=1)
        )
    if content_changed:
        _record_version(current, by=by, note=version_note, new=created)
    transition = None
    if act is not None:
        transition = ArticleTransition.objects.create(
            article=current,
            from_status=from_status,
            to_status=act.to,
            by=by,
            note=note.strip(),
            publish_at=publish_at if act.needs_time else None,
        )
    shown = shown_before | _shown_by(current)
    if shown:  # readers could see it before, or can now (or at its scheduled time)
        shown |= {caching.SEARCH, caching.FEED, caching.SITEMAP}
        if act is not None:
            shown |= {caching.LATEST, caching.MOST_READ}
    # A story that readers see came, went or moved in time: the next go-live
    # and the most-read ranking are worked out again.
    came_or_went = act is not None and bool(shown)
    if "live_until" in changed:
        came_or_went = True  # its end caps how long the story's pages are kept
    if "breaking_until" in changed or (came_or_went and current.breaking_until):
        shown |= {caching.BREAKING}  # the bar on every page
        transaction.on_commit(breaking.forget, robust=True)
        came_or_went = True  # its end caps how long pages are kept
    _after_commit(action=act, transition=transition, purge=shown, schedule_changed=came_or_went)
    return current


@transaction.atomic
def article_autosave(*, article, by, texts, base_revision):
    """Keep what `by` is typing in `article` as their autosave copy.

    `texts` maps `ArticleAutosave.AUTOSAVED_FIELDS` to the typed values.
    Checks that `by` may edit the article and cleans the text as a save
    would, but writes only the copy: no version, no revision change (so no
    one else's save turns stale), no purge. Returns the copy.
    """
    current = Article.objects.get(pk=article.pk)
    if not workflow.can_edit(by, current):
        raise NotAllowed(_("Anda tidak dapat menyunting artikel ini."))
    values = {}
    for name in ArticleAutosave.AUTOSAVED_FIELDS:
        value = richtext.strip_control_characters(str(texts.get(name) or ""))
        if name == "body":
            value = richtext.clean_html(value)
            _refuse_long_body(value, current.body)
        limit = ArticleAutosave._meta.get_field(name).max_length
        values[name] = value[:limit] if limit else value
    copy, _created = ArticleAutosave.objects.update_or_create(
        article=current,
        by=by,
        defaults={**values, "base_revision": base_revision, "saved_at": timezone.now()},
    )
    return copy


def article_act(*, article, by, action, base_revision=None, note="", publish_at=None):
    """Take workflow `action` on `article` without changing its content.

    Bulk actions pass no `base_revision`: the transition check under the
    row lock is what stops two editors deciding twice.
    """
    return article_save(
        article=article,
        by=by,
        base_revision=base_revision,
        action=action,
        note=note,
        publish_at=publish_at,
    )


@transaction.atomic
def article_delete(*, article, by):
    """Delete a story for good, with its history: a superuser's call only
    (editors unpublish or withdraw). Every kept page that showed it is
    purged once the deletion commits, so its address answers 404 at once."""
    current = _lock(article)
    if not workflow.can_delete_article(by):
        raise NotAllowed(_("Hanya superuser yang dapat menghapus berita."))
    shown = _shown_by(current)  # before its tags and bylines go with it
    if shown:
        shown |= {caching.SEARCH, caching.FEED, caching.SITEMAP, caching.LATEST}
        shown |= {caching.MOST_READ}
    if current.picks.exists():
        shown.add(caching.FRONT_PAGE)
    if current.breaking_until:
        shown.add(caching.BREAKING)
        transaction.on_commit(breaking.forget, robust=True)
    current.delete()
    _after_commit(purge=shown, schedule_changed=True)


def article_restore(*, article, version, by, base_revision=None):
    """Bring back an old version's text as the newest version."""
    return article_save(
        article=article,
        by=by,
        base_revision=base_revision,
        changes={"title": version.title, "summary": version.summary, "body": version.body},
        version_note=_("Dipulihkan dari versi %(number)s") % {"number": version.number},
    )


def _check_times(**times):
    """Refuse a time outside the newsroom's years (`dates.validate_newsroom_time`),
    beside the field it was typed in."""
    for field, value in times.items():
        try:
            validate_newsroom_time(value)
        except ValidationError as error:
            raise Refused(" ".join(error.messages), field=field) from None


def _lock(article):
    """Re-read `article` under a row lock: every check below sees the latest state."""
    return Article.objects.select_for_update().select_related("author").get(pk=article.pk)


def _apply_content(article, changes):
    """Set the changed content fields on `article`; return their names."""
    changed = []
    for name, value in changes.items():
        if name not in CONTENT_FIELDS:
            raise ValueError(f"{name} is not article content")
        field = Article._meta.get_field(name)
        if name in TEXT_FIELDS:
            value = richtext.strip_control_characters(value or "")
        if name == "body":
            value = richtext.clean_html(value)  # the only place a body is sanitized
            _refuse_long_body(value, article.body)
        if name == "slug":
            if not value and article.pk is not None:
                continue  # keep the slug it has: shared links keep working
            if value != article.slug and article.first_published_at:
                raise Refused(_("Alamat berita yang sudah terbit tidak dapat diubah."))
        old = getattr(article, field.attname)
        new = value.pk if field.is_relation and value is not None else value
        if old != new:
            setattr(article, name, value)
            changed.append(name)
    return changed


def _refuse_long_body(body, saved_body):
    """Refuse a body longer than `settings.ARTICLE_BODY_MAX_BYTES` (in UTF-8,
    as stored), beside the body field. One saved before the limit was
    lowered may stay as it is while the rest of the story is edited."""
    size = len(body.encode())
    if size > settings.ARTICLE_BODY_MAX_BYTES and body != saved_body:
        raise TooLong(
            _(
                "Isi terlalu panjang: %(size)s MB; batas %(limit)s MB. Persingkat isinya "
                "atau bagi menjadi beberapa berita; teks Anda belum disimpan."
            )
            % {
                "size": megabytes(size, up=True),
                "limit": megabytes(settings.ARTICLE_BODY_MAX_BYTES),
            },
            field="body",
        )


def megabytes(size, *, up=False):
    """`size` bytes in MB (of 1,000,000) with one decimal when it has one, as
    the language writes it ("5,1"); `up` rounds up, so a body just over the
    limit never reads as the limit itself."""
    tenths = -(-size // 100_000) if up else round(size / 100_000)
    return number_format(tenths / 10, decimal_pos=1 if tenths % 10 else 0)


def _new_coauthors(article, coauthors, by):
    """The co-authors to write, in order, or None when they stay as they are."""
    if coauthors is None:
        return None
    ordered = list(dict.fromkeys(a for a in coauthors if a.pk != article.author_id))
    current = list(article.byline_set.values_list("author_id", flat=True)) if article.pk else []
    if [a.pk for a in ordered] == current:
        return None
    if not workflow.can_edit_any(by):
        raise NotAllowed(str(EDITORS_FIELDS["author"]))
    return ordered


def _slug_follows_title(article, old_title, changed):
    """Until first publication the address follows the headline, unless
    someone gave the story an address of its own."""
    return (
        article.pk is not None
        and not article.first_published_at
        and "title" in changed
        and "slug" not in changed
        and article.slug == unique_slug(old_title, exclude_pk=article.pk)
    )


def _derive_text(article, changed):
    """Fill what follows from the text: slug, plain text and search vector."""
    derived = []
    if not article.slug:
        article.slug = unique_slug(article.title, exclude_pk=article.pk)
        derived.append("slug")
    if "body" in changed or article.pk is None:
        article.body_text = richtext.plain_text(article.body)
        derived.append("body_text")
    if SEARCHED_FIELDS & set(changed) or article.pk is None:
        vector = search.vector_of(article)
        if vector is not None:
            article.search_vector = vector
            derived.append("search_vector")
    return derived


def unique_slug(text, *, max_length=200, exclude_pk=None):
    """A slug made from `text` that no other article uses yet."""
    base = slugify(text)[:max_length].strip("-") or "artikel"
    taken = set(
        Article.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


def _find_tags(names):
    """Tag objects for `names`, made when new, each with an ASCII slug.

    A name is the tag whose slug it makes ("banjir" is "Banjir", "cafe" is
    "Café") or whose name it is in any case: the existing tag is linked,
    never a second one made.
    """
    names = list(dict.fromkeys(richtext.strip_control_characters(n).strip() for n in names))
    slugs = {}
    for name in filter(None, names):
        slugs.setdefault(_tag_slug(name), name)  # the first spelling of each tag
    if len(slugs) > MAX_TAGS:
        raise Refused(
            _("Paling banyak %(max)d tag per berita (ada %(count)d).")
            % {"max": MAX_TAGS, "count": len(slugs)},
            field="tags",
        )
    too_long = [name for name in slugs.values() if len(name) > TAG_NAME_LENGTH]
    if too_long:
        raise Refused(
            _("Tag paling panjang %(max)d huruf: “%(name)s…”.")
            % {"max": TAG_NAME_LENGTH, "name": too_long[0][:30]},
            field="tags",
        )
    by_name = Q()
    for name in slugs.values():
        by_name |= Q(name__iexact=name)
    found = list(Tag.objects.filter(Q(slug__in=slugs) | by_name)) if slugs else []
    existing = {tag.slug: tag for tag in found}
    existing.update({tag.name.lower(): tag for tag in found})
    tags = []
    for slug, name in slugs.items():
        tag = existing.get(slug) or existing.get(name.lower())
        if tag is None:
            tag = Tag.objects.create(name=name, slug=slug)
        tags.append(tag)
    return list(dict.fromkeys(tags))


def _tag_slug(name):
    slug = Tag().slugify(name)[: Tag._meta.get_field("slug").max_length].strip("-")
    return richtext.ascii_tag_slug(name, slug)


def _same_tags(article, tags):
    return {tag.pk for tag in tags} == set(article.tags.values_list("pk", flat=True))


def _refuse_stale(article, base_revision):
    """Refuse a change made from a copy someone else has changed since."""
    if base_revision is None or int(base_revision) == article.revision:
        return
    version = article.versions.select_related("by").first()
    transition = article.transitions.select_related("by").first()
    last = max(filter(None, [version, transition]), key=lambda change: change.at, default=None)
    if isinstance(last, ArticleTransition):
        what = _("status menjadi “%(status)s”") % {"status": article.get_status_display_full()}
    else:
        what = _("teks disimpan")
    raise Stale(
        _(
            "Artikel ini sudah diubah oleh %(who)s pada %(when)s (%(what)s) setelah Anda "
            "membukanya. Perubahan Anda belum disimpan dan masih ada di formulir ini. "
            "Periksa Riwayat, lalu simpan lagi bila tetap ingin menimpanya."
        )
        % {
            "who": _name(last.by) if last else "?",
            "when": wib(last.at) if last else "",
            "what": what,
        },
        revision=article.revision,
    )


def _move(article, action, *, publish_at):
    """Set the status `action` leads to; return the changed fields."""
    article.status = action.to
    changed = ["status"]
    if action.goes_live:
        article.published_at = publish_at if action.needs_time else timezone.now()
        changed.append("published_at")
        if article.first_published_at is None:
            article.first_published_at = article.published_at
            changed.append("first_published_at")
    return changed


def _write(article, changed):
    """One INSERT or UPDATE: the changed fields and the next revision."""
    article.revision += 1
    if article.pk is None:
        article.save(force_insert=True)
    else:
        article.save(update_fields=[*dict.fromkeys(changed), "revision", "updated_at"])
    # The vector was an expression for the database; read it back only if asked.
    article.__dict__.pop("search_vector", None)


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


def _shown_by(article):
    """The page-cache keys of everything that shows `article` to readers now or
    at its scheduled time; none for drafts, stories in review or taken down."""
    if article.pk is None or article.status != Status.PUBLISHED:
        return set()
    regions = list(Region.objects.only("pk", "parent_id"))
    return caching.article_keys(
        article,
        region_ids=[region.pk for region in region_path(regions, article.region)],
        tag_ids=list(article.tags.values_list("pk", flat=True)),
        author_ids=[article.editor_id, *article.byline_set.values_list("author_id", flat=True)],
    )


def _after_commit(*, action=None, transition=None, purge=(), schedule_changed=False):
    """What a change sets off once it has committed, and only then: its email
    notice, and the purge of every kept page that shows what it changed."""
    if action is not None and action.notice is not None:
        notice = action.notice
        transaction.on_commit(lambda: notice(transition), robust=True)
    if schedule_changed:
        transaction.on_commit(caching.forget_next_go_live, robust=True)
        transaction.on_commit(popularity.forget, robust=True)  # a story came or went
    if purge:
        keys = set(purge)
        transaction.on_commit(lambda: caching.purge(keys), robust=True)


def _name(user):
    if user is None:
        return _("Seseorang")
    return user.get_full_name() or user.get_username()


# Regions, authors and tags ---------------------------------------------------


@transaction.atomic
def catalogue_save(*, instance, by):
    """Save a region, an author or a tag as edited in the admin.

    Readers see their names on every story, list and menu that shows them,
    so those pages are purged once the change commits.
    """
    _check_catalogue_permission(instance, by, "change" if instance.pk else "add")
    if instance.pk:
        type(instance).objects.select_for_update().filter(pk=instance.pk).exists()
    instance.save()
    _after_commit(purge=_naming(instance))
    return instance


@transaction.atomic
def catalogue_delete(*, instance, by):
    """Delete a region, an author or a tag (the database refuses one still in use)."""
    _check_catalogue_permission(instance, by, "delete")
    keys = _naming(instance)
    instance.delete()
    _after_commit(purge=keys)


def _check_catalogue_permission(instance, by, verb):
    opts = instance._meta
    if not by.has_perm(f"{opts.app_label}.{verb}_{opts.model_name}"):
        raise NotAllowed(_("Akun Anda tidak boleh mengubah data ini."))


def _naming(instance):
    keys = {caching.key(instance), caching.SEARCH, caching.FEED, caching.SITEMAP}
    if isinstance(instance, Region):
        keys.add(caching.REGIONS)  # the menu on every page
    return keys


# Preview links -------------------------------------------------------------


@transaction.atomic
def preview_link_create(*, article, by, hours):
    """A link that shows `article` without logging in, for `hours` (1 h to 7 days)."""
    current = _lock(article)
    if not (workflow.can_publish(by) and workflow.can_view(by, current)):
        raise NotAllowed(_("Hanya redaktur yang dapat membuat tautan pratinjau."))
    hours = min(max(hours, PREVIEW_HOURS[0]), PREVIEW_HOURS[1])
    return PreviewLink.objects.create(
        article=current,
        token=secrets.token_urlsafe(32),
        created_by=by,
        expires_at=timezone.now() + timedelta(hours=hours),
    )


@transaction.atomic
def preview_link_revoke(*, link, by):
    """Stop a preview link working at once. Revoking twice changes nothing."""
    current = PreviewLink.objects.select_for_update().get(pk=link.pk)
    if not workflow.can_publish(by):
        raise NotAllowed(_("Hanya redaktur yang dapat mencabut tautan pratinjau."))
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
    return current


# Photos --------------------------------------------------------------------

UNCHANGED = object()  # a value a caller leaves as it is


@transaction.atomic
def photo_create(*, by, image, caption="", credit="", alt_text="", photographer=None):
    """Add an upload to the photo library: cleaned, rendered, stored, recorded.

    The image is processed in memory first; its files are written only when
    all of it succeeded, and removed again if writing or the row fails, so a
    refused upload leaves no row and no file behind.
    """
    if not workflow.can_upload_photo(by):
        raise NotAllowed(_("Akun Anda tidak boleh mengunggah foto."))
    processed = _process(image)
    photo = Photo(width=processed.width, height=processed.height, photographer=photographer)
    _set_captions(photo, caption=caption, credit=credit, alt_text=alt_text)
    with _cleanup_on_failure() as written:
        _store(photo, processed, written)
        photo.save(force_insert=True)
    tasks.complete_renditions.enqueue(photo.pk)  # the other sizes, after the response
    photo.refresh_from_db(fields=["renditions"])  # all of them, when the task ran at once
    return photo


@transaction.atomic
def photo_update(
    *,
    photo,
    by,
    caption,
    credit,
    alt_text,
    photographer=UNCHANGED,
    focus=UNCHANGED,
    image=None,
):
    """Change a photo's texts (and its photographer and point of interest
    unless UNCHANGED), and replace its image when `image` is given.

    A new image (with its focus back in the centre unless one is given) or
    a new focus writes new files in a new batch folder under the photo's
    key, so story bodies that show the photo show the new files. Old files
    are deleted only after the change has committed, so pages never point
    at missing files.
    """
    current = Photo.objects.select_for_update().get(pk=photo.pk)
    if not workflow.can_edit_photo(by, current):
        raise NotAllowed(_("Foto ini dipakai artikel yang tidak dapat Anda sunting."))
    _set_captions(current, caption=caption, credit=credit, alt_text=alt_text)
    if photographer is not UNCHANGED:
        current.photographer = photographer
    old_focus = current.focus
    if image is not None and focus is UNCHANGED:
        focus = photos.CENTRE
    if focus is not UNCHANGED:
        current.focus_x, current.focus_y = (min(1.0, max(0.0, float(v))) for v in focus)
    old_files = []
    with _cleanup_on_failure() as written:
        if image is not None:
            processed = _process(image, focus=current.focus)
            old_files = _files_of(current)
            current.width, current.height = processed.width, processed.height
            _store(current, processed, written)
        elif current.focus != old_focus:
            old_files = _recrop(current, written)
        current.save()
    _delete_after_commit(old_files)
    _after_commit(purge=_showing_photo(current))
    if image is not None:
        tasks.complete_renditions.enqueue(current.pk)  # the other sizes, after the response
        current.refresh_from_db(fields=["renditions"])
    return current


@transaction.atomic
def photo_rebuild(*, photo, by=None):
    """Render a photo's sizes again from its stored original (after `SPECS` change).

    `by` is None when an operator runs the command from the shell.
    """
    current = Photo.objects.select_for_update().get(pk=photo.pk)
    if by is not None and not workflow.can_edit_any(by):
        raise NotAllowed(_("Hanya redaktur yang dapat membuat ulang ukuran foto."))
    renditions, files = _render_original(current)
    old_files = _files_of(current, original=False)
    with _cleanup_on_failure() as written:
        # Same folder key: bodies that show the photo find it and show the new sizes.
        current.renditions = _write_renditions(current.key, renditions, files, written)
        current.save(update_fields=["renditions"])
    _delete_after_commit(old_files)
    _after_commit(purge=_showing_photo(current))
    return current


@transaction.atomic
def photo_complete_renditions(*, photo):
    """Render the sizes an upload left for later (`photos.SPECS` missing from
    its record) into the photo's own folder: the URLs already in use stay."""
    current = Photo.objects.select_for_update().get(pk=photo.pk)
    missing = [name for name in photos.SPECS if name not in (current.renditions or {})]
    if not missing:
        return current
    renditions, files = _render_original(current, specs=missing)
    with _cleanup_on_failure() as written:
        added = _write_renditions(current.key, renditions, files, written)
        current.renditions = {**(current.renditions or {}), **added}
        current.save(update_fields=["renditions"])
    _after_commit(purge=_showing_photo(current))
    return current


@transaction.atomic
def photo_delete(*, photo, by=None):
    """Delete a photo nobody uses (`Photo.in_use`): the row now, its files
    once the deletion has committed. Refused while anything shows it.

    `by` is None when the operator's cleanup (`clean_orphan_photos`) runs it.
    """
    current = Photo.objects.select_for_update().get(pk=photo.pk)
    if by is not None and not by.has_perm("articles.delete_photo"):
        raise NotAllowed(_("Akun Anda tidak boleh menghapus foto."))
    if current.in_use():
        raise Refused(_("Foto ini masih dipakai."))
    files = _files_of(current)
    current.delete()
    _delete_after_commit(files)


def _showing_photo(photo):
    """Keys of what readers see `photo` in: the published stories that show
    it, and the feeds, which carry it."""
    articles = Article.objects.published().showing_photo(photo)
    keys = {f"article-{pk}" for pk in articles.values_list("pk", flat=True)}
    return keys | {caching.FEED} if keys else keys


def _recrop(photo, written):
    """Crop the sizes that have a shape of their own around the photo's focus
    again; return the names of the files they replace."""
    cropped = [name for name, spec in photos.SPECS.items() if spec.ratio]
    renditions, files = _render_original(photo, specs=cropped)
    replaced = _files_of(photo, original=False, specs=cropped)
    photo.renditions = {
        **photo.renditions,
        **_write_renditions(photo.key, renditions, files, written),
    }
    return replaced


def _render_original(photo, specs=None):
    """Render `specs` (all when None) from the stored original, around its focus."""
    try:
        with photo.image.storage.open(photo.image.name, "rb") as handle:
            return photos.render(handle.read(), specs=specs, focus=photo.focus)
    except OSError as error:
        message = _("Berkas asli foto #%(id)s tidak terbaca.") % {"id": photo.pk}
        raise StorageFailed(message) from error


def _process(image, focus=photos.CENTRE):
    try:
        return photos.process(image, specs=photos.AT_ONCE, focus=focus)
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from None


def _set_captions(photo, **texts):
    for name, value in texts.items():
        setattr(photo, name, richtext.strip_control_characters(value or "").strip())


def _store(photo, processed, written):
    """Write a processed photo's files and point `photo` at them, under its
    key (random from its creation): a replaced image keeps its photo's
    folder, so story bodies that show it (by that key) show the new one."""
    original = processed.original
    name = f"{timezone.now():photos/%Y/%m}/{original.name}"
    photo.image.name = _save_file(name, original, written)
    photo.renditions = _write_renditions(photo.key, processed.renditions, processed.files, written)


def _write_renditions(key, renditions, files, written):
    """Write rendition files under `renditions/<key>/<batch>/`; return the
    record with their names. Each batch has a folder of its own: files made
    again never take an old file's name, which an object storage would
    overwrite and a cache would keep serving."""
    batch = uuid.uuid4().hex[:8]
    stored = {f.name: _save_file(f"renditions/{key}/{batch}/{f.name}", f, written) for f in files}
    return {
        spec: [
            {field: stored.get(value, value) for field, value in entry.items()} for entry in entries
        ]
        for spec, entries in renditions.items()
    }


def _save_file(name, file, written):
    written.append(name)  # before saving: a write that fails halfway leaves a partial file
    try:
        stored = default_storage.save(name, ContentFile(file.content))
    except Exception as error:
        logger.exception("Could not store %s", name)
        raise StorageFailed(
            _(
                "Foto tidak dapat disimpan karena penyimpanan penuh atau tidak dapat ditulis. "
                "Tidak ada yang tersimpan; coba lagi nanti atau hubungi admin."
            )
        ) from error
    if stored != name:
        written.append(stored)
    return stored


@contextlib.contextmanager
def _cleanup_on_failure():
    """Yield a list of written file names; delete them all if the block fails."""
    written = []
    try:
        yield written
    except BaseException:
        _delete_files(written)
        raise


def _files_of(photo, *, original=True, specs=None):
    """The names of a photo's stored files: the original and the renditions
    (of `specs` only, when given)."""
    names = [photo.image.name] if original and photo.image else []
    for spec, entries in (photo.renditions or {}).items():
        if specs is not None and spec not in specs:
            continue
        names += [entry[key] for entry in entries for key in ("jpeg", "webp") if entry.get(key)]
    return names


def _delete_after_commit(names):
    if names:
        transaction.on_commit(lambda: _delete_files(names), robust=True)


def _delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Could not delete %s", name)
