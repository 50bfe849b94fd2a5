"""Old addresses that answer a permanent redirect (`Redirect`), and the
record of what an import brought in (`ImportedItem`)."""

from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from .. import caching, workflow
from ..models import ImportedItem, Redirect
from .base import NotAllowed, Refused, _after_commit

OLD_PATH_LENGTH = Redirect._meta.get_field("old_path").max_length


def redirect_path(address):
    """The path (and query) of `address`, a full URL or a path: what a
    redirect is looked up by. The host is dropped: the old site's name
    points here once DNS moves."""
    parts = urlsplit(address.strip())
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    return f"{path}?{parts.query}" if parts.query else path


@transaction.atomic
def redirect_save(*, old_path, new_path, by, source="", purge=True):
    """Make `old_path` answer a permanent redirect to `new_path`; a later
    call for the same old path moves it. `by` is an editor, or None for a
    command. Returns (redirect, created).

    Once it commits, every kept answer of an old address is purged
    (`caching.keys_redirect_saved`), here and in Varnish: one purge, and
    one proxy request, per call. `purge=False` leaves them, for a caller
    that saves a batch and then calls `redirects_purge()` once (the
    WordPress import)."""
    if by is not None and not workflow.is_editor(by):
        raise NotAllowed(_("Hanya redaktur yang dapat menambah pengalihan."))
    old_path, new_path = redirect_path(old_path), redirect_path(new_path)
    if len(old_path) > OLD_PATH_LENGTH:
        raise Refused(_("Alamat lama terlalu panjang."), field="old_path")
    if old_path == new_path:
        raise Refused(_("Alamat lama dan baru sama."), field="new_path")
    found = Redirect.objects.select_for_update().filter(old_path=old_path).first()
    if found is not None:
        if (found.new_path, found.source) != (new_path, source or found.source):
            moved = found.new_path != new_path
            found.new_path, found.source = new_path, source or found.source
            found.save(update_fields=["new_path", "source"])
            if moved and purge:
                redirects_purge()
        return found, False
    made = Redirect.objects.create(old_path=old_path, new_path=new_path, source=source)
    if purge:
        redirects_purge()
    return made, True


@transaction.atomic
def redirect_delete(*, redirect, by):
    """Make `redirect`'s old address answer as if it had never moved (the
    home page for `/?p=123`, else whatever the site has there)."""
    if not workflow.is_editor(by):
        raise NotAllowed(_("Hanya redaktur yang dapat menghapus pengalihan."))
    redirect.delete()
    redirects_purge()


def redirects_purge():
    """Purge every kept answer of an old address once the current
    transaction commits (at once outside one): after a batch of
    `redirect_save(..., purge=False)`."""
    _after_commit(purge=caching.keys_redirect_saved())


def imported_item_record(*, source, kind, original_id, obj, fingerprint=""):
    """Remember that `obj` came from `source`'s item `kind` `original_id`."""
    ImportedItem.objects.update_or_create(
        source=source,
        kind=kind,
        original_id=str(original_id),
        defaults={"object_id": obj.pk, "fingerprint": fingerprint},
    )
