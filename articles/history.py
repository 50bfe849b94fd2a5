"""Saved versions of an article's text: record, compare and restore.

Every save of an article's content keeps a numbered version with who and
when. Versions are never changed or deleted; restoring an old one saves it
again as the newest version.
"""

import difflib
import re
from html import unescape

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import workflow
from .models import ArticleVersion

COMPARED_FIELDS = [
    ("title", gettext_lazy("Judul")),
    ("summary", gettext_lazy("Ringkasan")),
    ("body", gettext_lazy("Isi")),
]


def record_version(*, article, by, note=""):
    last = article.versions.aggregate(last=Max("number"))["last"] or 0
    return ArticleVersion.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        summary=article.summary,
        body=article.body,
        by=by,
        note=note,
    )


@transaction.atomic
def save_edit(*, article, by, note=""):
    """Save `by`'s edit of `article` and keep it as a new version.

    An edit of a live article keeps it published and marks it revised, so
    the page shows when it was updated.
    """
    if not workflow.can_edit(by, article):
        raise workflow.NotAllowed(_("Anda tidak dapat menyunting artikel ini."))
    if article.is_live:
        article.revised_at = timezone.now()
    article.revision += 1
    article.save()
    return record_version(article=article, by=by, note=note)


@transaction.atomic
def restore(*, article, version, by):
    """Bring back an old version's text as the newest version."""
    article.title, article.summary, article.body = version.title, version.summary, version.body
    return save_edit(
        article=article,
        by=by,
        note=_("Dipulihkan dari versi %(number)s") % {"number": version.number},
    )


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
