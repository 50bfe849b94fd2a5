"""Links that show a story to someone without an account, for a while."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..models import PreviewLink
from .base import NotAllowed, _lock

PREVIEW_HOURS = (1, 24 * 7)


@transaction.atomic
def preview_link_create(*, article, by, hours):
    """A link that shows `article` without logging in, for `hours` (1 h to 7 days)."""
    current = _lock(article)
    if not workflow.decides_on(by, current):
        raise NotAllowed(_("Hanya redaktur yang dapat membuat tautan pratinjau."))
    hours = min(max(hours, PREVIEW_HOURS[0]), PREVIEW_HOURS[1])
    return PreviewLink.objects.create(
        article=current,
        token=secrets.token_urlsafe(32),
        created_by=by,
        expires_at=timezone.now() + timedelta(hours=hours),
    )


@transaction.atomic
def preview_link_revoke(*, link, by):
    """Stop a preview link working at once. Revoking twice changes nothing."""
    current = PreviewLink.objects.select_for_update().select_related("article").get(pk=link.pk)
    if not workflow.decides_on(by, current.article):
        raise NotAllowed(_("Hanya redaktur yang dapat mencabut tautan pratinjau."))
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
    return current
