"""What search engines and link previews read: JSON-LD and social images."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import photos
from .dates import iso

# Google's article rules ask for these three shapes (16:9, 4:3, 1:1), each
# at least this wide: the `photos.SPECS` that render them.
ARTICLE_IMAGE_SPECS = ("wide", "lead", "square")
ARTICLE_IMAGE_MIN_WIDTH = 1200
# Drawn once with Pillow and kept in static/img/: Google wants a square
# raster logo of at least 112 px, and a link preview needs an image even
# when no story on a page has a photo.
LOGO = ("img/logo-square.png", 512, 512)
SITE_CARD = ("img/card.png", 1200, 630)


def social_image(request, article):
    """The 1200x630 image for link previews, and its size, or None."""
    photo = article.lead_photo
    if photo is None:
        return None
    entries = (photo.renditions or {}).get("social") or []
    entry = entries[0] if entries else {"w": photo.width, "h": photo.height}
    return {
        # Object storage gives absolute URLs, which build_absolute_uri keeps.
        "url": request.build_absolute_uri(photos.rendition_url(photo, "social", largest=True)),
        "width": entry["w"],
        "height": entry["h"],
        "alt": photo.alt_text,
    }


def site_card(request):
    """The site's own 1200x630 card, for pages with no story photo to show."""
    path, width, height = SITE_CARD
    return {
        "url": request.build_absolute_uri(static(path)),
        "width": width,
        "height": height,
        "alt": settings.NEWSROOM_NAME,
    }


def listing_image(request, articles):
    """A listing's link preview: the lead photo of the first story shown that
    has one (the cards' query already joined it), or the site's card."""
    for article in articles:
        if article.lead_photo_id and (article.lead_photo.renditions or {}).get("social"):
            return social_image(request, article)
    return site_card(request)


def article_images(request, photo):
    """The lead photo in the shapes Google asks for: (url, width, height) of
    the largest of each, keeping those wide enough, or all there are when
    the photo was too small for any; the social image when none is rendered
    yet (an upload whose sizes are still queued)."""
    renditions = photo.renditions or {}
    found = [renditions[name][-1] for name in ARTICLE_IMAGE_SPECS if renditions.get(name)]
    wide_enough = [entry for entry in found if entry["w"] >= ARTICLE_IMAGE_MIN_WIDTH]
    storage = photo.image.storage
    return [
        (request.build_absolute_uri(storage.url(entry["jpeg"])), entry["w"], entry["h"])
        for entry in wide_enough or found
    ]


def organization(request):
    """The paper itself, with its square logo: the publisher of every story."""
    path, width, height = LOGO
    home = request.build_absolute_uri("/")
    return {
        "@type": "NewsMediaOrganization",
        "@id": f"{home}#organization",
        "name": settings.NEWSROOM_NAME,
        "url": home,
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(path)),
            "width": width,
            "height": height,
        },
    }


def website(request):
    """The site and its search box (`/cari/?q=`), for the home page."""
    home = request.build_absolute_uri("/")
    search = request.build_absolute_uri(reverse("articles:search"))
    return {
        "@type": "WebSite",
        "@id": f"{home}#website",
        "name": settings.NEWSROOM_NAME,
        "url": home,
        "inLanguage": "id",
        "publisher": {"@id": f"{home}#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def home_page(request):
    """JSON-LD of the home page: WebSite with SearchAction, and Organization."""
    return {"@context": "https://schema.org", "@graph": [website(request), organization(request)]}


def listing_meta(*, name, description, page_number):
    """A region, tag or author page's own title and description; pages
    after the first say which page they are."""
    title = name
    if page_number > 1:
        title = f"{name} · {_('Halaman %(number)s') % {'number': page_number}}"
    return {"title": title, "description": Truncator(description).chars(160)}


def collection_page(request, *, canonical, meta, articles, first_position=1, breadcrumbs=()):
    """JSON-LD of a region, tag or author page: CollectionPage whose ItemList
    names the stories it lists, in order (positions continue on page 2+)."""
    page = {
        "@type": "CollectionPage",
        "@id": canonical,
        "url": canonical,
        "name": meta["title"],
        "description": meta["description"],
        "inLanguage": "id",
        "isPartOf": {"@id": f"{request.build_absolute_uri('/')}#website"},
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": request.build_absolute_uri(article.get_absolute_url()),
                }
                for position, article in enumerate(articles, start=first_position)
            ],
        },
    }
    graph = [page]
    if breadcrumbs:
        graph.append(breadcrumb_list(request, breadcrumbs))
    return {"@context": "https://schema.org", "@graph": graph}


def breadcrumb_list(request, breadcrumbs):
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(url),
            }
            for position, (name, url) in enumerate(breadcrumbs, start=1)
        ],
    }


def person(request, author):
    return {
        "@type": "Person",
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
    }


def schema_type(article):
    if article.is_advertorial:
        return "AdvertiserContentArticle"
    if article.kind == article.Kind.LIVE:
        return "LiveBlogPosting"
    return "NewsArticle"


def live_blog(request, article, canonical, entries):
    """LiveBlogPosting's coverage times and its updates, newest first."""
    data = {
        "coverageStartTime": iso(article.published_at) or None,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": entry.headline or str(entry),
                "articleBody": entry.text,
                "datePublished": iso(entry.at),
                "dateModified": iso(entry.updated_at),
                "url": f"{canonical}#pembaruan-{entry.pk}",
                **(
                    {"image": request.build_absolute_uri(photos.rendition_url(entry.photo, "card"))}
                    if entry.photo
                    else {}
                ),
            }
            for entry in entries
        ],
    }
    if article.live_until:
        data["coverageEndTime"] = iso(article.live_until)
    return data


def news_article(
    request, article, *, canonical, breadcrumbs, image, corrections=(), live_entries=()
):
    """schema.org NewsArticle (or LiveBlogPosting, AdvertiserContentArticle)
    and BreadcrumbList for one article. Its images are the lead photo's
    three shapes (`article_images`); `image` (from social_image) stands in
    while they are not rendered yet."""
    publisher = organization(request)
    images = article_images(request, article.lead_photo) if article.lead_photo else []
    if not images and image:
        images = [(image["url"], image["width"], image["height"])]
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": schema_type(article),
                "headline": article.title,
                "description": article.summary or article.excerpt(),
                "mainEntityOfPage": canonical,
                "url": canonical,
                "datePublished": iso(article.published_at) or None,
                "dateModified": iso(article.revised_at or article.published_at)
                if article.published_at
                else None,
                "author": [person(request, author) for author in article.bylines()],
                **({"editor": person(request, article.editor)} if article.editor else {}),
                "publisher": publisher,
                "articleSection": article.region.name,
                "keywords": [tag.name for tag in article.tags.all()],
                "inLanguage": "id",
                **(
                    {"image": [image_object(request, article, *size) for size in images]}
                    if images
                    else {}
                ),
                **(
                    live_blog(request, article, canonical, live_entries)
                    if article.kind == article.Kind.LIVE
                    else {}
                ),
                **(
                    {
                        "correction": [
                            {
                                "@type": "CorrectionComment",
                                "text": f"{c.get_kind_display()}: {c.text}",
                                "datePublished": iso(c.at),
                            }
                            for c in corrections
                        ]
                    }
                    if corrections
                    else {}
                ),
            },
            breadcrumb_list(request, breadcrumbs),
        ],
    }
    return data


def image_object(request, article, url, width, height):
    """One size of the lead photo with its credit, and its photographer when we know them."""
    photo = article.lead_photo
    data = {"@type": "ImageObject", "url": url, "width": width, "height": height}
    if photo.credit:
        data["creditText"] = photo.credit
    if photo.photographer:
        data["creator"] = person(request, photo.photographer)
        if not getattr(photo.photographer, "has_page", False):  # selectors.link_photographers
            del data["creator"]["url"]  # their author page would answer 404
    return data


def json_ld(data):
    """A `<script type="application/ld+json">` no text can break out of.

    Django's `json_script` escapes <, > and & as \\u003C, \\u003E and \\u0026,
    so a title containing `</script>` stays inside the JSON string.
    """
    script = json_script(data)
    return mark_safe(script.replace('type="application/json"', 'type="application/ld+json"', 1))
