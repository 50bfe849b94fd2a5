"""The admin's home page as a desk: what needs each writer or editor now."""

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import workflow
from .models import Article, ArticleTransition

Status = Article.Status
SHOWN = 5  # stories per section; the count says how many there are


def desk_for(user):
    """[(section title, how many, [articles])] for `user`, the most urgent first."""
    if workflow.is_editor(user):
        return _editors_desk(user)
    if workflow.can_create(user):
        return _reporters_desk(user)
    return []


def _reporters_desk(user):
    own = Article.objects.filter(author__user=user).select_related("region")
    counts = dict(own.values_list("status").annotate(n=Count("pk")).order_by())
    returns = Prefetch(
        "transitions",
        queryset=ArticleTransition.objects.filter(to_status=Status.RETURNED).select_related("by"),
        to_attr="returns",
    )
    newest = own.order_by("-updated_at")
    sections = [
        (_("Perlu diperbaiki"), Status.RETURNED, newest.prefetch_related(returns)),
        (_("Draf saya"), Status.DRAFT, newest),
        (_("Menunggu redaksi"), Status.REVIEW, newest),
    ]
    desk = [
        (title, counts.get(status, 0), list(articles.filter(status=status)[:SHOWN]))
        for title, status, articles in sections
    ]
    # A story set to go out later is not out yet: its own section, soonest first.
    now = timezone.now()
    published = own.filter(status=Status.PUBLISHED)
    scheduled = published.filter(published_at__gt=now).order_by("published_at")
    out = published.filter(published_at__lte=now).order_by("-published_at")
    return [
        *desk,
        (_("Terjadwal"), scheduled.count(), list(scheduled[:SHOWN])),
        (_("Terbit"), out.count(), list(out[:SHOWN])),
    ]


def _editors_desk(user):
    """The queue and schedule of the editor's bureaus (every region for the chief)."""
    now = timezone.now()
    articles = workflow.articles_decided_by(user).select_related("region", "author")
    published = articles.filter(status=Status.PUBLISHED)
    queue = articles.filter(status=Status.REVIEW).order_by("updated_at")  # longest waiting first
    scheduled = published.filter(published_at__gt=now).order_by("published_at")
    recent = published.filter(published_at__lte=now).order_by("-published_at")
    return [
        (_("Antrean redaksi"), queue.count(), list(queue[:SHOWN])),
        (_("Terjadwal"), scheduled.count(), list(scheduled[:SHOWN])),
        (_("Baru terbit"), None, list(recent[:SHOWN])),
    ]
