"""A user's notices (a story sent back, published, withdrawn)."""

from django.db import transaction
from django.utils import timezone

from ..models import Notice


@transaction.atomic
def notices_read(*, by):
    """Mark every unread notice of `by` read: they have seen the list.

    One UPDATE, which locks the rows it marks: a notice sent meanwhile is
    either marked with them or stays unread for the next visit. Nothing is
    purged: only its reader sees the list.
    """
    Notice.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
