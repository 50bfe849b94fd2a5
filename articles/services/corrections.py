"""Corrections and rights of reply, published with a live story."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import caching, richtext, workflow
from ..models import Correction
from .base import NotAllowed, Refused, _after_commit, _lock, _record_version, _write


@transaction.atomic
def correction_add(*, article, by, kind, text):
    """Publish a correction or right of reply with a live story.

    The story's text is not rewritten: the correction is shown with it, its
    modification time moves (dateModified, the feed's updated), and its
    history records a version noting the correction.
    """
    current = _lock(article)
    if not workflow.decides_on(by, current):
        raise NotAllowed(_("Hanya redaktur yang dapat menambahkan ralat atau hak jawab."))
    if not current.is_public_now:
        raise Refused(_("Ralat dan hak jawab hanya untuk berita yang sedang terbit."))
    if kind not in Correction.Kind.values:
        raise Refused(_("Pilih jenis: ralat atau hak jawab."), field="kind")
    text = richtext.strip_control_characters(text or "").strip()
    if not text:
        raise Refused(_("Tulis isi ralat atau hak jawab."), field="text")
    correction = Correction.objects.create(article=current, kind=kind, text=text, by=by)
    current.revised_at = correction.at
    current.correction_count += 1
    _write(current, ["revised_at", "correction_count"])
    label = Correction.Kind(kind).label
    _record_version(current, by=by, note=f"{label}: {text}"[:200])
    _after_commit(purge=caching.keys_correction_added(current))
    return correction
