"""The photo library: uploads, new captions, crops and images, new sizes, deletion.

The images are made by `articles.photos`; their files are written and
deleted by `.storage`.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import caching, photos, richtext, workflow
from ..models import Photo
from .base import NotAllowed, Refused, StorageFailed, _after_commit
from .storage import (
    _cleanup_on_failure,
    _delete_after_commit,
    _delete_files,
    _files_of,
    _store,
    _write_renditions,
    stored_files,
)

UNCHANGED = object()  # a value a caller leaves as it is


@transaction.atomic
def photo_create(
    *,
    by,
    image=None,
    prepared=None,
    caption="",
    credit="",
    alt_text="",
    photographer=None,
    repeat_window=None,
    queue_priority=0,
):
    """Add an upload to the photo library: cleaned, rendered, stored, recorded.

    The image is processed in memory first; its files are written only when
    all of it succeeded, and removed again if writing or the row fails, so a
    refused upload leaves no row and no file behind. An importer passes
    `prepared` (`photos.prepare`, perhaps made in another process) in place
    of `image`: then every size is left to the task queue, behind a typed
    upload's when it gives a `queue_priority` below 0 (down to -100).

    With `repeat_window` (a timedelta), the same bytes sent again by the same
    user within it give back the photo the first upload made, not a second
    one: a double tap, or a phone resending after a lost answer.
    """
    if not workflow.can_upload_photo(by):
        raise NotAllowed(_("Akun Anda tidak boleh mengunggah foto."))
    repeat_key = None
    if repeat_window:
        # One user's uploads one after the other: a second tap waits here
        # until the first has committed, then finds it.
        get_user_model().objects.select_for_update().filter(pk=by.pk).first()
        repeat_key = _repeat_key(by, image)
        first = _earlier_upload(repeat_key, repeat_window)
        if first is not None:
            return first
    processed = prepared or _process(image)
    photo = Photo(width=processed.width, height=processed.height, photographer=photographer)
    _set_captions(photo, caption=caption, credit=credit, alt_text=alt_text)
    with _cleanup_on_failure() as written:
        _store(photo, processed, written)
        photo.save(force_insert=True)
    if repeat_key:
        # Kept before the commit, so the tap waiting on the lock finds it;
        # it is only a hint, checked against the rows (`_earlier_upload`).
        cache.set(repeat_key, photo.key, repeat_window.total_seconds())
    # The other sizes, after the response.
    complete_renditions.using(priority=queue_priority).enqueue(photo.pk)
    photo.refresh_from_db(fields=["renditions"])  # all of them, when the task ran at once
    return photo


def _repeat_key(by, image):
    digest = hashlib.sha256()
    for chunk in image.chunks():
        digest.update(chunk)
    image.seek(0)
    return f"photo-upload:{by.pk}:{digest.hexdigest()}"


def _earlier_upload(repeat_key, window):
    """The photo an upload of the same bytes by the same user made within
    `window`, if any. The cache only remembers which one (without it, or
    when it fails, a repeat makes a second photo as before); the row and its
    time decide."""
    key = cache.get(repeat_key)
    if not key:
        return None
    return Photo.objects.filter(key=key, created_at__gte=timezone.now() - window).first()


@transaction.atomic
def photo_update(
    *,
    photo,
    by,
    caption,
    credit,
    alt_text,
    photographer=UNCHANGED,
    focus=UNCHANGED,
    image=None,
):
    """Change a photo's texts (and its photographer and point of interest
    unless UNCHANGED), and replace its image when `image` is given.

    A new image (with its focus back in the centre unless one is given) or
    a new focus writes new files in a new batch folder under the photo's
    key, so story bodies that show the photo show the new files. Old files
    are deleted only after the change has committed, so pages never point
    at missing files.
    """
    current = Photo.objects.select_for_update().get(pk=photo.pk)
    if not workflow.can_edit_photo(by, current):
        raise NotAllowed(_("Foto ini dipakai artikel yang tidak dapat Anda sunting."))
    _set_captions(current, caption=caption, credit=credit, alt_text=alt_text)
    if photographer is not UNCHANGED:
        current.photographer = photographer
    old_focus = current.focus
    if image is not None and focus is UNCHANGED:
        focus = photos.CENTRE
    if focus is not UNCHANGED:
        current.focus_x, current.focus_y = (min(1.0, max(0.0, float(v))) for v in focus)
    old_files = []
    with _cleanup_on_failure() as written:
        if image is not None:
            processed = _process(image, focus=current.focus)
            old_files = _files_of(current)
            current.width, current.height = processed.width, processed.height
            _store(current, processed, written)
        elif current.focus != old_focus:
            old_files = _recrop(current, written)
        current.save()
    _delete_after_commit(old_files)
    _after_commit(purge=caching.keys_touched_by_photo(current))
    if image is not None:
        complete_renditions.enqueue(current.pk)  # the other sizes, after the response
        current.refresh_from_db(fields=["renditions"])
    return current


@transaction.atomic
def photo_rebuild(*, photo, by=None):
    """Render a photo's sizes again from its stored original (after `SPECS` change).

    `by` is None when an operator runs the command from the shell.
    """
    current = Photo.objects.select_for_update().get(pk=photo.pk)
    if by is not None and not workflow.is_editor(by):
        raise NotAllowed(_("Hanya redaktur yang dapat membuat ulang ukuran foto."))
    renditions, files = _render_original(current)
    old_files = _files_of(current, original=False)
    with _cleanup_on_failure() as written:
        # Same folder key: bodies that show the photo find it and show the new sizes.
        current.renditions = _write_renditions(current.key, renditions, files, written)
        current.save(update_fields=["renditions"])
    _delete_after_commit(old_files)
    _after_commit(purge=caching.keys_touched_by_photo(current))
    return current


@transaction.atomic
def photo_complete_renditions(*, photo):
    """Render the sizes an upload left for later (`photos.SPECS` missing from
    its record) into the photo's own folder: the URLs already in use stay."""
    current = Photo.objects.select_for_update().get(pk=photo.pk)
    missing = photos.missing(current.renditions)
    if not missing:
        return current
    renditions, files = _render_original(current, specs=missing)
    stand_ins = _files_of(current, original=False, specs=missing)  # an import's stand-in
    with _cleanup_on_failure() as written:
        added = _write_renditions(current.key, renditions, files, written)
        current.renditions = {**(current.renditions or {}), **added}
        current.save(update_fields=["renditions"])
    _delete_after_commit(stand_ins)
    _after_commit(purge=caching.keys_touched_by_photo(current))
    return current


@transaction.atomic
def photo_delete(*, photo, by=None):
    """Delete a photo nobody uses (`Photo.in_use`): the row now, its files
    once the deletion has committed. Refused while anything shows it.

    `by` is None when the operator's cleanup (`clean_orphan_photos`) runs it.
    """
    current = Photo.objects.select_for_update().get(pk=photo.pk)
    if by is not None and not by.has_perm("articles.delete_photo"):
        raise NotAllowed(_("Akun Anda tidak boleh menghapus foto."))
    if current.in_use():
        raise Refused(_("Foto ini masih dipakai."))
    files = _files_of(current)
    current.delete()
    _delete_after_commit(files)


def photo_files_discard(*, photo):
    """Delete the files of a photo whose row a rollback took away (an
    import's post refused after its photo was made): no row, no page and no
    body points at them. Does nothing while the row exists."""
    if not Photo.objects.filter(pk=photo.pk).exists():
        # Its whole folder: sizes made and stand-ins replaced before the rollback.
        _delete_files([photo.image.name, *stored_files(f"renditions/{photo.key}")])


def _recrop(photo, written):
    """Crop the sizes that have a shape of their own around the photo's focus
    again; return the names of the files they replace."""
    cropped = [name for name, spec in photos.SPECS.items() if spec.ratio]
    renditions, files = _render_original(photo, specs=cropped)
    replaced = _files_of(photo, original=False, specs=cropped)
    photo.renditions = {
        **photo.renditions,
        **_write_renditions(photo.key, renditions, files, written),
    }
    return replaced


def _render_original(photo, specs=None):
    """Render `specs` (all when None) from the stored original, around its focus."""
    try:
        with photo.image.storage.open(photo.image.name, "rb") as handle:
            return photos.render(handle.read(), specs=specs, focus=photo.focus)
    except OSError as error:
        message = _("Berkas asli foto #%(id)s tidak terbaca.") % {"id": photo.pk}
        raise StorageFailed(message) from error


def _process(image, focus=photos.CENTRE):
    try:
        return photos.process(image, specs=photos.AT_ONCE, focus=focus)
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from None


def _set_captions(photo, **texts):
    for name, value in texts.items():
        setattr(photo, name, richtext.strip_control_characters(value or "").strip())


@task
def complete_renditions(photo_id):
    """The queued half of an upload: render the sizes its request left for
    later. Run by the task worker (`manage.py db_worker`), or at once in
    development and tests (ImmediateBackend)."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is not None:  # not removed in the meantime
        photo_complete_renditions(photo=photo)
