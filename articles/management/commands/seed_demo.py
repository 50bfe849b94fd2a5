"""Fill an empty newsroom with demo content: `python manage.py seed_demo`.

Safe to run twice: everything is looked up by its slug or name first.
Photos are drawn with Pillow, so nothing is downloaded. Every row is
written through `articles.services`, as the desk would write it; the
published stories are imports (`services.article_import`), spread over
three weeks of publication times.
"""

import io
import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFilter

from articles import services
from articles.models import Article, Author, Bureau, LiveEntry, Photo, Region

from ._demo_content import (
    AUTHORS,
    LIVE_ENTRIES,
    LIVE_STORY,
    LOCAL_STORIES,
    NATIONAL_STORIES,
    PHOTOS,
    REGIONS,
    WORLD_PLACES,
    WORLD_STORIES,
)

DEMO_PASSWORD = "redaksi-demo-2026"
ARTICLE_COUNT = 60
LOCAL_REGIONS = ["blitar", "gresik", "surabaya", "sampang", "jawa-timur"]


class Command(BaseCommand):
    help = "Create demo regions, authors, photos, about 60 articles and demo logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo logins with DEBUG off: their password is public. "
                "Run with DEBUG=1 on a development machine."
            )
        # The demo's workflow steps would otherwise print dozens of notices.
        quiet = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
        with override_settings(MAILERS=quiet), transaction.atomic():
            users = self.make_users()
            regions = self.make_regions(editor=users["pemred"])
            authors = self.make_authors(users, editor=users["pemred"])
            photos = self.make_photos(editor=users["pemred"])
            created = self.make_articles(regions, authors, photos, editor=users["pemred"])
            created += self.make_live_story(regions, authors, photos, editor=users["pemred"])
            if created:
                self.make_reads(editor=users["pemred"])
            self.make_bureaus(users, regions, chief=users["pemred"])
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new articles)."))
        self.stdout.write(
            f"Demo logins at /admin/ (password for all: {DEMO_PASSWORD}):\n"
            "  wartawan         reporter, Blitar bureau\n"
            "  redaktur         editor, Blitar bureau\n"
            "  redaktur-gresik  editor, Gresik bureau\n"
            "  pemred           chief editor, every region"
        )

    def make_regions(self, *, editor):
        regions = {}
        for slug, name, parent, order, _place in REGIONS:
            region = Region.objects.filter(slug=slug).first()
            if region is None:
                region = services.catalogue_save(
                    instance=Region(
                        slug=slug, name=name, parent=regions.get(parent), ordering=order
                    ),
                    by=editor,
                )
            regions[slug] = region
        return regions

    def make_users(self):
        users = {}
        for username, first, last, group in [
            ("wartawan", "Lestari", "Wulandari", "Wartawan"),
            ("redaktur", "Budi", "Santoso", "Redaktur"),
            ("redaktur-gresik", "Siti", "Rahayu", "Redaktur"),
            ("pemred", "Hendra", "Wijaya", "Pemimpin Redaksi"),
        ]:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                user = services.staff_user_create(
                    by=None,  # this command, run on a development machine
                    username=username,
                    password=DEMO_PASSWORD,
                    groups=[group],
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.com",
                )
            users[username] = user
        return users

    def make_bureaus(self, users, regions, *, chief):
        """Two bureaus, each with its editor; the reporter works in Blitar."""
        for name, slug, editor, reporters in [
            ("Biro Blitar", "blitar", users["redaktur"], [users["wartawan"]]),
            ("Biro Gresik", "gresik", users["redaktur-gresik"], []),
        ]:
            if not Bureau.objects.filter(name=name).exists():
                services.bureau_save(
                    bureau=Bureau(name=name),
                    by=chief,
                    regions=[regions[slug]],
                    editors=[editor],
                    reporters=reporters,
                )

    def make_authors(self, users, *, editor):
        authors = {}
        for username, name, slug, initials, bio in AUTHORS:
            author = Author.objects.filter(slug=slug).first()
            if author is None:
                author = services.catalogue_save(
                    instance=Author(
                        slug=slug, name=name, initials=initials, bio=bio, user=users.get(username)
                    ),
                    by=editor,
                )
            authors[slug] = author
        return authors

    def make_photos(self, *, editor):
        photos = {}
        for scene, palette, caption, credit, alt in PHOTOS:
            photo = Photo.objects.filter(caption=caption).first()
            if photo is None:
                image = ContentFile(draw_scene(scene, palette), name=f"demo-{scene}.jpg")
                photo = services.photo_create(
                    by=editor, image=image, caption=caption, credit=credit, alt_text=alt
                )
            photos[scene] = photo
        return photos

    def make_articles(self, regions, authors, photos, *, editor):
        rng = random.Random(2026)
        places = {slug: place for slug, _n, _p, _o, place in REGIONS}
        local = [(story, slug) for story in LOCAL_STORIES for slug in LOCAL_REGIONS]
        rng.shuffle(local)
        local_count = ARTICLE_COUNT - len(NATIONAL_STORIES) - len(WORLD_STORIES)
        plan = [
            *[(story, slug, places[slug]) for story, slug in local[:local_count]],
            *[(story, "nasional", "Jakarta") for story in NATIONAL_STORIES],
            *[
                (story, "internasional", place)
                for story, place in zip(WORLD_STORIES, WORLD_PLACES, strict=True)
            ],
        ]
        rng.shuffle(plan)
        reporters = [authors[s] for s in ("lestari-wulandari", "ahmad-fauzi", "dewi-anggraini")]
        reporter = authors["lestari-wulandari"]
        now = timezone.now()
        created = 0
        unpublished = 0
        for index, (story, region_slug, place) in enumerate(plan):
            title_tpl, summary, paragraphs, quote, tags, scene = story
            region = regions[region_slug]
            title = title_tpl.format(place=region.name)
            if Article.objects.filter(slug=slugify(title)).exists():
                continue
            keep_unpublished = index % 15 == 7
            if keep_unpublished:
                author = reporter  # the demo reporter's own work in progress
            elif region_slug in ("nasional", "internasional"):
                author = authors["redaksi"]
            else:
                author = rng.choice(reporters)
            changes = {
                "title": title,
                "summary": summary,
                "body": build_body(paragraphs, quote),
                "region": region,
                "dateline_place": "" if place == region.name else place,
                "author": author,
                "lead_photo": photos[scene],
            }
            if keep_unpublished:
                article = services.article_save(
                    by=author.user, changes=changes, tags=[*tags, region.name]
                )
                self.leave_in_progress(article, unpublished, editor=editor)
                unpublished += 1
            else:
                # Published over the last three weeks, as if the site had run that long.
                services.article_import(
                    by=editor,
                    changes={**changes, "editor": editor.author},
                    tags=[*tags, region.name],
                    status=Article.Status.PUBLISHED,
                    published_at=now
                    - timedelta(hours=index * 8 + rng.randint(0, 7), minutes=rng.randint(0, 59)),
                )
            created += 1
        return created

    def make_live_story(self, regions, authors, photos, *, editor):
        """A live story by two reporters, with a morning of entries."""
        title, summary, paragraphs = LIVE_STORY
        if Article.objects.filter(slug=slugify(title)).exists():
            return 0
        photo = photos["flood"]
        services.photo_update(
            photo=photo,
            by=editor,
            caption=photo.caption,
            credit=photo.credit,
            alt_text=photo.alt_text,
            photographer=authors["ahmad-fauzi"],
        )
        article = services.article_save(
            by=editor,
            changes={
                "kind": Article.Kind.LIVE,
                "title": title,
                "summary": summary,
                "body": build_body(paragraphs, paragraphs[0]),
                "region": regions["blitar"],
                "dateline_place": "Kademangan",
                "author": authors["lestari-wulandari"],
                "lead_photo": photo,
            },
            coauthors=[authors["ahmad-fauzi"]],
            tags=["Banjir", "Blitar"],
        )
        services.article_act(article=article, by=editor, action="publish")
        now = timezone.now()
        for minutes_ago, headline, text in LIVE_ENTRIES:
            services.live_entry_save(
                entry=LiveEntry(
                    article=article,
                    at=now - timedelta(minutes=minutes_ago),
                    headline=headline,
                    text=text,
                ),
                by=editor,
            )
        return 1

    def make_reads(self, *, editor):
        """A week of invented readership, so "Terpopuler" has something to show."""
        rng = random.Random(7)
        today = timezone.localdate()
        for article in Article.objects.published().filter(reads__isnull=True):
            for day in range(7):
                count = int(rng.paretovariate(1.2) * 20) - 20
                if count > 0:
                    services.article_reads_import(
                        by=editor, article=article, day=today - timedelta(days=day), count=count
                    )

    def leave_in_progress(self, article, nth, *, editor):
        """One draft, one waiting for the editors, one sent back, one scheduled."""
        reporter = article.author.user
        if nth >= 1:
            services.article_act(article=article, by=reporter, action="submit")
        if nth == 2:
            services.article_act(
                article=article,
                by=editor,
                action="send_back",
                note="Tambahkan tanggapan dari dinas terkait dan perbaiki judul.",
            )
        if nth == 3:
            services.article_act(
                article=article,
                by=editor,
                action="schedule",
                publish_at=timezone.now() + timedelta(hours=3),
            )


def build_body(paragraphs, quote):
    html = [f"<p>{escape(text)}</p>" for text in paragraphs]
    html.insert(2, f"<blockquote><p>“{escape(quote)}”</p></blockquote>")
    return "\n".join(html)


def draw_scene(scene, palette, size=(1600, 1000)):
    """A simple landscape drawn with Pillow: sky, ground and a few shapes."""
    sky, ground = palette
    width, height = size
    rng = random.Random(scene)
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):  # sky gradient
        shade = tuple(max(0, c - y // 6) for c in sky)
        draw.line([(0, y), (width, y)], fill=shade)
    horizon = int(height * rng.uniform(0.5, 0.65))
    draw.ellipse([width * 0.7, 80, width * 0.7 + 160, 240], fill=(255, 240, 200))
    for _ in range(5):  # hills or buildings along the horizon
        x = rng.randint(-200, width)
        w = rng.randint(200, 600)
        h = rng.randint(80, 300)
        colour = tuple(max(0, c - rng.randint(10, 60)) for c in ground)
        if scene in ("city", "harbour", "podium", "school", "globe"):
            draw.rectangle([x, horizon - h, x + w // 2, horizon], fill=colour)
        else:
            draw.ellipse([x, horizon - h, x + w, horizon + h], fill=colour)
    draw.rectangle([0, horizon, width, height], fill=ground)
    for _ in range(rng.randint(8, 20)):  # people or posts in the foreground
        x = rng.randint(0, width)
        y = rng.randint(horizon + 20, height - 60)
        scale = (y - horizon) / (height - horizon) + 0.4
        colour = tuple(rng.randint(20, 220) for _ in range(3))
        draw.ellipse([x, y - 70 * scale, x + 30 * scale, y - 40 * scale], fill=(90, 60, 40))
        draw.rectangle([x - 5 * scale, y - 40 * scale, x + 35 * scale, y + 30 * scale], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()
