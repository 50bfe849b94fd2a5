"""Template tags and filters for the public site and the admin's desk: dates,
pictures, the article body, cached fragments, the desk and the notice count.

The public pages' photo HTML (pictures, inline figures, credits) is written
here; the feed's lead figure (`articles.feeds`) and the admin's thumbnails
(`articles.admin.photos`) write their own, simpler markup.
"""

import re
from html import unescape

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles import dates, page_cache, photos, richtext
from articles.desk import desk_for
from articles.purges import purges_waiting
from articles.workflow import is_editor

register = template.Library()

# A healthy worker sends a purge within a second; a minute means it is stopped
# or the proxy does not answer.
PURGE_LATE_SECONDS = 60

# What the `sizes` attribute tells the browser about each slot's width, in
# one place: the layout in static/css/site.css decides these widths.
SIZES = {
    "article": "(min-width: 72rem) 45rem, (min-width: 48rem) calc(100vw - 25rem), 100vw",
    "card": "(min-width: 48rem) 23rem, 100vw",
    "card-wide": "(min-width: 48rem) 46rem, 100vw",
    "thumb": "(min-width: 48rem) 11rem, 7.5rem",
}

_FIGURE = re.compile(r"<figure( class=\"image\")?>(.*?)</figure>", re.S)
_ALT = re.compile(r'alt="([^"]*)"')


@register.filter
def wib(value):
    """`Sabtu, 21 Feb 2026 19:19 WIB`; see `articles.dates.wib`."""
    return dates.wib(value)


@register.filter
def iso(value):
    """`2026-02-21T19:19:05+07:00`, for `datetime` attributes; see `articles.dates.iso`."""
    return dates.iso(value)


@register.simple_tag
def picture(photo, name, slot=None, eager=False, alt=None):
    """`{% picture photo "card" slot="card-wide" eager=True %}`: a `<picture>` with
    WebP and JPEG `srcset`s, dimensions and lazy loading. `slot` names the
    `SIZES` entry when it is not the rendition's own."""
    return _picture(photo, name, sizes=SIZES[slot or name], eager=eager, alt=alt)


def _picture(photo, name, *, sizes, eager=False, alt=None):
    alt = photo.alt_text if alt is None else alt
    loading = "eager" if eager else "lazy"
    entries = (photo.renditions or {}).get(name)
    if not entries:
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async">',
            photo.image.url,
            photo.width,
            photo.height,
            alt,
            loading,
        )
    url = photo.image.storage.url

    def srcset(key):
        return ", ".join(f"{url(e[key])} {e['w']}w" for e in entries if e.get(key))

    default = photos.default_entry(entries)
    webp = srcset("webp")  # none while an imported photo's sizes are still to come
    source = format_html('<source type="image/webp" srcset="{}" sizes="{}">', webp, sizes)
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" fetchpriority="{}" decoding="async"></picture>',
        source if webp else "",
        url(default["jpeg"]),
        srcset("jpeg"),
        sizes,
        default["w"],
        default["h"],
        alt,
        loading,
        "high" if eager else "auto",
    )


@register.simple_tag
def article_body(article, inline_photos):
    """The body as readers see it: opened by the dateline, closed by the
    authors' initials, with the editor's images as responsive pictures whose
    captions carry the photo's credit.

    `inline_photos` maps photo key to Photo, loaded in one query by the view.
    The body was sanitized when it was saved, so it is safe to mark as HTML.
    """
    body = richtext.as_printed(article, inline_photos)
    body = _FIGURE.sub(lambda match: _inline_figure(match, inline_photos), body)
    for markup, embed in richtext.embeds_in(body):
        body = body.replace(markup, embed_placeholder(embed), 1)
    if article.is_advertorial:  # paid links say so, to readers and search engines
        body = richtext.sponsored_links(body)
    return mark_safe(body)


def embed_placeholder(embed):
    """An embed before the reader asks for it: no request leaves the site
    until they tap "Muat" (static/js/article.js makes the iframe then)."""
    return format_html(
        '<figure class="embed embed--{provider}" data-embed-frame="{frame}" '
        'data-embed-height="{height}" data-embed-title="{title}">'
        '<div class="embed__box"><p class="embed__provider">{name}</p>'
        '<p class="embed__note">{note}</p>'
        '<p class="embed__actions"><button type="button" class="embed__load">{load}</button> '
        '<a href="{page}" target="_blank" rel="noopener">{open}</a></p></div></figure>',
        provider=embed.provider,
        frame=embed.frame_url,
        height=embed.height or "",
        title=_("Konten %(name)s") % {"name": embed.name},
        name=embed.name,
        note=_("Konten dari %(name)s dimuat hanya jika Anda memintanya.") % {"name": embed.name},
        load=_("Muat konten"),
        page=embed.page_url,
        open=_("Buka di %(name)s") % {"name": embed.name},
    )


def _inline_figure(match, inline_photos):
    inner = match.group(2)
    image = richtext.RENDITION_IMG.search(inner)
    photo = inline_photos.get(image.group(1)) if image else None
    if photo is None:
        return match.group(0)
    alt = _ALT.search(image.group(0))
    inner = inner.replace(
        image.group(0),
        _picture(photo, "article", sizes=SIZES["article"], alt=unescape(alt[1]) if alt else ""),
    )
    photographer = photo.photographer
    if getattr(photographer, "has_page", False):  # see selectors.link_photographers
        credit = format_html(
            ' <a class="credit" href="{}">{}</a>',
            photographer.get_absolute_url(),
            photo.credit or photographer.name,
        )
    elif photo.credit or photographer:
        credit = format_html(' <span class="credit">{}</span>', photo.credit or photographer.name)
    else:
        credit = ""
    if "<figcaption>" in inner:
        inner = inner.replace("</figcaption>", f"{credit}</figcaption>")
    elif credit:
        inner += f"<figcaption>{credit.strip()}</figcaption>"
    return f'<figure class="photo photo--inline">{inner}</figure>'


@register.tag
def cached_fragment(parser, token):
    """`{% cached_fragment "name" value … %}…{% endcached_fragment %}`: a shared
    block kept in the cache until a change purges one of the keys added while
    rendering it (page_cache.fragment). The values name this copy, for instance
    the article it sits beside."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parts)


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist, self.parts = nodelist, parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        return page_cache.fragment(context["request"], parts, lambda: self.nodelist.render(context))


@register.inclusion_tag("admin/newsroom/desk.html", takes_context=True)
def desk(context):
    """The admin home's desk for the signed-in writer or editor (articles.desk),
    and, for editors, the proxy purges still waiting (readers may see old text)."""
    user = context["request"].user
    waiting, since = purges_waiting() if is_editor(user) else (0, None)
    late = since is not None and (timezone.now() - since).total_seconds() > PURGE_LATE_SECONDS
    return {"sections": desk_for(user), "purges_waiting": waiting if late else 0, "since": since}


@register.simple_tag(takes_context=True)
def unread_notices(context):
    """How many workflow notices the signed-in person has not seen yet."""
    user = context["request"].user
    return user.notices.filter(read_at__isnull=True).count()
