"""A story's content and its workflow: save, autosave, act, restore, delete.

`article_save` is the one path for both: a content save and a workflow
action (`workflow.ACTIONS`) taken in the same transaction, on the new
content.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag
from taggit.utils import parse_tags

from .. import caching, richtext, search, workflow
from ..dates import wib
from ..models import Article, ArticleAutosave, ArticleTransition, Author, Byline, Photo, Region
from .base import (
    CONTENT_FIELDS,
    EDITORS_FIELDS,
    NotAllowed,
    Refused,
    Stale,
    Status,
    TooLong,
    _after_commit,
    _check_times,
    _file_under_tags,
    _lock,
    _name,
    _record_version,
    _write,
    megabytes,
)

TEXT_FIELDS = ("title", "slug", "summary", "body", "dateline_place")
SEARCHED_FIELDS = {"title", "summary", "body"}
MAX_TAGS = 30  # per story: each is a key its pages are purged by
TAG_NAME_LENGTH = Tag._meta.get_field("name").max_length


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
        if not workflow.is_editor(by):
            changes = {**(changes or {}), "author": by.author}  # a reporter's own byline
    else:
        current = _lock(article)
    shown_before = caching.keys_shown_by(current)
    old_title, old_region_id = current.title, current.region_id
    changed = _apply_content(current, changes or {})
    if "region" in changed:
        moved = Article(
            pk=current.pk,
            region_id=old_region_id,
            author_id=current.author_id,
            status=current.status,
        )
        if not workflow.may_move(by, moved, current.region_id):
            raise NotAllowed(
                _("Anda tidak dapat memindahkan berita ke atau dari wilayah biro lain."),
                field="region",
            )
    if _slug_follows_title(current, old_title, changed):
        current.slug = ""  # made again from the new headline below
        changed.append("slug")
    if not workflow.is_editor(by):
        for name in changed:
            if name in EDITORS_FIELDS and (current.pk or name != "author"):
                raise NotAllowed(str(EDITORS_FIELDS[name]))
    _check_times(
        breaking_until=current.breaking_until, live_until=current.live_until, publish_at=publish_at
    )
    if "breaking_until" in changed:
        if not workflow.is_chief(by):
            raise NotAllowed(_("Hanya pemimpin redaksi yang dapat menandai berita breaking."))
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
        if current.is_public_now:
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
        _file_under_tags(current)
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
    shown = shown_before | caching.keys_shown_by(current)
    # A story that readers see came, went or moved in time: the next timed
    # change and the most-read ranking are worked out again.
    came_or_went = act is not None and bool(shown)
    if "live_until" in changed:
        came_or_went = True  # its end caps how long the story's pages are kept
    breaking = "breaking_until" in changed or bool(came_or_went and current.breaking_until)
    if breaking:
        came_or_went = True  # its end caps how long pages are kept
    keys = caching.keys_article_saved(shown, acted=act is not None, breaking=breaking)
    _after_commit(action=act, transition=transition, purge=keys, schedule_changed=came_or_went)
    return current


@transaction.atomic
def article_autosave(*, article, by, texts, base_revision, fields=None):
    """Keep what `by` is typing in `article` as their autosave copy.

    `texts` maps `ArticleAutosave.AUTOSAVED_FIELDS` to the typed values;
    `fields` maps `ArticleAutosave.OTHER_FIELDS` to what the form posts for
    them (an id, a list of ids for the co-authors, or text). Checks that
    `by` may edit the article and cleans the text as a save would (see
    `_autosaved_fields` for the rest), but writes only the copy: no
    version, no revision change (so no one else's save turns stale), no
    purge. Returns the copy.
    """
    current = _lock(article)  # two tabs of one editor write one copy in turn
    if not workflow.can_edit(by, current):
        raise NotAllowed(_("Anda tidak dapat menyunting artikel ini."))
    kept = _autosaved_fields(fields or {}, by=by)
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
        defaults={
            **values,
            "fields": kept,
            "base_revision": base_revision,
            "saved_at": timezone.now(),
        },
    )
    return copy


# What an autosave keeps only for those whose form shows it (see EDITORS_ONLY
# in the admin): a reporter's copy never carries a byline or a schedule.
_EDITORS_AUTOSAVED = {"author", "editor", "coauthors", "kind", "slug"}
_PUBLISHERS_AUTOSAVED = {"publish_at", "workflow_note", "breaking_until", "live_until"}
_AUTOSAVED_CHOICES = {"region": Region, "lead_photo": Photo, "author": Author, "editor": Author}
_AUTOSAVED_TEXT_LENGTH = {"slug": 220, "workflow_note": 2000}  # dates and times: 32


def _autosaved_fields(fields, *, by):
    """The copy's `fields`: each chosen row looked up (an id that is no row
    is dropped) and kept with its label, never the browser's; tags
    cleaned as a save cleans them, but none made; a kind among the kinds;
    the rest short text. A field `by`'s form does not show is not kept."""
    kept = {}
    for name, value in fields.items():
        base = name.rsplit("_", 1)[0] if name[-2:] in ("_0", "_1") else name
        if name not in ArticleAutosave.OTHER_FIELDS:
            continue
        if base in _EDITORS_AUTOSAVED and not workflow.is_editor(by):
            continue
        if base in _PUBLISHERS_AUTOSAVED and not workflow.is_editor(by):
            continue
        if name == "coauthors":
            kept[name] = _chosen(Author, value if isinstance(value, list) else [value])
        elif name in _AUTOSAVED_CHOICES:
            kept[name] = _chosen(_AUTOSAVED_CHOICES[name], [value])[:1]
        elif name == "tags":
            kept[name] = _autosaved_tags(str(value))
        elif name == "kind":
            if value in Article.Kind.values:
                kept[name] = value
        else:
            text = richtext.strip_control_characters(str(value))
            kept[name] = text[: _AUTOSAVED_TEXT_LENGTH.get(name, 32)]
    return kept


def _chosen(model, ids):
    """[{"id", "label"}] of the rows of `model` among `ids` (the first
    MAX_TAGS: no byline is longer), in their order."""
    ids = [int(pk) for pk in map(str, ids) if pk.isdecimal() and len(pk) < 10][:MAX_TAGS]
    rows = model.objects.in_bulk(list(dict.fromkeys(ids)))
    return [{"id": str(pk), "label": str(rows[pk])} for pk in dict.fromkeys(ids) if pk in rows]


def _autosaved_tags(text):
    """The tags typed, as the tags field shows them: each cleaned and cut as
    a save would, one spelling a tag (by slug), at most MAX_TAGS."""
    by_slug = {}
    for name in parse_tags(richtext.strip_control_characters(text[:10000])):
        name = name.strip()[:TAG_NAME_LENGTH]
        if name:
            by_slug.setdefault(_tag_slug(name), name)
    names = list(by_slug.values())[:MAX_TAGS]
    return ", ".join(f'"{name}"' if "," in name else name for name in names)  # as typed


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
    # Before its tags, bylines and picks go with it.
    keys = caching.keys_article_deleted(current, caching.keys_shown_by(current))
    current.delete()
    _after_commit(purge=keys, schedule_changed=True)


def article_restore(*, article, version, by, base_revision=None):
    """Bring back an old version's text as the newest version."""
    return article_save(
        article=article,
        by=by,
        base_revision=base_revision,
        changes={"title": version.title, "summary": version.summary, "body": version.body},
        version_note=_("Dipulihkan dari versi %(number)s") % {"number": version.number},
    )


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


def _new_coauthors(article, coauthors, by):
    """The co-authors to write, in order, or None when they stay as they are."""
    if coauthors is None:
        return None
    ordered = list(dict.fromkeys(a for a in coauthors if a.pk != article.author_id))
    current = list(article.byline_set.values_list("author_id", flat=True)) if article.pk else []
    if [a.pk for a in ordered] == current:
        return None
    if not workflow.is_editor(by):
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
            "Bandingkan kedua versi, lalu pilih versi mana yang disimpan."
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
        if action.needs_time:
            article.published_at = publish_at
        elif article.pk and article.first_published_at and workflow.was_public(article):
            # Published again after a takedown: back in its place in the
            # lists, under the time readers first saw it, not at the top,
            # and marked "Diperbarui" with today's time.
            article.published_at = article.first_published_at
            article.revised_at = timezone.now().replace(microsecond=0)
            changed.append("revised_at")
        else:
            # Whole seconds: a time readers and validators see, never finer.
            article.published_at = timezone.now().replace(microsecond=0)
        changed.append("published_at")
        if article.first_published_at is None:
            article.first_published_at = article.published_at
            changed.append("first_published_at")
    return changed
