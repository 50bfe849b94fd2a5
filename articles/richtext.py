"""Text on the way in: article bodies cleaned once, plain text kept clean.

`clean_html` runs once on every save of an article's content (see
`articles.services.article_save`), whatever client sent the body. It uses
nh3, the Python binding of the Rust `ammonia` allowlist sanitizer: a
well-kept, fast parser-based cleaner, which is safer than anything written
here with regular expressions. Only what CKEditor's
news toolbar produces survives: paragraphs, headings, emphasis, links,
lists, quotes and images with captions. Scripts, event handlers,
`javascript:`/`data:` URLs, iframes, forms, styles and unknown tags are
dropped. Images must come from our own media storage.

On the way out, the `{% article_body %}` template tag turns the editor's
images into responsive pictures with their credits, and embeds into
placeholders that load nothing until the reader asks (`articles.embeds`).
"""

import hashlib
import re
from html import escape as escape_attribute
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe

from . import embeds, photos

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "a",
    "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "oembed",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "oembed": {"url"},  # written again from a provider and an id below
}
URL_SCHEMES = {"http", "https", "mailto"}

_BLOCK_BOUNDARY = re.compile(r"</?(p|h\d|li|ul|ol|blockquote|figure|figcaption|br)\b[^>]*>")
# XML 1.0 forbids these (and U+FFFE, U+FFFF): one in a body breaks every feed.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ASCII_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
# CKEditor's media embed, as the sanitizer writes it, with or without its figure.
_OEMBED = re.compile(
    r'(?:<figure class="media">)?<oembed url="([^"]*)">[^<]*</oembed>(?:</figure>)?'
)
_BARE_OEMBED = re.compile(r"<oembed>[^<]*</oembed>")
# \s already matches a no-break space: naming it again made the pattern
# backtrack exponentially on "<p>" and many no-break spaces.
_TRAILING_EMPTY_PARAGRAPHS = re.compile(r"(?:\s*<p>(?:\s|&nbsp;|<br>)*</p>)+\s*$")
# A library photo's image anywhere in a body: its src names the photo's key.
_RENDITION_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*/renditions/([0-9a-f]{32})/[^"]*)(")')
# An editor upload's URL names its photo: .../renditions/<photo key>/<file>
RENDITION_IMG = re.compile(r'<img src="[^"]*/renditions/([0-9a-f]{32})/[^"]*"[^>]*>')


def _media_prefix():
    """Where our uploads are served from: MEDIA_URL, or the object-storage bucket."""
    return default_storage.url("_").removesuffix("_")


def _own_images_only(tag, attribute, value):
    if tag == "img" and attribute == "src" and not value.startswith(_media_prefix()):
        return None  # hotlinked images leak readers' addresses and break
    return value


def _nh3(html):
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes={"figure": {"image", "media"}},
        url_schemes=URL_SCHEMES,
        attribute_filter=_own_images_only,
        link_rel="noopener",
    )


def clean_html(html):
    """The body as readers may see it: an allowlist of tags, attributes and URLs.

    Embeds are reduced to a provider and an id, and the result is cleaned
    once more, so an embed pasted where no figure may stand still leaves
    balanced HTML. Character references nh3 decodes back into control
    characters are dropped after it."""
    cleaned = _OEMBED.sub(_known_embed_only, _nh3(html or ""))
    cleaned = _nh3(_BARE_OEMBED.sub("", cleaned))
    return strip_control_characters(_IMG_WITHOUT_SRC.sub("", cleaned)).strip()


def as_printed(article, photos_by_key):
    """The (already cleaned) body as the paper prints it, for the page and the
    feed alike: opened by the dateline, closed by the authors' initials at
    the end of the last paragraph (not after the empty paragraphs an editor
    leaves), its library images at their photos' current files."""
    body = _TRAILING_EMPTY_PARAGRAPHS.sub("", article.body.strip())
    body = current_image_urls(body, photos_by_key)
    opening = format_html('<strong class="dateline">{}</strong> - ', article.dateline)
    if body.startswith("<p>"):
        body = format_html("<p>{}{}", opening, mark_safe(body[3:]))
    else:
        body = format_html("<p>{}</p>{}", opening, mark_safe(body))
    signoff = format_html('<span class="signoff">({})</span>', article.signoff())
    if body.endswith("</p>"):
        return format_html("{} {}</p>", mark_safe(body[: -len("</p>")]), signoff)
    return format_html('{}<p class="signoff-line">{}</p>', mark_safe(body), signoff)


def current_image_urls(html, photos_by_key):
    """Point every library image in a body at its photo's current full-shape
    file: a photo rebuilt, re-cropped or replaced since the body was written
    keeps its key, not its file names."""

    def current(match):
        photo = photos_by_key.get(match.group(3))
        if photo is None:
            return match.group(0)
        url = escape(photos.rendition_url(photo, "article"))
        return f"{match.group(1)}{url}{match.group(4)}"

    return _RENDITION_SRC.sub(current, html)


def _known_embed_only(match):
    """An embed of an allowed provider, its URL written again from the id; any
    other pasted link stays as a plain link, so no word is lost."""
    url = unescape(match.group(1))
    embed = embeds.parse(url)
    if embed is not None:
        return f'<figure class="media"><oembed url="{escape(embed.page_url)}"></oembed></figure>'
    if re.match(r"https?://", url, re.I):
        return f'<p><a href="{escape(url)}" rel="noopener">{escape(url)}</a></p>'
    return ""


def sponsored_links(html):
    """`html` with every link that leaves the site marked rel="sponsored
    noopener": an advertorial's links are paid, and say so to readers and
    search engines (Google asks for it).

    The tags are parsed, not matched: `Https://…`, `//host/…`, a backslash
    that browsers read as a slash, and an attribute before `href` are all
    links out. Everything else in `html` is left byte for byte as it was.
    """
    parser = _SponsoredLinks()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def leaves_the_site(href):
    """Whether a link's address takes the reader to another host, read as a
    browser reads it (spaces around it dropped, backslashes as slashes)."""
    url = re.sub(r"[\t\n\r]", "", href.strip()).replace("\\", "/")
    try:
        parts = urlsplit(url)
    except ValueError:
        return True  # a browser may still follow it: treat it as a link out
    if parts.scheme.lower() not in ("", "http", "https"):
        return False  # mailto:, tel:: not a site
    if not parts.netloc:
        return bool(parts.scheme)  # "https:host/…" goes out too; "/berita/…" stays
    return parts.hostname != urlsplit(settings.SITE_URL).hostname


class _SponsoredLinks(HTMLParser):
    """Copies the HTML it is fed, rewriting only the start tags of links out."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs) or self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs, close=True) or self.get_starttag_text())

    def _tag(self, tag, attrs, close=False):
        href = dict(attrs).get("href")
        if tag != "a" or href is None or not leaves_the_site(href):
            return None
        rel = next((value or "" for name, value in attrs if name == "rel"), "").split()
        rel = " ".join(dict.fromkeys(["sponsored", *rel, "noopener"]))
        kept = [(name, value) for name, value in attrs if name != "rel"]
        written = "".join(
            f' {name}="{escape_attribute(value or "")}"' for name, value in [*kept, ("rel", rel)]
        )
        return f"<a{written}{' /' if close else ''}>"

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def embeds_in(html):
    """The embeds an (already cleaned) body holds, in order, with their markup:
    [(markup, Embed)]."""
    return [
        (match.group(0), embed)
        for match in _OEMBED.finditer(html)
        if (embed := embeds.parse(unescape(match.group(1)))) is not None
    ]


def plain_text(html):
    """The words of a body, without markup, on one line.

    Block boundaries become spaces first: "aman.</p><p>Tim" must read
    "aman. Tim", or excerpts glue the words and PostgreSQL indexes
    "aman.tim" as one token that nobody can find.
    """
    spaced = _BLOCK_BOUNDARY.sub(" ", html or "")
    return " ".join(unescape(strip_tags(spaced)).split())


def strip_control_characters(value):
    """Text pasted from word processors and chat apps can carry control
    characters (vertical tabs, backspaces, NUL). They are invisible, but XML
    forbids them: one in a title or tag would break every feed and sitemap."""
    return _CONTROL_CHARACTERS.sub("", value)


def ascii_tag_slug(name, slug):
    """Tags are named freely ("Café", "中文", "!!!") and their slugs become
    URLs: `slug` if it is plain ASCII, else a stable one made from the name."""
    if _ASCII_SLUG.fullmatch(slug or ""):
        return slug
    return f"tag-{hashlib.sha1(name.encode()).hexdigest()[:10]}"


def photo_keys(html):
    """The keys of the library photos an (already cleaned) body shows."""
    return set(RENDITION_IMG.findall(html))


def images_without_alt(html):
    """How many images in an (already cleaned) body have no alternative text."""
    return sum(1 for tag in re.findall(r"<img[^>]*>", html) if not re.search(r'alt="[^"]+"', tag))


def tags_from_string(text):
    """The tags typed in the form, split on commas only (TAGGIT_TAGS_FROM_STRING).

    A newsroom's tags have spaces ("Banjir Bandang", "Pilkada Blitar");
    django-taggit's own parser splits a string without commas at every
    space, turning one tag into two behind the writer's back.
    """
    names = {}
    for name in (text or "").replace("\n", ",").split(","):
        name = " ".join(name.split()).strip('"')
        if name:
            names.setdefault(name.lower(), name)
    return sorted(names.values(), key=str.lower)


def string_from_tags(tags):
    """The tags as the form shows them: names joined by commas (TAGGIT_STRING_FROM_TAGS)."""
    return ", ".join(sorted((tag.name for tag in tags), key=str.lower))
