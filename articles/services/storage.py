"""Photo files in the media storage: written all or nothing, deleted only
once the change that dropped them has committed.

A write that fails (a full disk, a read-only or unreachable object store)
raises `StorageFailed` and removes what it had written; a delete that fails
is logged, never shown to the editor, whose change has landed.
"""

import contextlib
import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .base import StorageFailed

logger = logging.getLogger(__name__)


def _store(photo, processed, written):
    """Write a processed photo's files and point `photo` at them, under its
    key (random from its creation): a replaced image keeps its photo's
    folder, so story bodies that show it (by that key) show the new one."""
    original = processed.original
    name = f"{timezone.now():photos/%Y/%m}/{original.name}"
    photo.image.name = _save_file(name, original, written)
    photo.renditions = _write_renditions(photo.key, processed.renditions, processed.files, written)


def _write_renditions(key, renditions, files, written):
    """Write rendition files under `renditions/<key>/<batch>/`; return the
    record with their names. Each batch has a folder of its own: files made
    again never take an old file's name, which an object storage would
    overwrite and a cache would keep serving."""
    batch = uuid.uuid4().hex[:8]
    stored = {f.name: _save_file(f"renditions/{key}/{batch}/{f.name}", f, written) for f in files}
    return {
        spec: [
            {field: stored.get(value, value) for field, value in entry.items()} for entry in entries
        ]
        for spec, entries in renditions.items()
    }


def _save_file(name, file, written):
    written.append(name)  # before saving: a write that fails halfway leaves a partial file
    try:
        stored = default_storage.save(name, ContentFile(file.content))
    except Exception as error:
        logger.exception("Could not store %s", name)
        raise StorageFailed(
            _(
                "Foto tidak dapat disimpan karena penyimpanan penuh atau tidak dapat ditulis. "
                "Tidak ada yang tersimpan; coba lagi nanti atau hubungi admin."
            )
        ) from error
    if stored != name:
        written.append(stored)
    return stored


@contextlib.contextmanager
def _cleanup_on_failure():
    """Yield a list of written file names; delete them all if the block fails."""
    written = []
    try:
        yield written
    except BaseException:
        _delete_files(written)
        raise


def _files_of(photo, *, original=True, specs=None):
    """The names of a photo's stored files: the original and the renditions
    (of `specs` only, when given)."""
    names = [photo.image.name] if original and photo.image else []
    for spec, entries in (photo.renditions or {}).items():
        if specs is not None and spec not in specs:
            continue
        names += [entry[key] for entry in entries for key in ("jpeg", "webp") if entry.get(key)]
    return names


def _delete_after_commit(names):
    if names:
        transaction.on_commit(lambda: _delete_files(names), robust=True)


def _delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Could not delete %s", name)


def stored_files(folder=""):
    """Every file path in the media storage, walking folders."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet: no media folder
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in folders:
        yield from stored_files(f"{folder}/{name}" if folder else name)
