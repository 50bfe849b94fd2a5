"""sitemap.xml for search engines, and a Google News sitemap of the last 48 hours.

Everything starts from `Article.objects.published()`: no draft, scheduled
or withdrawn article is ever listed, nor a tag or author known only from one.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import F, Func, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from .models import Article, Author, Region, TaggedArticle
from .pagination import IdBlockPaginator, MonthPaginator


def latest_published(**match):
    """Subquery: the newest publish time among readers' articles matching `match`.

    An aggregate (MAX), not ORDER BY ... LIMIT 1: with a limit the database
    may walk the newest stories of the whole archive looking for one that
    matches, which for a tag with one story from 2017 reads nearly all of
    them. MAX starts from the matching stories, found by their index.
    """
    return (
        Article.objects.published()
        .filter(**match)
        .order_by()
        .annotate(latest=Func(F("published_at"), function="MAX"))
        .values("latest")
    )


class ArticleSitemap(Sitemap):
    """Every story, a month a page (`MonthPaginator`), newest month first."""

    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "revised_at")
            .order_by("-published_at", "-pk")
        )

    @property
    def paginator(self):
        return MonthPaginator(self.items())

    def lastmod(self, article):
        return max(filter(None, [article.published_at, article.revised_at]))

    def get_latest_lastmod(self):
        """For the index, in one query: Django's default reads every article."""
        latest = Article.objects.published().aggregate(
            published=Max("published_at"), revised=Max("revised_at")
        )
        return max(filter(None, latest.values()), default=None)


class ListingSitemap(Sitemap):
    """Region, tag and author pages, dated by the newest story filed under each.

    A section of the sitemap index paged by blocks of ids (`IdBlockPaginator`):
    each page's entries and their dates come from one query over its own
    block, so a page costs the same with 50 tags or 50,000. Names with no
    published story are left out.
    """

    changefreq = "hourly"
    limit = 2000
    model = None
    match = None  # the article field that files a story under the name

    def items(self):
        return (
            self.model.objects.annotate(latest=latest_published(**{self.match: OuterRef("pk")}))
            .filter(latest__isnull=False)
            .order_by("pk")
        )

    @property
    def paginator(self):
        return IdBlockPaginator(self.items(), self.limit)

    def lastmod(self, obj):
        return obj.latest

    def get_latest_lastmod(self):
        """For the index: the newest story filed under any of the names."""
        newest = (
            Article.objects.published()
            .filter(**{f"{self.match}__isnull": False})
            .order_by("-published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        return newest


class RegionSitemap(ListingSitemap):
    """Every region: a region's page lists the stories of the regions inside
    it too, so one without stories of its own is listed all the same."""

    model, match = Region, "region"
    paginator = Sitemap.paginator  # a menu's worth: one page, read once

    def items(self):
        # Once per request: the index asks for them twice (count and lastmod).
        if not hasattr(self, "_listed"):
            self._listed = list(
                Region.objects.annotate(latest=latest_published(region=OuterRef("pk")))
            )
        return self._listed

    def get_latest_lastmod(self):
        return max(filter(None, (region.latest for region in self.items())), default=None)


class AuthorSitemap(ListingSitemap):
    model, match = Author, "author"


class TagSitemap(ListingSitemap):
    """Tags by blocks of ids, each dated by its newest story that readers
    may see, found from the dated tag links (`TaggedArticle.published_at`):
    one index probe a tag, whether it has one story or five hundred."""

    model, match = Tag, "tags"

    def items(self):
        newest = (
            TaggedArticle.objects.filter(tag=OuterRef("pk"), published_at__lte=timezone.now())
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return (
            Tag.objects.annotate(latest=Subquery(newest))
            .filter(latest__isnull=False)
            .order_by("pk")
        )

    def location(self, tag):
        return reverse("articles:tag", args=[tag.slug])


SITEMAPS = {
    "articles": ArticleSitemap,
    "regions": RegionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}


class NewsSitemap(Sitemap):
    """Google News: articles published in the last 48 hours."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(hours=48)
        # Advertorials are not news: never in the Google News sitemap.
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .exclude(kind=Article.Kind.ADVERTORIAL)
            .order_by("-published_at")
        )

    def lastmod(self, article):
        return article.revised_at or article.published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            url["publication_name"] = settings.NEWSROOM_NAME
        return urls
