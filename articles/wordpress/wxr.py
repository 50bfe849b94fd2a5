"""Reading a WordPress export (WXR, the file Tools → Export writes), as a
stream: an export of a big site is hundreds of megabytes, so each element
is handed over as soon as it is read and then dropped from memory.

`read(path)` yields, in the file's order: the `Site` (its address, once the
WXR version is known to be one we read), each `Author`, each `Term`
(categories and tags) and each `Item` (posts, pages, attachments). A file
that is not XML, is cut short, or has a WXR version we do not know raises
`ExportError` naming the line, after yielding everything read before it.

The standard library's expat parser does not fetch external entities and
refuses nested entity expansion beyond its limits ("billion laughs").
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree

SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
_WP = "http://wordpress.org/export/"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"


class ExportError(Exception):
    """The export cannot be read on from here; `line` is where (or None)."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Site:
    url: str  # wp:base_site_url, e.g. https://suarapagi.example
    version: str


@dataclass(frozen=True)
class Author:
    login: str
    display_name: str
    email: str = ""


@dataclass(frozen=True)
class Term:
    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str
    parent: str = ""  # the parent's slug
    description: str = ""


@dataclass
class Item:
    post_id: int
    post_type: str  # post, page, attachment, nav_menu_item, …
    status: str  # publish, future, draft, pending, private, trash, inherit
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date_gmt: datetime | None = None
    modified_gmt: datetime | None = None
    local_date: str = ""  # wp:post_date, the site's own clock
    slug: str = ""
    parent: int = 0
    categories: list = field(default_factory=list)  # [(taxonomy, slug, name)]
    meta: dict = field(default_factory=dict)
    comments: int = 0
    attachment_url: str = ""


def _name(tag):
    """("wp", "post_id") for "{http://wordpress.org/export/1.2/}post_id"."""
    if tag.startswith("{" + _WP):
        space, local = tag[1:].split("}", 1)
        return ("excerpt" if space.endswith("/excerpt/") else "wp"), local
    if tag.startswith(_CONTENT):
        return "content", tag[len(_CONTENT) :]
    if tag.startswith(_DC):
        return "dc", tag[len(_DC) :]
    return "", tag


def _text(element, *path):
    for part in path:
        element = next((c for c in element if _name(c.tag)[1] == part), None)
        if element is None:
            return ""
    return (element.text or "").strip() if path[-1] != "encoded" else (element.text or "")


def _time(value):
    """A wp:*_gmt value as an aware UTC time; WordPress writes zeros for none."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _int(value):
    value = (value or "").strip()
    return int(value) if value.isdecimal() else 0


def _item(element):
    item = Item(post_id=0, post_type="", status="")
    for child in element:
        space, local = _name(child.tag)
        text = child.text or ""
        if space == "" and local == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), text.strip())
            )
        elif space == "" and local in ("title", "link", "guid"):
            setattr(item, local, text.strip())
        elif space == "dc" and local == "creator":
            item.creator = text.strip()
        elif space == "content" and local == "encoded":
            item.content = text
        elif space == "excerpt" and local == "encoded":
            item.excerpt = text
        elif space == "wp":
            if local == "post_id":
                item.post_id = _int(text)
            elif local == "post_type":
                item.post_type = text.strip()
            elif local == "status":
                item.status = text.strip()
            elif local == "post_name":
                item.slug = text.strip()
            elif local == "post_parent":
                item.parent = _int(text)
            elif local == "post_date":
                item.local_date = text.strip()
            elif local == "post_date_gmt":
                item.date_gmt = _time(text)
            elif local == "post_modified_gmt":
                item.modified_gmt = _time(text)
            elif local == "attachment_url":
                item.attachment_url = text.strip()
            elif local == "postmeta":
                item.meta[_text(child, "meta_key")] = _text(child, "meta_value")
            elif local == "comment":
                item.comments += 1
    return item


def read(path):
    """Yield the export's `Site`, `Author`s, `Term`s and `Item`s in order."""
    version = None
    site_url = ""
    depth = 0
    try:
        events = ElementTree.iterparse(path, events=("start", "end"))
        root = None
        for event, element in events:
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                continue
            depth -= 1
            space, local = _name(element.tag)
            if space == "wp" and local == "wxr_version":
                version = (element.text or "").strip()
                if version not in SUPPORTED_VERSIONS:
                    raise ExportError(
                        f"WXR version {version!r} is not one this importer reads "
                        f"({', '.join(SUPPORTED_VERSIONS)})"
                    )
            elif space == "wp" and local == "base_site_url":
                site_url = (element.text or "").strip().rstrip("/")
                yield Site(url=site_url, version=version or "")
            elif depth == 2 and space == "wp" and local == "author":
                yield Author(
                    login=_text(element, "author_login"),
                    display_name=_text(element, "author_display_name")
                    or _text(element, "author_login"),
                    email=_text(element, "author_email"),
                )
            elif depth == 2 and space == "wp" and local in ("category", "tag"):
                prefix = "category" if local == "category" else "tag"
                yield Term(
                    taxonomy="category" if local == "category" else "post_tag",
                    slug=_text(
                        element, f"{prefix}_nicename" if prefix == "category" else "tag_slug"
                    ),
                    name=_text(element, "cat_name" if prefix == "category" else "tag_name"),
                    parent=_text(element, "category_parent") if prefix == "category" else "",
                    description=_text(element, f"{prefix}_description"),
                )
            elif depth == 2 and space == "" and local == "item":
                if version is None:
                    raise ExportError("no wp:wxr_version before the first item: not a WXR file")
                yield _item(element)
            if depth == 2 and root is not None:
                # Done with this child of <channel>: let it go.
                for channel in root:
                    channel.clear()
    except ElementTree.ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise ExportError(f"the export is not well-formed XML: {error}", line) from None
    if version is None:
        raise ExportError("no wp:wxr_version: not a WordPress export")
