"""Bringing a WordPress export in, through the services a typed story goes
through (cleaned, indexed, purged like one), one post per transaction.

Two streaming passes over the file (`wxr.read`): the first keeps the small
things (authors, categories, tags, and each attachment's file, caption and
alt text); the second brings in posts and pages. Each item brought in is
recorded (`ImportedItem`) with a fingerprint of what the export says of
it: a second run updates what changed and writes nothing for the rest.
Every old address a reader may hold answers a 301 through `Redirect`.

Photos are cleaned in worker processes ahead of the posts that show them
(`prefetch`), and their sizes are left to the task queue: the clean
original stands in until then (`photos.prepare`, `photo_sizes_waiting`).
"""

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from taggit.models import Tag

from .. import photos, richtext, services, workflow
from ..models import Article, Author, ImportedItem, Page, Photo, Region
from . import body, prefetch, wxr

SOURCE = "wordpress"
Status = Article.Status
STATUSES = {
    "publish": Status.PUBLISHED,
    "future": Status.PUBLISHED,  # a time to come: scheduled
    "draft": Status.DRAFT,
    "pending": Status.REVIEW,
}
NOT_IMPORTED = {"private": "private", "trash": "in the trash", "auto-draft": "an auto-draft"}
RESIZED = re.compile(r"-\d+x\d+(\.\w+)$")  # WordPress's copies: name-300x225.jpg
# What a body shows of the uploads: an image block's or [caption]'s
# attachment id, and any uploads URL (looked ahead at by the first pass).
BODY_ATTACHMENT = re.compile(r"wp-image-(\d+)")
BODY_UPLOAD = re.compile(r"""https?://[^\s"'<>\]]*/wp-content/uploads/[^\s"'<>\]]+""")
SUMMARY_CHARACTERS = 300
REPORTERS = "Wartawan"  # the role an imported author's login gets (--create-logins)


@dataclass
class Attachment:
    post_id: int
    url: str
    file: str  # relative to uploads/
    caption: str
    alt: str
    title: str


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    skipped: int = 0

    def problem(self, text, *, skipped=False):
        self.problems.append(text)
        if skipped:
            self.skipped += 1


class Importer:
    def __init__(
        self,
        path,
        *,
        by,
        media_dir=None,
        media_url=None,
        region_map=None,
        fallback_region="nasional",
        default_credit="",
        dry_run=False,
        create_logins=False,
        progress=None,
    ):
        self.path = path
        self.by = by
        self.media_dir = Path(media_dir) if media_dir else None
        self.media_url = media_url.rstrip("/") + "/" if media_url else None
        self.create_logins = create_logins
        self.region_map = dict(region_map or {})
        self.fallback_region = fallback_region
        self.default_credit = default_credit
        self.dry_run = dry_run
        self.progress = progress or (lambda iterable, total: iterable)
        self.report = Report()
        self.site = ""
        self.authors = {}  # login -> wxr.Author
        self.categories = {}  # slug -> wxr.Term
        self.tags = {}  # slug -> name
        self.attachments = {}  # post id -> Attachment
        self.by_url = {}  # uploads path ("2023/11/x.jpg") -> post id
        self.items = 0
        self.wanted = []  # (featured id, body's attachment ids, body's upload URLs), per post
        self.prefetch = None
        self._post_date = None  # of the post being written
        self._author_rows, self._region_rows, self._photo_rows = {}, {}, {}

    # The two passes ----------------------------------------------------

    def run(self):
        if not workflow.is_chief(self.by):
            raise workflow.NotAllowed("Only the chief editor imports an archive.")
        try:
            self._first_pass()
        except wxr.ExportError as error:
            # A file cut short: what came before the break still comes in.
            self.report.problem(self._export_error(error), skipped=True)
            if not self.site:
                return self.report  # not an export we read at all
        if not self.dry_run:
            self.prefetch = prefetch.Prefetch(self._photo_plan())
        try:
            items = (x for x in wxr.read(self.path) if isinstance(x, wxr.Item))
            items = (x for x in items if x.post_type in ("post", "page"))
            for item in self.progress(items, self.items):
                self._one(item)
        except wxr.ExportError as error:
            if self._export_error(error) not in self.report.problems:
                self.report.problem(self._export_error(error), skipped=True)
        finally:
            if self.prefetch is not None:
                self.prefetch.close()
        if not self.dry_run and self.report.counts["written"]:
            services.archive_finish(by=self.by)  # every kept page purged once
        return self.report

    def _export_error(self, error):
        where = f" (line {error.line})" if error.line else ""
        return f"Export{where}: {error}. Nothing after this point was read."

    def _first_pass(self):
        for thing in wxr.read(self.path):
            if isinstance(thing, wxr.Site):
                self.site = thing.url
            elif isinstance(thing, wxr.Author):
                self.authors[thing.login] = thing
            elif isinstance(thing, wxr.Term) and thing.taxonomy == "category":
                self.categories[thing.slug] = thing
            elif isinstance(thing, wxr.Term):
                self.tags[thing.slug] = thing.name
            elif thing.post_type == "attachment":
                relative = thing.meta.get("_wp_attached_file", "")
                self.attachments[thing.post_id] = Attachment(
                    post_id=thing.post_id,
                    url=thing.attachment_url,
                    file=relative,
                    caption=thing.excerpt.strip(),
                    alt=thing.meta.get("_wp_attachment_image_alt", "").strip(),
                    title=thing.title,
                )
                if relative:
                    self.by_url[relative] = thing.post_id
            elif thing.post_type not in ("post", "page"):
                self.report.counts[f"other ({thing.post_type})"] += 1
            else:
                self.items += 1
                if thing.status not in NOT_IMPORTED:
                    self.wanted.append(
                        (
                            thing.meta.get("_thumbnail_id", ""),
                            BODY_ATTACHMENT.findall(thing.content),
                            BODY_UPLOAD.findall(thing.content),
                        )
                    )

    def _photo_plan(self):
        """The photos the posts will ask for, in order, with their files:
        (attachment id, path), leaving out what an earlier run brought in."""
        done = set(
            ImportedItem.objects.filter(source=SOURCE, kind="attachment").values_list(
                "original_id", flat=True
            )
        )
        plan, seen = [], set()
        for thumbnail, ids, urls in self.wanted:
            wanted = [self.attachments.get(int(thumbnail))] if thumbnail.isdecimal() else []
            wanted += [self.attachments.get(int(pk)) for pk in ids]
            wanted += [self._attachment_at(url) for url in urls]
            for attachment in wanted:
                if attachment is None or attachment.post_id in seen:
                    continue
                seen.add(attachment.post_id)
                path = self._file(attachment.file)
                if path is not None and str(attachment.post_id) not in done:
                    plan.append((attachment.post_id, path))
        self.wanted = []
        return plan

    def _one(self, item):
        label = f"{item.post_type} {item.post_id} “{Truncator(item.title).chars(60)}”"
        self.report.counts["comments not imported"] += item.comments
        if item.status in NOT_IMPORTED:
            self.report.problem(
                f"{label}: not imported, {NOT_IMPORTED[item.status]}.", skipped=True
            )
            return
        if item.post_type == "post" and item.status not in STATUSES:
            self.report.problem(f"{label}: unknown status {item.status!r}.", skipped=True)
            return
        fingerprint = self._fingerprint(item)
        known = ImportedItem.objects.filter(
            source=SOURCE, kind=item.post_type, original_id=str(item.post_id)
        ).first()
        if known is not None and known.fingerprint == fingerprint:
            self.report.counts["unchanged"] += 1
            return
        if self.dry_run:
            converted = body.convert(item.content, image=self._dry_image)
            self.report.shortcodes.update(converted.unknown_shortcodes)
            self.report.counts[f"{item.post_type}s to import"] += 1
            return
        self._post_date = item.date_gmt
        rows_before = [set(rows) for rows in self._rows()]
        try:
            with transaction.atomic():
                if item.post_type == "page":
                    obj = self._page(item, known)
                else:
                    obj = self._post(item, known, label)
                self._redirects(item, obj)
                services.imported_item_record(
                    source=SOURCE,
                    kind=item.post_type,
                    original_id=item.post_id,
                    obj=obj,
                    fingerprint=fingerprint,
                )
        except Exception as error:  # one post's failure is reported; the rest goes on
            message = str(error) or type(error).__name__
            # Rows its transaction made (an author, a region, a photo) are gone with it.
            _authors, _regions, photos_before = rows_before
            for key in set(self._photo_rows) - photos_before:
                if self._photo_rows[key] is not None:  # its files stay without this
                    services.photo_files_discard(photo=self._photo_rows[key])
            for rows, kept in zip(self._rows(), rows_before, strict=True):
                for key in set(rows) - kept:
                    del rows[key]
            self.report.problem(f"{label}: not imported: {message}", skipped=True)
            return
        self.report.counts["written"] += 1
        self.report.counts[f"{item.post_type}s {'updated' if known else 'imported'}"] += 1

    def _rows(self):
        """The rows met so far, kept to save a query each post."""
        return self._author_rows, self._region_rows, self._photo_rows

    def _fingerprint(self, item):
        thumbnail = item.meta.get("_thumbnail_id", "")
        what = [
            item.title,
            item.content,
            item.excerpt,
            item.status,
            str(item.date_gmt),
            str(item.modified_gmt),
            item.slug,
            item.creator,
            sorted(item.categories),
            thumbnail,
        ]
        return hashlib.sha256(json.dumps(what).encode()).hexdigest()

    # Posts and pages ---------------------------------------------------

    def _post(self, item, known, label):
        converted = body.convert(item.content, image=self._image_for(label))
        self.report.shortcodes.update(converted.unknown_shortcodes)
        self.report.counts["embeds"] += converted.embeds
        for src in converted.dropped_images:
            self.report.problem(f"{label}: image not in the uploads copy, left out: {src}")
        changes = {
            "title": item.title.strip() or "(tanpa judul)",
            "body": converted.html,
            "summary": self._summary(item.excerpt),
            "region": self._region(item, label),
            "author": self._author(item.creator),
            "lead_photo": self._lead_photo(item, label),
        }
        slug = self._slug(item)
        tags = self._tags(item)
        if known is not None:
            article = Article.objects.get(pk=known.object_id)
            return services.article_save(article=article, by=self.by, changes=changes, tags=tags)
        if slug and not Article.objects.filter(slug=slug).exists():
            changes["slug"] = slug
        status = STATUSES[item.status]
        when = item.date_gmt if status == Status.PUBLISHED else None
        times = {}
        if item.modified_gmt and when and item.modified_gmt > when:
            times["revised_at"] = item.modified_gmt
        if status == Status.PUBLISHED and when and when > timezone.now():
            times = {}  # scheduled: not out yet
        return services.article_import(
            by=self.by,
            changes=changes,
            tags=tags,
            status=status,
            published_at=when,
            note="Diimpor dari WordPress",
            purge=False,
            **times,
        )

    def _page(self, item, known):
        converted = body.convert(item.content, image=self._image_for(f"page {item.post_id}"))
        page = Page.objects.get(pk=known.object_id) if known else Page()
        page.title = item.title.strip()
        page.body = converted.html
        if known is None:
            page.slug = self._free_page_slug(self._slug(item) or slugify(item.title) or "halaman")
        return services.page_save(page=page, by=self.by)

    def _free_page_slug(self, slug):
        slug = slug[:90]
        candidate, n = slug, 2
        while Page.objects.filter(slug=candidate).exists():
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    @staticmethod
    def _slug(item):
        slug = slugify(unquote(item.slug).replace("__trashed", ""))[:200]
        return slug

    @staticmethod
    def _summary(excerpt):
        text = richtext.plain_text(excerpt or "").strip()
        return Truncator(text).chars(SUMMARY_CHARACTERS)

    def _tags(self, item):
        names = [name for taxonomy, _slug, name in item.categories if taxonomy == "post_tag"]
        return list(dict.fromkeys(name.strip() for name in names if name.strip()))

    # Authors, regions --------------------------------------------------

    def _author(self, login):
        if login in self._author_rows:
            return self._author_rows[login]
        person = self.authors.get(login) or wxr.Author(login=login, display_name=login)
        found = ImportedItem.objects.filter(source=SOURCE, kind="author", original_id=login).first()
        author = Author.objects.filter(pk=found.object_id).first() if found else None
        if author is None:
            name = person.display_name.strip() or login
            slug = slugify(name) or slugify(login) or "penulis"
            author = Author.objects.filter(slug=slug).first()
            if author is None:
                author = services.catalogue_save(
                    instance=Author(name=name, slug=slug, initials=_initials(name)),
                    by=self.by,
                    purge=False,
                )
            services.imported_item_record(
                source=SOURCE, kind="author", original_id=login, obj=author
            )
            self.report.counts["authors"] += 1
        if self.create_logins and author.user_id is None:
            author = self._give_login(author, person)
        self._author_rows[login] = author
        return author

    def _give_login(self, author, person):
        """A reporter's login for an imported author (`--create-logins`). It
        has no password: its owner sets one through "Lupa kata sandi"."""
        if get_user_model().objects.filter(username=person.login).exists():
            self.report.problem(
                f"author {author.name}: a login {person.login!r} exists already; not linked."
            )
            return author
        first, _sep, last = author.name.partition(" ")
        author.user = services.staff_user_create(
            by=None,  # the import is a command run on the server
            username=person.login,
            email=person.email,
            first_name=first,
            last_name=last,
            groups=[REPORTERS],
        )
        self.report.counts["logins made (no password yet)"] += 1
        return services.catalogue_save(instance=author, by=self.by, purge=False)

    def _region(self, item, label):
        slugs = [slug for taxonomy, slug, _n in item.categories if taxonomy == "category"]
        slugs = [slug for slug in slugs if slug != "uncategorized"]
        # The most precise: a category whose parent is also chosen gives way to it.
        parents = {self.categories[s].parent for s in slugs if s in self.categories}
        chosen = [slug for slug in slugs if slug not in parents] or slugs
        if not chosen:
            self.report.counts["uncategorised, filed under the fallback region"] += 1
            return self._region_for(self.fallback_region)
        return self._region_for(chosen[0])

    def _region_for(self, category_slug):
        if category_slug in self._region_rows:
            return self._region_rows[category_slug]
        region_slug = self.region_map.get(category_slug, category_slug)
        region = Region.objects.filter(slug=region_slug).first()
        if region is None:
            term = self.categories.get(category_slug)
            parent = None
            if term is not None and term.parent and term.parent != category_slug:
                parent = self._region_for(term.parent)
            name = term.name if term else category_slug.replace("-", " ").title()
            region = services.catalogue_save(
                instance=Region(name=name, slug=region_slug, parent=parent),
                by=self.by,
                purge=False,
            )
            self.report.counts["regions"] += 1
        self._region_rows[category_slug] = region
        return region

    # Photos ------------------------------------------------------------

    def _lead_photo(self, item, label):
        thumbnail = item.meta.get("_thumbnail_id", "")
        if not thumbnail.isdecimal():
            return None
        attachment = self.attachments.get(int(thumbnail))
        if attachment is None:
            self.report.problem(f"{label}: featured image {thumbnail} is not in the export.")
            return None
        photo = self._photo(attachment, label)
        return photo

    def _photo(self, attachment, label, *, caption=None, credit=None, alt=None):
        """The library photo of `attachment`, made once per import."""
        if attachment.post_id in self._photo_rows:
            return self._photo_rows[attachment.post_id]
        found = ImportedItem.objects.filter(
            source=SOURCE, kind="attachment", original_id=str(attachment.post_id)
        ).first()
        photo = Photo.objects.filter(pk=found.object_id).first() if found else None
        if photo is None:
            path = self._file(attachment.file)
            if path is None:
                self.report.problem(f"{label}: photo file missing: {attachment.file}")
                return None
            if caption is None:  # the attachment's own caption, its credit at its end
                text, credit = body.split_credit(attachment.caption)
            else:  # as the body's figure had it, its credit already split off
                text, credit = caption, credit or ""
            if not credit:
                credit = self.default_credit
                self.report.counts["photos given the default credit"] += 1
            prepared, why_not = self.prefetch.take(attachment.post_id, path)
            if prepared is None:
                self.report.problem(f"{label}: photo {attachment.file} left out: {why_not}")
                return None
            photo = services.photo_create(
                by=self.by,
                prepared=prepared,
                queue_priority=self._queue_priority(),
                caption=text,
                credit=credit,
                alt_text=(alt if alt is not None else attachment.alt) or text,
            )
            services.imported_item_record(
                source=SOURCE, kind="attachment", original_id=attachment.post_id, obj=photo
            )
            self.report.counts["photos"] += 1
        self._photo_rows[attachment.post_id] = photo
        return photo

    def _queue_priority(self):
        """Where the photo of the post being written waits for its sizes:
        behind every photo the newsroom uploads meanwhile (priority 0), and
        the newer the post, the sooner (one step a month, down to -100)."""
        when = self._post_date or timezone.now()
        months = (timezone.now() - when).days // 30
        return -1 - min(99, max(0, months))

    def _file(self, relative):
        """Where `relative` (under uploads/) is read from: a path in the
        copy, or a URL on the old site; None when the copy lacks it."""
        if self.media_url and relative:
            return self.media_url + quote(relative)
        if self.media_dir is None or not relative:
            return None
        path = (self.media_dir / relative).resolve()
        if self.media_dir.resolve() not in path.parents or not path.is_file():
            return None
        return path

    def _uploads_path(self, src):
        """ "2023/11/x.jpg" for an uploads URL of this site (any size copy)."""
        path = unquote(urlsplit(src).path)
        marker = "/wp-content/uploads/"
        if marker not in path:
            return None
        relative = path.split(marker, 1)[1]
        return RESIZED.sub(r"\1", relative) if relative not in self.by_url else relative

    def _attachment_at(self, src):
        """The attachment an uploads URL shows; one made up for a file that
        the export lists no attachment for."""
        relative = self._uploads_path(src)
        if relative is None:
            return None
        post_id = self.by_url.get(relative)
        attachment = self.attachments.get(post_id) if post_id else None
        if attachment is None:
            attachment = Attachment(
                post_id=-int(hashlib.sha256(relative.encode()).hexdigest()[:12], 16),
                url=src, file=relative, caption="", alt="", title="",
            )  # fmt: skip
        return attachment

    def _image_for(self, label):
        def image(src, *, attachment_id=None, caption="", credit="", alt=""):
            attachment = self.attachments.get(attachment_id) if attachment_id else None
            if attachment is None:
                attachment = self._attachment_at(src)
                if attachment is None:
                    return None
            if caption or credit:
                photo = self._photo(
                    attachment, label, caption=caption, credit=credit, alt=alt or None
                )
            else:
                photo = self._photo(attachment, label, alt=alt or None)
            return photos.rendition_url(photo, "article") if photo else None

        return image

    def _dry_image(self, src, **_texts):
        relative = self._uploads_path(src)
        return "/media/renditions/dry-run/article.jpg" if self._file(relative or "") else None

    # Old addresses -----------------------------------------------------

    def _redirects(self, item, obj):
        new = obj.get_absolute_url()
        old = [f"/?p={item.post_id}" if item.post_type == "post" else f"/?page_id={item.post_id}"]
        if item.link and not urlsplit(item.link).query:
            old.append(services.redirect_path(item.link))
        if item.post_type == "post" and item.slug and item.status == "publish":
            old.append(f"/{item.slug}/")
        for path in old:
            self._redirect(path, new)

    def finish_redirects(self):
        """Category, tag, author and feed addresses: after the posts, once."""
        if self.dry_run:
            return
        with transaction.atomic():
            for slug in self._region_rows:
                region = self._region_rows[slug]
                for path in self._category_paths(slug):
                    self._redirect(path, region.get_absolute_url())
            for slug, name in self.tags.items():
                tag = Tag.objects.filter(name__iexact=name).first()
                if tag is not None:
                    self._redirect(f"/tag/{slug}/", f"/tag/{tag.slug}/")
            for login, author in self._author_rows.items():
                person = self.authors.get(login)
                names = {login, slugify(person.display_name) if person else ""} - {""}
                for name in names:
                    self._redirect(f"/author/{name}/", author.get_absolute_url())
            self._redirect("/feed/", "/rss/")
            services.redirects_purge()  # once, for every redirect this run added or moved

    def _category_paths(self, slug):
        path, seen, node = [], set(), slug
        while node and node not in seen and node in self.categories:
            seen.add(node)
            path.insert(0, node)
            node = self.categories[node].parent
        return {f"/category/{slug}/", f"/category/{'/'.join(path or [slug])}/"}

    def _redirect(self, old, new):
        if old != new:
            _redirect, created = services.redirect_save(
                old_path=old, new_path=new, by=None, source=SOURCE, purge=False
            )
            if created:
                self.report.counts["redirects"] += 1


def _initials(name):
    """A sign-off like the newsroom's own ("Les" for Lestari Wulandari)."""
    first = (name.split() or ["Red"])[0]
    return first[:3].capitalize() or "Red"


def photo_sizes_waiting():
    """(waiting, total): of the photos imported, those whose sizes the task
    queue has still to make (their full-shape size is still the stand-in
    `photos.prepare` made). Two counts in the database: `--wait` asks every
    few seconds while thousands wait."""
    imported = ImportedItem.objects.filter(source=SOURCE, kind="attachment")
    mine = Photo.objects.filter(pk__in=imported.values("object_id"))
    stand_in = {f"renditions__article__0__{photos.STAND_IN}": True}
    return mine.filter(**stand_in).count(), mine.count()
