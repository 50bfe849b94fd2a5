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


def news_article(request, article, *, canonical, breadcrumbs, image, corrections=()):
    """schema.org NewsArticle and BreadcrumbList for one article (`image` from social_image)."""
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
                "@type": "AdvertiserContentArticle" if article.is_advertorial else "NewsArticle",
                "headline": article.title,
                "description": article.summary or article.excerpt(),
                "mainEntityOfPage": canonical,
                "url": canonical,
                "datePublished": article.published_at.isoformat() if article.published_at else None,
                "dateModified": (article.revised_at or article.published_at).isoformat()
                if article.published_at
                else None,
                "author": {
                    "@type": "Person",
                    "name": article.author.name,
                    "url": request.build_absolute_uri(article.author.get_absolute_url()),
                },
                "publisher": publisher,
                "articleSection": article.region.name,
                "keywords": [tag.name for tag in article.tags.all()],
                "inLanguage": "id",
                **({"image": [image["url"]]} if image else {}),
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


def json_ld(data):
    """A `<script type="application/ld+json">` no text can break out of.

    Django's `json_script` escapes <, > and & as \\u003C, \\u003E and \\u0026,
    so a title containing `</script>` stays inside the JSON string.
    """
    script = json_script(data)
    return mark_safe(script.replace('type="application/json"', 'type="application/ld+json"', 1))
