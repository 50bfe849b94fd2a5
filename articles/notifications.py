"""Notices about the editorial workflow: in the admin, and by email.

The workflow sends these after its transaction commits. A mail server (or a
notice row) that fails must not undo an editor's decision, so failures are
logged, not raised.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from .dates import wib
from .models import Notice, Region, region_path

logger = logging.getLogger(__name__)


def _admin_url(article):
    return settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def _notify(users, *, article, subject, body):
    """An unread notice in the admin for each active user, and the email."""
    users = [user for user in users if user is not None and user.is_active]
    try:
        Notice.objects.bulk_create(Notice(user=u, article=article, text=subject) for u in users)
    except Exception:
        logger.exception("Could not record workflow notice %r", subject)
    _send(subject, body, [user.email for user in users])


def _send(subject, body, recipients):
    recipients = sorted({email for email in recipients if email})
    if not recipients:
        return
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Could not send workflow notice %r to %s", subject, recipients)


def _with_perm(perm):
    return get_user_model().objects.with_perm(
        perm, backend="django.contrib.auth.backends.ModelBackend"
    )


def editors(article):
    """Who decides on `article`: the editors of the bureaus of its region or
    of a region above it, else (a region no bureau covers) the chief editors."""
    path = region_path(Region.objects.only("pk", "parent_id"), article.region)
    regions = [region.pk for region in path]
    desk = _with_perm("articles.publish_article").filter(bureaus_edited__regions__in=regions)
    found = list(desk.distinct())
    return found or list(_with_perm("articles.lead_newsroom"))


def _reporter(article):
    return [article.author.user]


def article_submitted(transition):
    article = transition.article
    _notify(
        editors(article),
        article=article,
        subject=_("Menunggu redaksi: %(title)s") % {"title": article.title},
        body=_("%(who)s mengirim “%(title)s” ke redaksi.\n\nBuka: %(url)s")
        % {"who": _name(transition.by), "title": article.title, "url": _admin_url(article)},
    )


def article_sent_back(transition):
    article = transition.article
    _notify(
        _reporter(article),
        article=article,
        subject=_("Dikembalikan: %(title)s") % {"title": article.title},
        body=_("%(who)s mengembalikan “%(title)s” dengan catatan:\n\n%(note)s\n\nBuka: %(url)s")
        % {
            "who": _name(transition.by),
            "title": article.title,
            "note": transition.note,
            "url": _admin_url(article),
        },
    )


def article_published(transition):
    article = transition.article
    if transition.publish_at:
        text = _("“%(title)s” dijadwalkan terbit %(when)s.")
    else:
        text = _("“%(title)s” sudah terbit.")
    _notify(
        _reporter(article),
        article=article,
        subject=_("Terbit: %(title)s") % {"title": article.title},
        body=text % {"title": article.title, "when": wib(transition.publish_at)}
        + "\n\n"
        + settings.SITE_URL
        + article.get_absolute_url(),
    )


def _name(user):
    if user is None:
        return _("Seseorang")
    return user.get_full_name() or user.get_username()


def second_factor_reset(user, *, by):
    """Tell `user` that their second factor was reset (a lost phone), by whom,
    and what happens at their next login."""
    _notify(
        [user],
        article=None,
        subject=_("Verifikasi dua langkah Anda diatur ulang"),
        body=_(
            "%(who)s mengatur ulang verifikasi dua langkah akun Anda (%(username)s). "
            "Saat masuk berikutnya, pasang lagi aplikasi autentikator di ponsel Anda "
            "dan simpan kode pemulihan yang baru.\n\n"
            "Bila Anda tidak meminta ini, segera hubungi pemimpin redaksi.\n\n"
            "Masuk: %(url)s"
        )
        % {
            "who": _name(by),
            "username": user.get_username(),
            "url": settings.SITE_URL + reverse("account_login"),
        },
    )
