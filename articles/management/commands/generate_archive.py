"""Fill a database with an archive shaped like a real regional daily's.

    python manage.py generate_archive [--stories 100000] [--years 10]

Unlike the demo (sixty stories, a dozen tags), a daily's archive has a long
tail everywhere, and pages that are fast on the demo can depend on it:

- stories spread over the years, every region used, co-authors on some,
  corrections on about one in fifty and live coverage on one in five hundred;
- tens of thousands of tags with a long tail: a few hundred stories on the
  biggest, one or two on most (Zipf-like), one to five per story;
- read counts for every day of the last 30 days, spread across the whole
  archive (search engines and old links keep old stories read), most
  stories read a little and a few a lot: ten read rows per story;
- phone-sized photos (4,000 x 3,000 JPEGs of a few MB with a photo's noise,
  not flat drawings) for a sample of the stories, processed like uploads.

Regions, authors and the photos go through the services one by one; the
stories, tags and reads go through `services.archive_load` in batches, so
100,000 stories take a few minutes. Deterministic for a given --seed.
"""

import bisect
import io
import itertools
import random
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from articles import services
from articles.models import Article, Author, Correction, Region

from ._demo_content import LOCAL_STORIES, NATIONAL_STORIES, REGIONS, WORLD_STORIES
from .seed_demo import build_body

BATCH = 2000
ARCHIVIST = "arsip"
FIRST_NAMES = [
    "Agus",
    "Sri",
    "Budi",
    "Dewi",
    "Eko",
    "Fitri",
    "Hadi",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nur",
    "Putu",
    "Rina",
    "Slamet",
    "Tri",
    "Wahyu",
    "Yuli",
    "Zainal",
]
LAST_NAMES = [
    "Santoso",
    "Wulandari",
    "Pratama",
    "Hidayat",
    "Anggraini",
    "Saputra",
    "Lestari",
    "Kurniawan",
    "Rahmawati",
    "Setiawan",
    "Nugroho",
    "Purnomo",
]
TAG_WORDS = [
    "Banjir",
    "Pilkada",
    "Jalan",
    "Sekolah",
    "Pasar",
    "Petani",
    "Nelayan",
    "Pabrik",
    "Desa",
    "Pantai",
    "Gunung",
    "Festival",
    "Sepak Bola",
    "Kesehatan",
    "Harga",
    "Bansos",
    "Kebakaran",
    "Kecelakaan",
    "Wisata",
    "Kuliner",
    "Batik",
    "Pelabuhan",
    "Kereta",
    "Listrik",
    "Air Bersih",
    "Sampah",
    "Polisi",
    "Pengadilan",
    "DPRD",
    "Bupati",
]


class Command(BaseCommand):
    help = "Fill the database with a generated archive shaped like a real daily's."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=100_000)
        parser.add_argument("--years", type=float, default=10)
        parser.add_argument(
            "--tags",
            type=int,
            default=None,
            help="tag pool (default: 60%% of stories, min 5,000)",
        )
        parser.add_argument(
            "--photos",
            type=int,
            default=None,
            help="phone-sized photos (default: 1 per 500 stories, 10 to 300)",
        )
        parser.add_argument("--reads-per-story", type=int, default=10, help="read rows per story")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, stories, years, tags, photos, reads_per_story, seed, **options):
        if stories < 1 or years <= 0:
            raise CommandError("--stories must be at least 1 and --years more than 0.")
        rng = random.Random(seed)
        quiet = options["verbosity"] == 0
        by = archivist()
        regions = make_regions(by)
        authors = make_authors(by, rng, count=max(10, min(80, stories // 1000)))
        photo_count = photos if photos is not None else max(10, min(300, stories // 500))
        photo_jobs = start_photos(by, photo_count, seed=seed)  # on every core, meanwhile
        tag_pool = tags if tags is not None else max(5000, int(stories * 0.6))
        draw_tag = zipf(tag_pool, rng)
        now = timezone.now().replace(microsecond=0)
        span = int(years * 365 * 24 * 60)
        offset = Article.objects.count()
        recent_days = [timezone.localdate() - timedelta(days=d) for d in range(30)]
        article_ids = []
        progress = tqdm(total=stories, unit="story", disable=quiet)
        for start in range(0, stories, BATCH):
            count = min(BATCH, stories - start)
            batch, names = [], set()
            for n in range(start, start + count):
                story = make_story(
                    rng,
                    n + offset,
                    now=now,
                    minutes=span,
                    regions=regions,
                    authors=authors,
                    draw_tag=draw_tag,
                )
                names.update(story["tags"])
                batch.append(story)
            found = services.archive_tags(by=by, names=names)
            for story in batch:
                story["tags"] = [found[name] for name in story["tags"]]
            reads = make_reads(rng, batch, per_story=reads_per_story, days=recent_days)
            created = services.archive_load(by=by, stories=batch, reads=reads)
            article_ids += [article.pk for article in created]
            progress.update(count)
        progress.close()
        made = finish_photos(photo_jobs, quiet=quiet)
        services.archive_finish(by=by, lead_photos=lead_photo_plan(made, article_ids, seed=seed))
        self.stdout.write(
            self.style.SUCCESS(
                f"{stories:,} stories over {years:g} years, {len(made)} photos, "
                f"{Article.objects.count():,} in all."
            )
        )


def archivist():
    """The editor the generated stories are published by."""
    return services.command_account(ARCHIVIST, first_name="Arsip")


def make_regions(by):
    regions = {r.slug: r for r in Region.objects.all()}
    for slug, name, parent, order, _place in REGIONS:
        if slug not in regions:
            regions[slug] = services.catalogue_save(
                instance=Region(slug=slug, name=name, parent=regions.get(parent), ordering=order),
                by=by,
            )
    return list(regions.values())


def make_authors(by, rng, *, count):
    authors = list(Author.objects.all())
    taken = {a.slug for a in authors}
    for first, last in itertools.product(FIRST_NAMES, LAST_NAMES):
        if len(authors) >= count:
            break
        name = f"{first} {last}"
        if slugify(name) in taken:
            continue
        authors.append(
            services.catalogue_save(
                instance=Author(name=name, slug=slugify(name), initials=first[:3]), by=by
            )
        )
    return authors


def start_photos(by, count, *, seed):
    """Start processing `count` phone photos like uploads, one per core."""
    connections.close_all()  # the workers open their own
    pool = ProcessPoolExecutor()
    return pool, [pool.submit(_upload_photo, (by.pk, seed + n)) for n in range(count)]


def finish_photos(jobs, *, quiet):
    pool, futures = jobs
    made = [f.result() for f in tqdm(futures, unit="photo", disable=quiet)]
    pool.shutdown()
    return made


def lead_photo_plan(photo_ids, article_ids, *, seed):
    """{photo id: [article ids]}: seven stories in ten get a lead photo."""
    rng = random.Random(seed)
    plan = {}
    for pk in article_ids:
        if photo_ids and rng.random() < 0.7:
            plan.setdefault(rng.choice(photo_ids), []).append(pk)
    return plan


def _upload_photo(job):
    by_pk, seed = job
    by = get_user_model().objects.get(pk=by_pk)
    rng = random.Random(seed)
    photo = services.photo_create(
        by=by,
        image=ContentFile(phone_photo(rng), name=f"arsip-{seed}.jpg"),
        caption=f"Suasana liputan di {rng.choice(REGIONS)[1]}.",
        credit=f"KabarJatim/{rng.choice(FIRST_NAMES)}",
        alt_text="Foto liputan",
    )
    return photo.pk


def phone_photo(rng, size=(4000, 3000)):
    """A JPEG of a phone photo's size and detail: shapes, light and sensor noise."""
    from PIL import Image, ImageDraw

    image = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180])).resize(size)
    image = Image.merge("RGB", [image.point(lambda v, k=k: int(v * k)) for k in (0.9, 0.8, 1.0)])
    draw = ImageDraw.Draw(image)
    for _ in range(80):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randrange(40, 700)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    noise = Image.effect_noise(size, 40).convert("RGB")
    out = io.BytesIO()
    Image.blend(image, noise, 0.12).save(out, "JPEG", quality=90)
    return out.getvalue()


def zipf(pool, rng, *, offset=100, exponent=1.05):
    """A function drawing a tag name: a few hundred stories on the biggest
    tags of a 100,000-story archive, one or two on most."""
    weights = itertools.accumulate(1 / (rank + offset) ** exponent for rank in range(pool))
    cumulative = list(weights)
    total = cumulative[-1]

    def draw():
        rank = bisect.bisect(cumulative, rng.random() * total)
        word = TAG_WORDS[rank % len(TAG_WORDS)]
        return word if rank < len(TAG_WORDS) else f"{word} {rank // len(TAG_WORDS)}"

    return draw


TEMPLATES = (
    [(s, "local") for s in LOCAL_STORIES]
    + [(s, "national") for s in NATIONAL_STORIES]
    + [(s, "world") for s in WORLD_STORIES]
)


def make_story(rng, n, *, now, minutes, regions, authors, draw_tag):
    (title, summary, paragraphs, quote, *_rest), _where = rng.choice(TEMPLATES)
    region = rng.choice(regions)
    published = now - timedelta(minutes=rng.randint(1, minutes))
    headline = f"{title.format(place=region.name)} ({n})"[:200]
    story = {
        "title": headline,
        "slug": f"{slugify(headline)[:200]}-{n}",
        "summary": summary,
        "body": build_body(paragraphs, quote),
        "region": region,
        "author": rng.choice(authors),
        "status": Article.Status.PUBLISHED,
        "published_at": published,
        "tags": list(
            {draw_tag() for _ in range(rng.choices([1, 2, 3, 4, 5], [30, 30, 20, 12, 8])[0])}
        ),
    }
    if rng.random() < 0.1:
        story["coauthors"] = rng.sample(authors, 1)
    if rng.random() < 0.02:
        story["corrections"] = [
            (
                Correction.Kind.CORRECTION,
                "Nama narasumber diperbaiki.",
                published + timedelta(hours=3),
            )
        ]
    if rng.random() < 0.002:
        story["kind"] = Article.Kind.LIVE
        story["live_until"] = published + timedelta(hours=6)
        story["entries"] = [
            (
                published + timedelta(minutes=20 * k),
                f"Pembaruan {k + 1}",
                "Situasi terkini di lokasi.",
            )
            for k in range(12)
        ]
    return story


def make_reads(rng, batch, *, per_story, days):
    """Reads for the last 30 days, spread over every story of the archive:
    `per_story` (story, day) rows on average, counts with a long tail."""
    rows = []
    for n in range(len(batch)):
        for day in rng.sample(days, min(len(days), rng.randint(0, 2 * per_story))):
            rows.append((n, day, max(1, int(rng.paretovariate(1.2)))))
    return rows
