"""The entries of a live story ("liputan langsung")."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import caching, richtext, workflow
from ..models import Article, LiveEntry
from .base import NotAllowed, Refused, Status, _after_commit, _check_times, _lock

LIVE_ENTRY_SLACK = timedelta(minutes=5)  # clocks of phones in the field run ahead


@transaction.atomic
def live_entry_save(*, entry, by):
    """Add or edit an entry of a live story; readers' pages show it at once.

    The story's text and revision stay as they are (an editor may have its
    form open), but its modification time moves: "terakhir diperbarui",
    dateModified and the feed follow.
    """
    article = _lock(entry.article) if entry.article_id is not None else None
    if not workflow.is_editor(by):
        raise NotAllowed(_("Hanya redaktur yang dapat menulis pembaruan langsung."))
    if article is None:
        raise Refused(_("Pilih liputan langsungnya."), field="article")
    if not workflow.decides_on(by, article):
        raise NotAllowed(_("Berita ini di luar wilayah biro Anda."))
    if entry.pk is not None:
        before = LiveEntry.objects.select_for_update().filter(pk=entry.pk)
        if before.values_list("article_id", flat=True).first() not in (None, article.pk):
            raise Refused(_("Pembaruan tidak dapat dipindah ke liputan lain."), field="article")
    if article.kind != Article.Kind.LIVE:
        raise Refused(_("Berita ini bukan liputan langsung."), field="article")
    if article.status == Status.WITHDRAWN:
        raise Refused(_("Berita ini sudah dicabut."), field="article")
    entry.headline = richtext.strip_control_characters(entry.headline or "").strip()
    entry.text = richtext.strip_control_characters(entry.text or "").strip()
    if not entry.text:
        raise Refused(_("Tulis isi pembaruan."), field="text")
    _check_times(at=entry.at)
    if entry.at is None:
        entry.at = timezone.now()
    elif entry.at > timezone.now() + LIVE_ENTRY_SLACK:
        raise Refused(_("Waktu pembaruan tidak boleh di masa mendatang."), field="at")
    if entry.pk is None:
        entry.by = by
    entry.save()
    _revise_and_purge(article)
    return entry


@transaction.atomic
def live_entry_delete(*, entry, by):
    article = _lock(entry.article)
    if not workflow.decides_on(by, article):
        raise NotAllowed(_("Hanya redaktur wilayah berita ini yang dapat menghapus pembaruannya."))
    entry.delete()
    _revise_and_purge(article)


def _revise_and_purge(article):
    """A live story's entries changed: its modification time moves (when
    readers see it), and its pages are purged once the change commits."""
    if article.is_public_now:
        article.revised_at = timezone.now()
        article.save(update_fields=["revised_at", "updated_at"])
    _after_commit(purge=caching.keys_live_entries_changed(article))
