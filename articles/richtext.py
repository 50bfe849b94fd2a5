"""Article bodies: cleaned once on the way in, enriched on the way out.

`clean_html` runs on every save of an article (see `Article.save`), whatever
client sent the body. It uses nh3, the Python binding of the Rust `ammonia`
allowlist sanitizer: a well-kept, fast parser-based cleaner, which is safer
than anything written here with regular expressions. Only what CKEditor's
news toolbar produces survives: paragraphs, headings, emphasis, links,
lists, quotes and images with captions. Scripts, event handlers,
`javascript:`/`data:` URLs, iframes, forms, styles and unknown tags are
dropped. Images must come from our own media storage.

`render_body` runs when a page shows the body: images uploaded through the
editor become responsive `<picture>` elements and their captions carry the
photo's credit.
"""

import re
from html import unescape

import nh3
from django.core.files.storage import default_storage
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from . import photos as photo_processing

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "a",
    "ul", "ol", "li", "blockquote", "figure", "figcaption", "img",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}
URL_SCHEMES = {"http", "https", "mailto"}

_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
# An editor upload's URL names its photo: .../renditions/<photo key>/<file>
_RENDITION_IMG = re.compile(r'<img src="[^"]*/renditions/([0-9a-f]{32})/[^"]*"[^>]*>')
_FIGURE = re.compile(r"<figure( class=\"image\")?>(.*?)</figure>", re.S)
ARTICLE_SIZES = "(min-width: 72rem) 45rem, (min-width: 48rem) calc(100vw - 25rem), 100vw"


def _media_prefix():
    """Where our uploads are served from: MEDIA_URL, or the object-storage bucket."""
    return default_storage.url("_").removesuffix("_")


def _own_images_only(tag, attribute, value):
    if tag == "img" and attribute == "src" and not value.startswith(_media_prefix()):
        return None  # hotlinked images leak readers' addresses and break
    return value


def clean_html(html):
    """The body as readers may see it: an allowlist of tags, attributes and URLs."""
    cleaned = nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes={"figure": {"image"}},
        url_schemes=URL_SCHEMES,
        attribute_filter=_own_images_only,
        link_rel="noopener",
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned).strip()


def plain_text(html):
    """The words of a body, without markup, on one line."""
    return " ".join(unescape(strip_tags(html or "")).split())


def photo_keys(html):
    """The keys of the library photos an (already cleaned) body shows."""
    return set(_RENDITION_IMG.findall(html))


def render_body(html, photos):
    """Swap editor images for responsive pictures and credit them.

    `photos` maps photo key to Photo, loaded in one query by the caller.
    """

    def figure(match):
        inner = match.group(2)
        image = _RENDITION_IMG.search(inner)
        photo = photos.get(image.group(1)) if image else None
        if photo is None:
            return match.group(0)
        alt = re.search(r'alt="([^"]*)"', image.group(0))
        inner = inner.replace(
            image.group(0),
            photo_processing.picture_html(
                photo, "article", sizes=ARTICLE_SIZES, alt=unescape(alt.group(1)) if alt else ""
            ),
        )
        credit = (
            format_html(' <span class="credit">{}</span>', photo.credit) if photo.credit else ""
        )
        if "<figcaption>" in inner:
            inner = inner.replace("</figcaption>", f"{credit}</figcaption>")
        elif credit:
            inner += f"<figcaption>{credit.strip()}</figcaption>"
        return f'<figure class="photo photo--inline">{inner}</figure>'

    return mark_safe(_FIGURE.sub(figure, html))


def images_without_alt(html):
    """How many images in an (already cleaned) body have no alternative text."""
    return sum(1 for tag in re.findall(r"<img[^>]*>", html) if not re.search(r'alt="[^"]+"', tag))
