"""Standing pages: the guideline, the corrections policy, the masthead."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import caching, richtext, workflow
from .base import NotAllowed, Refused, _after_commit, _lock_row


@transaction.atomic
def page_save(*, page, by):
    """Save a standing page (the guideline, the corrections policy); its address is purged.

    The row lock makes two editors saving one page take turns: the copy
    that commits last is the one on the row and on the purged page.
    """
    _lock_row(page)
    if not workflow.is_chief(by):
        raise NotAllowed(_("Hanya redaktur yang dapat mengubah halaman ini."))
    page.title = richtext.strip_control_characters(page.title or "").strip()
    page.body = richtext.clean_html(page.body)
    if not page.title:
        raise Refused(_("Tulis judulnya."), field="title")
    page.save()
    _after_commit(purge=caching.keys_page_saved(page))
    return page
