"""What search engines and link previews read: JSON-LD and social images."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from . import photos


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
        "coverageStartTime": article.published_at.isoformat() if article.published_at else None,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": entry.headline or str(entry),
                "articleBody": entry.text,
                "datePublished": entry.at.isoformat(),
                "dateModified": entry.updated_at.isoformat(),
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
        data["coverageEndTime"] = article.live_until.isoformat()
    return data


def news_article(
    request, article, *, canonical, breadcrumbs, image, corrections=(), live_entries=()
):
    """schema.org NewsArticle (or LiveBlogPosting, AdvertiserContentArticle)
    and BreadcrumbList for one article (`image` from social_image)."""
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static("img/logo.png"))},
    }
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": schema_type(article),
                "headline": article.title,
                "description": article.summary or article.excerpt(),
                "mainEntityOfPage": canonical,
                "url": canonical,
                "datePublished": article.published_at.isoformat() if article.published_at else None,
                "dateModified": (article.revised_at or article.published_at).isoformat()
                if article.published_at
                else None,
                "author": [person(request, author) for author in article.bylines()],
                **({"editor": person(request, article.editor)} if article.editor else {}),
                "publisher": publisher,
                "articleSection": article.region.name,
                "keywords": [tag.name for tag in article.tags.all()],
                "inLanguage": "id",
                **({"image": [image_object(request, article, image)]} if image else {}),
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
                                "datePublished": c.at.isoformat(),
                            }
                            for c in corrections
                        ]
                    }
                    if corrections
                    else {}
                ),
            },
            {
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
            },
        ],
    }
    return data


def image_object(request, article, image):
    """The lead photo with its credit, and its photographer when we know them."""
    photo = article.lead_photo
    data = {
        "@type": "ImageObject",
        "url": image["url"],
        "width": image["width"],
        "height": image["height"],
    }
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
