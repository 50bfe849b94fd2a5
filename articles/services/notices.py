"""A user's notices (a story sent back, published, withdrawn)."""

from django.utils import timezone

from ..models import Notice


def notices_read(*, by):
    """Mark every unread notice of `by` read: they have seen the list."""
    Notice.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
