"""RSS feeds: the latest news, and per region, tag and author.

Each item carries what aggregators (Google News, feed reader apps) expect:
the summary in `<description>`, the whole sanitized story in
`<content:encoded>` with absolute image URLs and embeds as plain links, the
lead photo as `<media:content>` with its size, caption and credit, the
region and tags as categories, and every author.
"""

import copy
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from taggit.models import Tag

from . import caching, photos, richtext, selectors
from .dates import wib
from .models import Article, Author, Photo, Region

FEED_LENGTH = 30
_RELATIVE = re.compile(r'(\s(?:src|href))="/(?!/)')


class NewsFeedGenerator(Rss201rev2Feed):
    """RSS 2.0 with Media RSS and content:encoded, as aggregators read them."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:media": "http://search.yahoo.com/mrss/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_encoded"):
            handler.addQuickElement("content:encoded", item["content_encoded"])
        image = item.get("image")
        if image:
            handler.startElement(
                "media:content",
                {
                    "url": image["url"],
                    "medium": "image",
                    "type": "image/jpeg",
                    "width": str(image["width"]),
                    "height": str(image["height"]),
                },
            )
            if image["caption"]:
                handler.addQuickElement("media:description", image["caption"])
            if image["credit"]:
                handler.addQuickElement("media:credit", image["credit"])
            handler.endElement("media:content")


def with_published_articles(obj, articles):
    """404 for a tag or author known only from unpublished articles, like their pages."""
    if not articles.exists():
        raise Http404
    return obj


class LatestFeed(Feed):
    feed_type = NewsFeedGenerator

    def __call__(self, request, *args, **kwargs):
        caching.add_keys(request, caching.FEED)  # purged by every change readers can see
        # One feed object serves every request: each gets a copy that knows its request.
        feed = copy.copy(self)
        feed.request = request
        return super(LatestFeed, feed).__call__(request, *args, **kwargs)

    def item_extra_kwargs(self, item):
        return {"content_encoded": self.content(item), "image": self.image(item)}

    def content(self, item):
        """The whole story as readers see it, for readers that show it in place."""
        html = richtext.as_printed(item, self.body_photos)  # sanitized when saved
        for markup, embed in richtext.embeds_in(html):
            link = format_html('<p><a href="{0}">{1}: {0}</a></p>', embed.page_url, embed.name)
            html = html.replace(markup, link, 1)
        if item.lead_photo:
            photo = item.lead_photo
            figure = format_html(
                '<figure><img src="{}" alt="{}"><figcaption>{} {}</figcaption></figure>',
                photos.rendition_url(photo, "article", largest=True),
                photo.alt_text,
                photo.caption,
                photo.credit,
            )
            html = figure + html
        if item.is_advertorial:  # paid links say so here too
            html = richtext.sponsored_links(str(html))
        html = richtext.strip_control_characters(str(html))  # stories saved before it was
        return _RELATIVE.sub(rf'\1="{self.request.build_absolute_uri("/")}', html)

    def image(self, item):
        """The lead photo's largest full-shape size, with its caption and credit."""
        photo = item.lead_photo
        if photo is None:
            return None
        entries = (photo.renditions or {}).get("article") or []
        size = entries[-1] if entries else {"w": photo.width, "h": photo.height}
        return {
            "url": self.request.build_absolute_uri(
                photos.rendition_url(photo, "article", largest=True)
            ),
            "width": size["w"],
            "height": size["h"],
            "caption": photo.caption,
            "credit": photo.credit,
        }

    def title(self):
        return _("%(name)s: Berita Terbaru") % {"name": settings.NEWSROOM_NAME}

    def link(self):
        return "/"

    def description(self):
        return _("Berita terbaru dari %(name)s.") % {"name": settings.NEWSROOM_NAME}

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        items = list(
            self.articles(obj)
            .for_listing()
            .with_bylines()
            .prefetch_related("tags", "corrections")[:FEED_LENGTH]
        )
        # The library photos in every item's body, in one query (see content()).
        keys = set().union(*(richtext.photo_keys(item.body) for item in items))
        self.body_photos = Photo.objects.in_bulk(keys, field_name="key") if keys else {}
        return items

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
        """The region and tags, each term once: a region and a tag may share a
        name ("Blitar"), and aggregators would list it twice."""
        sponsored = ["Advertorial"] if item.is_advertorial else []
        terms = [*sponsored, item.region.name, *(tag.name for tag in item.tags.all())]
        distinct = {}
        for term in terms:
            distinct.setdefault(term.casefold(), term)  # the first spelling wins
        return list(distinct.values())


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
        return selectors.region_articles(obj)


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
        return selectors.tag_articles(obj)


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
        return selectors.author_articles(obj)
