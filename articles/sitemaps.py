"""sitemap.xml for search engines, and a Google News sitemap of the last 48 hours.

Everything starts from `Article.objects.published()`: no draft, scheduled
or withdrawn article is ever listed, nor a tag or author known only from one.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from .models import Article, Author, Region
from .pagination import NewestFirstPaginator


def latest_published(**match):
    """Subquery: the newest publish time among readers' articles matching `match`."""
    return (
        Article.objects.published()
        .filter(**match)
        .order_by("-published_at")
        .values("published_at")[:1]
    )


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 1000  # per page of the section: each builds in well under 200 ms

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "revised_at")
            .order_by("-published_at", "-pk")
        )

    @property
    def paginator(self):
        return NewestFirstPaginator(self.items(), self.limit)

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

    `items()` returns a list, not a queryset: the sitemap's paginator would
    otherwise run a COUNT of the same query, subqueries and all, before
    fetching it. These lists are short, far below one sitemap page.
    """

    changefreq = "hourly"

    def items(self):
        # Once per request: the index asks for them twice (count and lastmod).
        if not hasattr(self, "_listed"):
            self._listed = list(self.listing())
        return self._listed

    def lastmod(self, obj):
        return obj.latest


class RegionSitemap(ListingSitemap):
    def listing(self):
        return Region.objects.annotate(latest=latest_published(region=OuterRef("pk")))


class AuthorSitemap(ListingSitemap):
    def listing(self):
        return (
            Author.objects.annotate(latest=latest_published(author=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("name")
        )


class TagSitemap(ListingSitemap):
    def listing(self):
        return (
            Tag.objects.annotate(latest=latest_published(tags=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("name")
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
