"""What the public pages list: read-only queries shared by views, feeds and template tags.

HackSoft's "selectors": each function returns the stories (or regions,
corrections, live entries) one part of a page shows, and changes nothing;
every write goes through `articles.services`. Every list starts from
`Article.objects.published()`. A function given the request also declares
the cache keys of what it returns (`caching.add_keys`), so whatever a change
purges is named where the list is made.
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import caching, popularity, search
from .models import (
    Article,
    Author,
    Byline,
    Correction,
    FrontPagePick,
    Region,
    TaggedArticle,
    region_descendant_ids,
    region_path,
)

LATEST_COUNT = 6
RELATED_COUNT = 4
RELATED_POOL = 100
LIVE_ENTRIES_SHOWN = 200  # the newest; a day of coverage rarely has more
CORRECTIONS_SHOWN = 100  # on /ralat/, newest first


# Regions


def all_regions(request):
    """Every region, loaded once per request: the menu, breadcrumbs and filters share it."""
    if not hasattr(request, "_newsroom_regions"):
        request._newsroom_regions = list(Region.objects.all())
        caching.add_keys(request, caching.REGIONS)
    return request._newsroom_regions


def find_region(request, slug):
    """The region with `slug` from the request's region list, or None."""
    return next((r for r in all_regions(request) if r.slug == slug), None)


def breadcrumbs(request, region):
    """(name, url) pairs from the home page down the region path."""
    crumbs = [(_("Beranda"), reverse("articles:home"))]
    crumbs += [(r.name, r.get_absolute_url()) for r in region_path(all_regions(request), region)]
    return crumbs


# The stories of a region, tag or author: their pages and their feeds


def region_articles(region, request=None):
    """Published stories filed under `region` or any region inside it.

    A page finds the regions inside it in the request's region list, which
    it loads anyway; without a request (a feed) one query finds them.
    """
    if request is None:
        ids = Region.objects.descendant_ids(region)
    else:
        ids = region_descendant_ids(all_regions(request), region)
    return Article.objects.published().filter(region__in=ids)


def tag_articles(tag):
    """Published stories with `tag`, newest first.

    Walked from the tag's dated links (`TaggedArticle.published_at`, the
    index on tag and time) and stopped at the page's last story, so the
    biggest tag's page reads a page of stories, not all of them."""
    links = {"tagged_items__tag": tag, "tagged_items__published_at__lte": timezone.now()}
    return (
        Article.objects.published().filter(**links).order_by("-tagged_items__published_at", "-pk")
    )


def author_articles(author):
    """Published stories `author` wrote or co-wrote.

    The co-written stories' ids are read first (a few, from the byline
    index), so the database answers from two indexes at once (author, ids)
    and reads only the author's own stories; an OR with a subquery made it
    read every story of the archive to find them."""
    cowritten = list(Byline.objects.filter(author=author).values_list("article_id", flat=True))
    return Article.objects.published().filter(Q(author=author) | Q(pk__in=cowritten))


def search_results(request, query, *, region=None, first_day=None, last_day=None):
    """Published stories matching `query`, best first, as listing cards.

    Narrowed to `region` and the regions inside it, and to the days from
    `first_day` to `last_day`, both included, in WIB.
    """
    articles = Article.objects.published() if region is None else region_articles(region, request)
    articles = articles.for_listing()
    if first_day:
        articles = articles.filter(published_at__gte=_start_of(first_day))
    if last_day:
        articles = articles.filter(published_at__lt=_start_of(last_day, days=1))
    return search.search(articles, query)


def _start_of(day, days=0):
    """Midnight WIB at the start of `day` (plus `days`)."""
    start = datetime.combine(day, time.min) + timedelta(days=days)
    return timezone.make_aware(start)


# The side lists and the front page


def latest_articles(request, exclude=None):
    """The "Berita Terbaru" list: the newest articles readers may see."""
    articles = Article.objects.published().for_listing()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    articles = list(articles[:LATEST_COUNT])
    caching.add_keys(request, caching.LATEST)
    caching.add_listing_keys(request, articles)
    return articles


def front_page(request):
    """The editors' lead story (or None) and their picks, as cards: two queries."""
    caching.add_keys(request, caching.FRONT_PAGE)
    chosen = list(FrontPagePick.objects.active().values_list("article_id", "slot"))
    cards = Article.objects.published().for_listing().in_bulk([pk for pk, _slot in chosen])
    leads = [cards[pk] for pk, slot in chosen if slot == FrontPagePick.Slot.LEAD and pk in cards]
    picks = [cards[pk] for pk, slot in chosen if slot == FrontPagePick.Slot.PICK and pk in cards]
    caching.add_listing_keys(request, [*leads, *picks])
    return (leads[-1] if leads else None), picks


def most_read(request):
    """ "Terpopuler", and its keys."""
    articles = list(popularity.most_read())
    caching.add_keys(request, caching.MOST_READ)
    caching.add_listing_keys(request, articles)
    return articles


def related_ids(article):
    """The ids of the stories most related to `article`, best first.

    Ranked by how many tags they share with it, then by how new they are,
    among a pool of candidates: the newest published stories that share a
    tag or its region. Ranking only the pool keeps this one cheap query
    however large the archive; the region's newest fill in when few stories
    share a tag. A new story with one of those tags or in that region purges
    the page through the article's own tag and region keys.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    tagged = TaggedArticle.objects.filter(tag__in=tag_ids)
    shared = (
        tagged.filter(content_object=OuterRef("pk"))
        .order_by()
        .values("content_object")
        .annotate(n=Count("pk"))
        .values("n")
    )
    pool = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(Q(pk__in=tagged.values("content_object")) | Q(region=article.region_id))
        .annotate(shared=Coalesce(Subquery(shared), 0))
        .order_by("-published_at")
        .values_list("pk", "shared")[:RELATED_POOL]
    )
    ranked = sorted(pool, key=lambda row: -row[1])  # stable: newest first among equals
    return [pk for pk, _shared in ranked[:RELATED_COUNT]]


def related_and_most_read(article):
    """The cards of "Berita Terkait" beside `article` and of "Terpopuler",
    both from one query. Their keys are the caller's to declare."""
    related, ranked = related_ids(article), popularity.ranked_ids()
    found = Article.objects.published().for_listing().in_bulk([*related, *ranked])
    return [found[pk] for pk in related if pk in found], [found[pk] for pk in ranked if pk in found]


# What an article page shows besides its text


def live_entries(article, after=0):
    """A live story's entries, newest first (those added after entry `after`)."""
    if article.kind != Article.Kind.LIVE:
        return []
    entries = article.live_entries.select_related("photo__photographer")
    if after:
        entries = entries.filter(pk__gt=after)
    return list(entries[:LIVE_ENTRIES_SHOWN])


def photographer_ids(shown_photos, entries=()):
    """The authors credited as photographers of the photos a page shows: their
    name or address changing changes the page."""
    shown = [*shown_photos, *(entry.photo for entry in entries)]
    return {photo.photographer_id for photo in shown if photo and photo.photographer_id}


def link_photographers(shown_photos):
    """Set `has_page` on the photographers of the photos a page shows: a
    credit links to its photographer's author page only when that page
    answers, that is when it lists a story readers can see (AuthorView).
    One query for the whole page. Publishing or taking down their story
    purges their `author-<id>` key, which the page shows (photographer_ids)."""
    photographers = [photo.photographer for photo in shown_photos if photo and photo.photographer]
    if not photographers:
        return
    published = Article.objects.published()
    listed = set(
        Author.objects.filter(pk__in={author.pk for author in photographers})
        .filter(
            Exists(published.filter(author=OuterRef("pk")))
            | Exists(Byline.objects.filter(author=OuterRef("pk"), article__in=published))
        )
        .values_list("pk", flat=True)
    )
    for author in photographers:
        author.has_page = author.pk in listed


def recent_corrections():
    """The newest corrections and rights of reply to stories readers can see, with the story."""
    return list(
        Correction.objects.filter(article__in=Article.objects.published())
        .select_related("article")
        .order_by("-at")[:CORRECTIONS_SHOWN]
    )
