"""Two people on one story: who else has it open, and, when a save is
refused because someone saved first, what differs between their saved
version and this form, field by field, so the editor chooses.

A refused form keeps the revision it was opened at: pressing "Simpan" again
is refused again. Only the explicit "Simpan versi saya" button
(`KEEP_MINE`, carrying the revision shown) saves over the other's version;
"Ambil versi mereka" opens the saved story afresh; the editor's own text
stays in the form (and in a box to copy) until they choose.
"""

import difflib
import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

KEEP_MINE = "_keep_mine"  # the POST field of the "Simpan versi saya" button

COMPARED = [
    ("title", gettext_lazy("Judul")),
    ("summary", gettext_lazy("Ringkasan")),
    ("dateline_place", gettext_lazy("Tempat berita")),
    ("body", gettext_lazy("Isi")),
]


def differences(saved, typed):
    """[{label, saved, typed}] for each field where the saved article and the
    form differ; the body as a readable diff of its paragraphs."""
    found = []
    for name, label in COMPARED:
        theirs, mine = str(getattr(saved, name) or ""), str(typed.get(name) or "")
        if name == "body":
            theirs, mine = text_of(theirs), text_of(mine)
        if theirs.strip() == mine.strip():
            continue
        entry = {"name": name, "label": label, "saved": theirs, "typed": mine}
        if name == "body":
            entry["diff"] = _paragraph_diff(theirs, mine)
        found.append(entry)
    return found


def _paragraph_diff(theirs, mine):
    """The two bodies paragraph by paragraph: kept, only theirs (<del>), only
    yours (<ins>)."""
    lines = []
    for line in difflib.ndiff(_paragraphs(theirs), _paragraphs(mine)):
        tag, text = line[:2], escape(line[2:])
        if tag == "- ":
            lines.append(f'<del class="conflict-theirs">{text}</del>')
        elif tag == "+ ":
            lines.append(f'<ins class="conflict-mine">{text}</ins>')
        elif tag == "  ":
            lines.append(f"<span>{text}</span>")
    return mark_safe("\n".join(f"<p>{line}</p>" for line in lines))


def _paragraphs(text):
    return [p.strip() for p in text.split("\n") if p.strip()]


def text_of(html):
    """A body's text, a paragraph a line (headings, quotes and list items too)."""
    html = re.sub(r"(?i)</(p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>", "\n", html)
    return "\n".join(_paragraphs(unescape(strip_tags(html))))
