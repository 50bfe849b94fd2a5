"""RSS feeds: the latest news, and per region, tag and author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag

from . import caching
from .dates import wib
from .models import Article, Author, Region

FEED_LENGTH = 30


def with_published_articles(obj, articles):
    """404 for a tag or author known only from unpublished articles, like their pages."""
    if not articles.exists():
        raise Http404
    return obj


class LatestFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        caching.show(request, caching.FEED)  # purged by every change readers can see
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(name)s: Berita Terbaru") % {"name": settings.NEWSROOM_NAME}

    def link(self):
        return "/"

    def description(self):
        return _("Berita terbaru dari %(name)s.") % {"name": settings.NEWSROOM_NAME}

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return (
            self.articles(obj)
            .for_listing()
            .with_bylines()
            .prefetch_related("tags", "corrections")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return f"Advertorial: {item.title}" if item.is_advertorial else item.title

    def item_description(self, item):
        # Readers decode <description> as HTML, and ours is plain text: a
        # sentence that merely looks like a tag ("<img onerror=...>", decoded
        # from the body) must stay text, so it is escaped for HTML here and
        # once more for XML by the feed generator.
        text = item.summary or item.excerpt()
        # A corrected story says so in its item too, newest correction first.
        for correction in item.corrections.all():
            text += f" [{correction.get_kind_display()}, {wib(correction.at)}: {correction.text}]"
        return escape(text)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.revised_at or item.published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.bylines())

    def item_author_link(self, item):
        return item.author.get_absolute_url()

    def item_categories(self, item):
        sponsored = ["Advertorial"] if item.is_advertorial else []
        return [*sponsored, item.region.name, *(tag.name for tag in item.tags.all())]


class RegionFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Region, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("Berita terbaru dari %(region)s.") % {"region": obj.name}

    def articles(self, obj):
        return Article.objects.published().filter(region__in=Region.objects.descendant_ids(obj))


class TagFeed(LatestFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return with_published_articles(tag, self.articles(tag))

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return reverse("articles:tag", args=[obj.slug])

    def description(self, obj):
        return _("Berita bertag %(tag)s.") % {"tag": obj.name}

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)


class AuthorFeed(LatestFeed):
    def get_object(self, request, slug):
        author = get_object_or_404(Author, slug=slug)
        return with_published_articles(author, self.articles(author))

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("Tulisan %(author)s.") % {"author": obj.name}

    def articles(self, obj):
        return Article.objects.published().by_author(obj)
