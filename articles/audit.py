"""The chief editor's audit list: who published, took down, withdrew or
corrected a story, and what happened to staff accounts, newest first.

Three sources, each read with its own index on time and a limit: the
workflow's status changes (`ArticleTransition`), corrections and rights of
reply (`Correction`) and account events (`AccountEvent`). Merged here, a
page is three queries whatever the archive's size.
"""

from dataclasses import dataclass
from datetime import datetime
from heapq import merge

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import AccountEvent, Article, ArticleTransition, Correction

PER_PAGE = 50
# Status changes that decide what readers see: publishing, scheduling,
# taking down, withdrawing. Submitting and sending back stay on the story.
DECISIONS = [Article.Status.PUBLISHED, Article.Status.UNPUBLISHED, Article.Status.WITHDRAWN]


@dataclass(frozen=True)
class Entry:
    at: datetime
    by: object  # a user, or None (a command, or a person since deleted)
    what: str
    subject: str  # the story's title or the account's name
    url: str  # where the subject is seen in the admin
    note: str


def trail(before=None, per_page=None):
    """The newest `per_page` (PER_PAGE) entries older than `before` (None: now)."""
    per_page = per_page or PER_PAGE
    older = {"at__lt": before} if before else {}
    transitions = (
        ArticleTransition.objects.filter(to_status__in=DECISIONS, **older)
        .select_related("by", "article")
        .order_by("-at", "-pk")[:per_page]
    )
    corrections = (
        Correction.objects.filter(**older).select_related("by", "article").order_by("-at", "-pk")
    )[:per_page]
    accounts = (
        AccountEvent.objects.filter(**older).select_related("by", "user").order_by("-at", "-pk")
    )[:per_page]
    entries = merge(
        map(_from_transition, transitions),
        map(_from_correction, corrections),
        map(_from_account_event, accounts),
        key=lambda entry: entry.at,
        reverse=True,
    )
    return list(entries)[:per_page]


def _article_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def _from_transition(change):
    if change.to_status == Article.Status.PUBLISHED and change.publish_at:
        what = _("Menjadwalkan terbit")
    else:
        what = {
            Article.Status.PUBLISHED: _("Menerbitkan"),
            Article.Status.UNPUBLISHED: _("Menarik sementara"),
            Article.Status.WITHDRAWN: _("Mencabut permanen"),
        }[change.to_status]
    article = change.article
    return Entry(change.at, change.by, what, article.title, _article_url(article), change.note)


def _from_correction(correction):
    article = correction.article
    what = _("Menambahkan %(kind)s") % {"kind": correction.get_kind_display().lower()}
    return Entry(
        correction.at, correction.by, what, article.title, _article_url(article), correction.text
    )


def _from_account_event(event):
    user = event.user
    url = reverse("admin:auth_user_change", args=[user.pk])
    name = user.get_full_name() or user.get_username()
    return Entry(event.at, event.by, event.get_kind_display(), name, url, event.detail)
