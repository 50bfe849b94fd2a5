"""Regions, authors and tags: the names readers see on stories, lists and menus."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import caching
from .base import NotAllowed, _after_commit, _lock_row


@transaction.atomic
def catalogue_save(*, instance, by, purge=True):
    """Save a region, an author or a tag as edited in the admin.

    Readers see their names on every story, list and menu that shows them,
    so those pages are purged once the change commits (`caching.keys_naming`);
    `purge=False` leaves them, for a caller that purges once after a batch
    or has no page kept yet (the test factories).
    """
    current = _lock_row(instance)
    _check_catalogue_permission(instance, by, "add" if current is None else "change")
    instance.save()
    _after_commit(purge=caching.keys_naming(instance) if purge else ())
    return instance


@transaction.atomic
def catalogue_delete(*, instance, by):
    """Delete a region, an author or a tag (the database refuses one still in use)."""
    _lock_row(instance)
    _check_catalogue_permission(instance, by, "delete")
    keys = caching.keys_naming(instance)
    instance.delete()
    _after_commit(purge=keys)


def _check_catalogue_permission(instance, by, verb):
    opts = instance._meta
    if not by.has_perm(f"{opts.app_label}.{verb}_{opts.model_name}"):
        raise NotAllowed(_("Akun Anda tidak boleh mengubah data ini."))
