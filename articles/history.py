"""Comparing saved versions of an article's text, word by word.

Every save of an article's content keeps a numbered version with who and
when (`articles.services.article_save`). Versions are never changed or
deleted; restoring an old one (`services.article_restore`) saves it again
as the newest version.
"""

import difflib
import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

COMPARED_FIELDS = [
    ("title", gettext_lazy("Judul")),
    ("summary", gettext_lazy("Ringkasan")),
    ("body", gettext_lazy("Isi")),
]


def _words(value, field):
    if field == "body":
        # One line per block, so the diff follows the paragraphs.
        value = re.sub(r"</(p|h\d|li|blockquote)>", "\n", value)
        value = unescape(strip_tags(value))
    return re.findall(r"\S+|\n", value)


def diff_html(old, new, field="title"):
    """`new` against `old`, word by word, with <del> and <ins> marks."""
    a, b = _words(old, field), _words(new, field)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{_join(a[i1:i2])}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{_join(b[j1:j2])}</ins>")
    return mark_safe(" ".join(out).replace("\n", "<br>"))


def _join(words):
    return escape(" ".join(words)).replace(" \n ", "\n")


def compare(old, new):
    """Rows of (label, html diff, changed) for two versions."""
    rows = []
    for field, label in COMPARED_FIELDS:
        before, after = getattr(old, field), getattr(new, field)
        rows.append((label, diff_html(before, after, field), before != after))
    return rows
