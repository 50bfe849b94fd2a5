"""Every status change of an article goes through this module."""

from django.db import transaction
from django.utils import timezone

from .models import Article


@transaction.atomic
def publish(*, article, by, at=None):
    """Publish `article` now, or at `at` (a scheduled publication)."""
    article.status = Article.Status.PUBLISHED
    article.published_at = at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def unpublish(*, article, by):
    """Take `article` down: readers no longer see it."""
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article
