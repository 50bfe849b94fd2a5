"""A WordPress post's `content:encoded` as this project's body HTML.

WordPress stores a post's text raw and dresses it on every page view: the
`the_content` filters expand `[embed]` and URLs alone on a line into
players, drop the block editor's comments, wrap classic text in paragraphs
(`wpautop`) and expand `[caption]` and the other shortcodes. An export
holds the raw text, so `convert` does that dressing once, the way this
project stores a body: pictures as `<figure class="image">` of a library
photo (made by the `image` callable the importer passes), embeds as
CKEditor's `<figure class="media"><oembed url>`, shortcodes nobody here
understands kept as text (and counted, so the report can name them).

It is pure: no database, no files, no network. Everything it needs from
outside (which photo a picture becomes) comes through `image`.

Bodies come from years of pasting, so none of it may trust the markup to be
well formed, and one post may be megabytes long: the text is scanned with
patterns that cannot backtrack over it (each looks no further than the next
`<` or `[`), closing tags and shortcodes are paired by position, and the
result goes through `richtext.clean_html`, whose HTML5 parser balances what
is left.
"""

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from html import escape, unescape

from .. import embeds
from ..richtext import clean_html

# --- Credits -----------------------------------------------------------------

# A name in a credit: capitalised words ("Budi", "Santoso", "O'Neil") or initials ("M.").
_NAME_WORD = r"(?:[A-Z][a-z][\w'\u2019.-]*|[A-Z]\.|[A-Z](?=[ \t]+[A-Z]))"
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}}"
_EDITOR = r"(?:/[a-z]{2,4})?"  # "ANTARA FOTO/Budi/foc": the desk editor's initials
# "SP/Rahmat", "KJ/Budi Santoso": one agency or paper code in capitals.
_AGENCY_CREDIT = rf"[A-Z]{{2,12}}/{_NAME}{_EDITOR}"
# "ANTARA FOTO/Budi": two words of capitals, only taken after a sentence ends,
# or "Kantor DPRD SP/Rahmat" would lose "DPRD".
_LONG_AGENCY_CREDIT = rf"[A-Z]{{2,12}}[ \t][A-Z]{{2,12}}/{_NAME}{_EDITOR}"
_LABELLED = r"(?:Foto|FOTO|Photo|PHOTO|Kredit|Credit)[ \t]*:[ \t]*(?P<who>[^<>():\n]{1,60}?)"
_DOCUMENTATION = r"(?:Dok\.|Dok:|DOK\.|Dokumentasi:?)[ \t]*[^\s<>()][^<>()\n]{0,50}?"
_END = r"[ \t.]*\Z"
_CREDITS = [
    # "(Foto: ANTARA/Budi)", "(SP/Budi)", "(Dok. Humas)" in brackets at the end.
    re.compile(
        rf"(?:^|(?<=\s))\([ \t]*(?:{_LABELLED}|(?P<credit>{_LONG_AGENCY_CREDIT}|"
        rf"{_AGENCY_CREDIT}|{_DOCUMENTATION}))[ \t]*\){_END}"
    ),
    re.compile(
        rf"(?:^|(?<=[.!?)])[ \t]+|[ \t]+[-\u2013\u2014|][ \t]*)"
        rf"(?P<credit>{_LONG_AGENCY_CREDIT}){_END}"
    ),
    re.compile(rf"(?:^|(?<=\s))(?P<credit>{_AGENCY_CREDIT}){_END}"),
    re.compile(rf"(?:^|(?<=\s)){_LABELLED}{_END}"),
    re.compile(rf"(?:^|(?<=\s))(?P<credit>{_DOCUMENTATION}){_END}"),
]
_CREDIT_TAIL = 300  # a credit is short: only the caption's end is searched
_CAPTION_TRAILER = " \t\n\xa0-\u2013\u2014|,;:/"  # spaces, dashes, bars, commas…


def split_credit(caption):
    """(caption, credit): a press-style credit at the end of a photo caption
    ("… sungai. SP/Budi", "… (Foto: ANTARA/Budi)", "… Dok. Humas Pemkab")
    taken off it; ("caption", "") when it has none.

    Newspapers write the photographer into the caption; this project keeps
    the credit as the photo's own field and shows it from there. Only
    forms that cannot be ordinary words are taken: a code in capitals and a
    slash before a capitalised name, or a "Foto:" / "Dok." label.
    """
    caption = (caption or "").strip()
    cut = max(len(caption) - _CREDIT_TAIL, 0)
    # A letter before a cut tail, so that "^" only means the caption's real start.
    tail = ("x" if cut else "") + caption[cut:]
    offset = cut - (1 if cut else 0)
    for pattern in _CREDITS:
        match = pattern.search(tail)
        if match is None:
            continue
        found = match.groupdict()
        credit = found.get("who") or found.get("credit") or ""
        credit = " ".join(credit.split()).rstrip(" .,;")
        if not credit:
            continue
        rest = caption[: offset + match.start()].rstrip(_CAPTION_TRAILER)
        return rest, credit
    return caption, ""


# --- Converting a body -------------------------------------------------------


@dataclass
class Converted:
    """A converted body, and what the importer's report says about it."""

    html: str
    unknown_shortcodes: Counter = field(default_factory=Counter)
    embeds: int = 0
    images: int = 0  # pictures handed to `image`
    dropped_images: list = field(default_factory=list)  # their src, when `image` had no file


def convert(content, *, image):
    """`content` (a post's `content:encoded`) as body HTML, cleaned as the
    service stores it.

    `image(src, *, attachment_id, caption, credit, alt)` gives the address of
    the library photo a picture becomes, or None when there is no file for it
    (hot-linked from another site, missing from the uploads copy): that
    picture is left out and its src listed in `dropped_images`.
    """
    return _Converter(image).convert(content or "")


# Everything that stands alone between paragraphs is held aside while the text
# is worked on, and stands in it as NUL, its number, NUL (NULs are taken out
# of the input first): nothing later can match inside it.
_HELD = re.compile(r"\x00(\d+)\x00")

_ATTRIBUTE = re.compile(r"""([^\s"'<>/=\]]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`\]]+)))?""")
_LONGEST_ATTRIBUTES = 20_000  # beyond that it is not a tag anybody wrote

# [name attributes], [name /], [/name]: a name of lowercase letters, digits, - and _.
_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)(\s[^\[\]]*|/)?\]")
_CLOSING = {
    "caption": re.compile(r"\[/(?:wp_)?caption\]"),
    "embed": re.compile(r"\[/embed\]"),
}
_CLOSING["wp_caption"] = _CLOSING["caption"]

# An image, or an image that is all of a link (WordPress links pictures to their file).
_IMAGE = re.compile(r"<a\b[^<>]*>\s*<img\b([^<>]*)>\s*</a\s*>|<img\b([^<>]*)>", re.I)
_WP_IMAGE_ID = re.compile(r"\bwp-image-(\d+)\b")
_ATTACHMENT_ID = re.compile(r"^attachment_(\d+)$")
_FIGURE_OPEN = re.compile(r"<figure\b([^<>]*)>", re.I)
_FIGURE_CLOSE = re.compile(r"</figure\s*>", re.I)
_FIGCAPTION_OPEN = re.compile(r"<figcaption\b[^<>]*>", re.I)
_FIGCAPTION_CLOSE = re.compile(r"</figcaption\s*>", re.I)
_ANY_TAG = re.compile(r"<[^<>]*>")

# WordPress's auto-embed: a URL alone on its line, or alone in a paragraph.
_URL = r"https?://[^\s<>\"\[\]]+"
_URL_LINE = re.compile(rf"^[ \t]*({_URL})[ \t]*$", re.M | re.I)
_URL_PARAGRAPH = re.compile(rf"<p(?:\s[^<>]*)?>[ \t\n]*({_URL})[ \t\n]*</p\s*>", re.I)
_LONE_URL = re.compile(rf"{_URL}\Z", re.I)

_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.I)
# A paragraph or heading left empty (by a picture taken out of it, or as written).
# (\s covers U+00A0: naming it again would let a run of them backtrack exponentially.)
_EMPTY_PARAGRAPH = re.compile(r"<(p|h[1-6])(?:\s[^<>]*)?>(?:\s|&nbsp;|<br\s*/?>)*</\1>", re.I)


class _Converter:
    def __init__(self, image):
        self.image = image
        self.held = []
        self.result = Converted(html="")

    def convert(self, content):
        text = content.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
        blocks = "<!-- wp:" in text  # WordPress's own has_blocks()
        text = _without_comments(text)
        text = self.shortcodes(text)
        text = self.editor_figures(text)
        text = _IMAGE.sub(self.image_tag, text)
        text = _URL_PARAGRAPH.sub(self.lone_url, text)
        text = _URL_LINE.sub(self.lone_url, text)
        if not blocks:
            text = _DOUBLE_BR.sub("\n\n", text)
        text = _Paragraphs(text, autop=not blocks).html()
        text = _HELD.sub(lambda match: self.held[int(match.group(1))], text)
        text = _EMPTY_PARAGRAPH.sub("", text)
        self.result.html = _EMPTY_PARAGRAPH.sub("", clean_html(text))
        return self.result

    def hold(self, html):
        """`html` set aside as a block of its own; its stand-in goes in the text."""
        self.held.append(html)
        return f"\x00{len(self.held) - 1}\x00"

    # Shortcodes: [caption], [embed], the rest kept as text ----------------

    def shortcodes(self, text):
        closings = {name: _Positions(pattern, text) for name, pattern in _CLOSING.items()}
        out, position = [], 0
        for match in _SHORTCODE.finditer(text):
            start, end = match.span()
            if start < position or match.group(1):
                continue  # inside one already expanded, or a closing tag kept as text
            name = match.group(2)
            if text[start - 1 : start] == "[" and text[end : end + 1] == "]":
                # [[name]]: WordPress's way of writing a shortcode as text.
                out.append(text[position : start - 1])
                out.append(match.group(0))
                position = end + 1
                continue
            closing = closings[name].after(end) if name in closings else None
            if closing is None:
                self.result.unknown_shortcodes[name] += 1
                continue
            inner = text[end : closing[0]]
            attributes = _attributes(match.group(3) or "")
            if name == "embed":
                replacement = self.embed(_text(inner), keep=inner)
            else:
                replacement = self.caption(attributes, inner)
            out.append(text[position:start])
            out.append(replacement)
            position = closing[1]
        out.append(text[position:])
        return "".join(out)

    def caption(self, attributes, inner):
        """[caption id="attachment_9" …]<img …> Caption. SP/Budi[/caption]"""
        found = _IMAGE.search(inner)
        if found is None:
            return inner
        caption = attributes.get("caption") or inner[found.end() :]
        number = _ATTACHMENT_ID.match(attributes.get("id", "").strip())
        return self.picture(
            _img_attributes(found),
            caption=caption,
            attachment_id=int(number.group(1)) if number else None,
        )

    # The block editor's figures --------------------------------------------

    def editor_figures(self, text):
        """Image and embed blocks: <figure class="wp-block-image …"> and
        <figure class="wp-block-embed …"><div class="wp-block-embed__wrapper">URL</div>."""
        if "wp-block-" not in text:
            return text
        closings = _Positions(_FIGURE_CLOSE, text)
        out, position = [], 0
        for match in _FIGURE_OPEN.finditer(text):
            if match.start() < position:
                continue
            classes = _attributes(match.group(1)).get("class", "").split()
            if "wp-block-image" not in classes and "wp-block-embed" not in classes:
                continue
            closing = closings.after(match.end())
            if closing is None:
                continue
            inner = text[match.end() : closing[0]]
            body, caption = _figcaption(inner)
            if "wp-block-image" in classes:
                found = _IMAGE.search(body)
                if found is None:
                    continue  # left for the paragraphs, unwrapped there
                replacement = self.picture(_img_attributes(found), caption=caption)
            else:
                replacement = self.embed(_text(body), keep=body)
                if caption.strip():
                    replacement += self.hold(f"<p>{caption.strip()}</p>")
            out.append(text[position : match.start()])
            out.append(replacement)
            position = closing[1]
        out.append(text[position:])
        return "".join(out)

    # Pictures and embeds -----------------------------------------------------

    def image_tag(self, match):
        return self.picture(_img_attributes(match))

    def picture(self, img_attributes, *, caption="", attachment_id=None):
        """A library photo's figure for an <img>, or nothing if there is no file for it."""
        attributes = _attributes(img_attributes)
        src = attributes.get("src", "").strip()
        if not src:
            return ""
        if attachment_id is None:
            number = _WP_IMAGE_ID.search(attributes.get("class", ""))
            attachment_id = int(number.group(1)) if number else None
        caption, credit = split_credit(caption.strip())
        alt = " ".join(attributes.get("alt", "").split())
        self.result.images += 1
        url = self.image(
            src,
            attachment_id=attachment_id,
            caption=_text(caption),
            credit=_text(credit),
            alt=alt,
        )
        if url is None:
            self.result.dropped_images.append(src)
            return ""
        figcaption = f"<figcaption>{caption}</figcaption>" if _text(caption) else ""
        return self.hold(
            f'<figure class="image"><img src="{escape(url)}" alt="{escape(alt)}">'
            f"{figcaption}</figure>"
        )

    def lone_url(self, match):
        return self.embed(unescape(match.group(1)), keep=match.group(0))

    def embed(self, url, *, keep):
        """The project's embed for a provider's URL, a link paragraph for any
        other web address, or `keep` (the text as it was) for anything else."""
        url = url.strip()
        found = embeds.parse(url)
        if found is not None:
            self.result.embeds += 1
            return self.hold(
                f'<figure class="media"><oembed url="{escape(found.page_url)}"></oembed></figure>'
            )
        if _LONE_URL.match(url):
            return self.hold(f'<p><a href="{escape(url)}">{escape(url)}</a></p>')
        return keep


# --- wpautop -------------------------------------------------------------------

# wpautop's $allblocks, and `main`.
_BLOCKS = frozenset({
    "table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th", "div",
    "dl", "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area", "blockquote", "address",
    "math", "style", "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "fieldset", "legend",
    "section", "article", "aside", "hgroup", "header", "footer", "nav", "figure", "figcaption",
    "details", "menu", "summary", "main",
})  # fmt: skip
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})  # fmt: skip
# Text directly inside these (or outside any block) is made into paragraphs. The
# project keeps no tables or definition lists: a cell's words become a paragraph.
_PARAGRAPH_HOLDERS = frozenset({
    "div", "blockquote", "section", "article", "aside", "header", "footer", "nav", "form",
    "address", "fieldset", "details", "main", "hgroup", "td", "th", "caption", "dt", "dd",
    "legend", "summary",
})  # fmt: skip
# A figure cannot stand inside these: they are closed around it and opened again after.
# (<pre> becomes a paragraph: the project keeps no <pre>, but keeps its lines.)
_PHRASING_BLOCKS = frozenset({"p", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})
_SCRIPTS = frozenset({"script", "style"})  # clean_html drops them and all they hold
# Browsers' parsers, nh3's among them, take time growing with the square of
# how deep elements nest; no story nests a hundred deep.
_DEEPEST = 100
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>|\x00\d+\x00")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


class _Paragraphs:
    """The essentials of WordPress's wpautop(), over tags and text in one pass.

    Text between blank lines, outside blocks or directly inside a div or
    quote, becomes a <p>; a single newline in text becomes <br>; blocks are
    never wrapped. With `autop` off (block editor posts, whose text is
    already in paragraphs) only loose text outside any block is wrapped.
    Either way a held figure is never left inside a paragraph, heading or
    inline element, the editor's figures that were not pictures or embeds
    (tables, galleries) are unwrapped, closing tags of elements that were
    never opened are dropped, and nothing nests deeper than `_DEEPEST`.
    """

    def __init__(self, text, *, autop):
        self.text = text
        self.autop = autop
        self.out = []
        self.run = []  # text and inline tags since the last block boundary
        self.stack = []  # open elements: (name, start tag, is a block)
        self.unwrapped_figures = 0
        self.too_deep = 0  # start tags left out for nesting too deep

    def html(self):
        text = self.text
        script_closings = {}
        position = 0
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            if start < position:
                continue
            self.add_text(text[position:start])
            position = end
            closing, name, attributes = match.groups()
            if name is None:
                self.add_held(match.group(0))
                continue
            name = name.lower()
            tag = match.group(0).replace("\n", " ")
            if closing:
                self.end_tag(name, tag)
            elif name in _SCRIPTS:
                if name not in script_closings:
                    script_closings[name] = _Positions(re.compile(rf"</{name}\s*>", re.I), text)
                closing = script_closings[name].after(end)
                position = closing[1] if closing else position
            else:
                self.start_tag(name, tag, attributes)
        self.add_text(text[position:])
        self.close_down_to(0)
        self.flush()
        return "".join(self.out)

    def block(self):
        """The innermost open block's name, or None at the top."""
        for name, _tag, is_block in reversed(self.stack):
            if is_block:
                return name
        return None

    def add_text(self, text):
        if not text:
            return
        inside = self.block()
        if (self.autop or inside is None) and inside != "pre":
            parts = _BLANK_LINE.split(text)
            for part in parts[:-1]:
                self.run.append(part)
                if inside is None or inside in _PARAGRAPH_HOLDERS:
                    self.flush()
                elif inside == "p":  # a blank line inside <p>: a new paragraph
                    self.reopen(lambda: None, until="p")
                else:  # inside a list item, a cell…: a line break
                    self.run.append("<br>\n")
            text = parts[-1]
        self.run.append(text)

    def add_held(self, held):
        """A held figure or paragraph: never inside a paragraph, heading or inline element."""
        if not any(name in _PHRASING_BLOCKS or not is_block for name, _t, is_block in self.stack):
            self.flush()
            self.out.append(held)
            return
        self.reopen(lambda: self.out.append(held))

    def reopen(self, between, until=None):
        """Close the inline elements and paragraph-like blocks open at the top of
        the stack (up to `until`, or the first other block), call `between`,
        and open them again."""
        index = len(self.stack)
        while index:
            name, _tag, is_block = self.stack[index - 1]
            if is_block and name not in _PHRASING_BLOCKS:
                break
            index -= 1
            if name == until:
                break
        closed = self.stack[index:]
        self.close_down_to(index)
        self.flush()
        between()
        for name, tag, is_block in closed:
            (self.out if is_block else self.run).append(tag)
            self.stack.append((name, tag, is_block))

    def start_tag(self, name, tag, attributes):
        if name == "figure":
            self.flush()
            self.unwrapped_figures += 1  # the editor's table, gallery, audio…
            return
        if name == "figcaption":
            name, tag = "p", "<p>"
        elif name == "pre":
            tag = "<p>"
        opens = name not in _VOID and not attributes.rstrip().endswith("/")
        if opens and len(self.stack) >= _DEEPEST:
            self.too_deep += 1
            return
        if name not in _BLOCKS:
            self.run.append(tag)
        else:
            self.flush()
            self.close_implied(name)
            self.out.append(tag)
        if opens:
            self.stack.append((name, tag, name in _BLOCKS))

    def close_implied(self, name):
        """A block closes an open paragraph or heading (and what is open inside
        it), a list item the item before it, as browsers do; their own closing
        tags are then strays, dropped. The closing tags are written here, so
        that the parser's idea of what is open never runs away from ours."""
        for index in range(len(self.stack) - 1, -1, -1):
            open_name, _tag, is_block = self.stack[index]
            if not is_block:
                continue
            if open_name in _PHRASING_BLOCKS - {"pre"} or (
                name in ("li", "dt", "dd") and open_name == name
            ):
                self.close_down_to(index)
            return

    def end_tag(self, name, tag):
        if name == "figure" and self.unwrapped_figures:
            self.flush()
            self.unwrapped_figures -= 1
            return
        if name == "figcaption":
            name = "p"
        if self.too_deep:
            self.too_deep -= 1  # the innermost start tag left out was this one's
            return
        is_block = name in _BLOCKS
        for index in range(len(self.stack) - 1, -1, -1):
            open_name, _tag, open_is_block = self.stack[index]
            if open_name == name:
                break
            if open_is_block and not is_block:
                return  # an inline element's stray closing tag
        else:
            return  # nothing of that name is open
        self.close_down_to(index)

    def close_down_to(self, index):
        """Close the open elements from the top of the stack down to `index`,
        each with its closing tag."""
        while len(self.stack) > index:
            name, _tag, is_block = self.stack[-1]
            if is_block:
                self.flush()  # what was written inside it
                self.out.append(f"</{'p' if name == 'pre' else name}>")
            else:
                self.run.append(f"</{name}>")
            self.stack.pop()

    def flush(self):
        """The text since the last block boundary, as a paragraph where one belongs."""
        if not self.run:
            return
        run = "".join(self.run)
        self.run = []
        inside = self.block()
        if inside == "pre":
            self.out.append(run.strip("\n").replace("\n", "<br>\n"))
            return
        run = run.strip()
        if not run:
            return
        if self.autop and "\n" in run:
            run = _line_breaks(run)
        self.out.append(f"<p>{run}</p>" if inside is None or inside in _PARAGRAPH_HOLDERS else run)


def _line_breaks(text):
    """Each newline in `text` as a <br>, unless a <br> already ends the line."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1].rstrip()
        out[-1] = previous
        broken = previous.lower().endswith(("<br>", "<br/>", "<br />")) or not previous
        out.append(("\n" if broken else "<br>\n") + line.lstrip())
    return "".join(out)


# --- Helpers ---------------------------------------------------------------------


class _Positions:
    """Where `pattern` next matches in `text` after a position, found in one scan
    (an unclosed tag or shortcode costs a lookup, not a search to the end)."""

    def __init__(self, pattern, text):
        self.spans = [match.span() for match in pattern.finditer(text)]
        self.starts = [start for start, _end in self.spans]

    def after(self, position):
        index = bisect_left(self.starts, position)
        return self.spans[index] if index < len(self.spans) else None


def _without_comments(text):
    """`text` without HTML comments: the block editor's `<!-- wp:… -->`,
    `<!--more-->`, `<!--nextpage-->` and any other. An unclosed `<!--` is
    kept as text rather than hiding the rest of the post."""
    out, position = [], 0
    while True:
        start = text.find("<!--", position)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[position:start])
        position = end + 3
    out.append(text[position:].replace("<!--", "&lt;!--"))
    return "".join(out)


def _attributes(text):
    """A tag's or shortcode's attributes, names lower-cased, values unescaped."""
    if len(text) > _LONGEST_ATTRIBUTES:
        return {}
    attributes = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) or match.group(3) or match.group(4) or ""
        attributes.setdefault(match.group(1).lower(), unescape(value))
    return attributes


def _img_attributes(match):
    """The attributes' text of an `_IMAGE` match, linked or not."""
    return match.group(1) if match.group(1) is not None else match.group(2)


def _figcaption(inner):
    """(the figure's content before its <figcaption>, the caption's HTML)."""
    opening = _FIGCAPTION_OPEN.search(inner)
    if opening is None:
        return inner, ""
    closing = _FIGCAPTION_CLOSE.search(inner, opening.end())
    caption = inner[opening.end() : closing.start() if closing else len(inner)]
    return inner[: opening.start()], caption


def _text(html):
    """The words of a bit of HTML, on one line."""
    return " ".join(unescape(_ANY_TAG.sub(" ", html)).split())
