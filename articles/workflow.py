"""Every status change of an article goes through this module.

    draft ──submit──▶ review ──publish──▶ published (now, or scheduled) ──unpublish──▶ unpublished
      ▲                 │                    ▲                                            │
      └─ returned ◀─send_back (note)         └────────────────publish────────────────────┘

Each change is a keyword-only function that checks the user's role and the
allowed transition, records who, when, from, to and the note, saves inside a
transaction and sends its email notice once the transaction commits. The
admin's buttons and actions and the tests call these same functions; no form
or view writes `Article.status` itself.

The role rules (who may see and edit which article) live here too, so the
admin and the preview views ask one place.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import notifications, richtext
from .models import Article, ArticleTransition, Photo

Status = Article.Status

# Reporters may edit their own articles only in these states.
REPORTER_EDITABLE = {Status.DRAFT, Status.RETURNED}
# An article goes live (now or at a set time) from any state but live.
GO_LIVE_FROM = frozenset({Status.DRAFT, Status.REVIEW, Status.RETURNED, Status.UNPUBLISHED})


class WorkflowError(Exception):
    """A refused change. The message is shown to the user as it is."""


class NotAllowed(WorkflowError, PermissionDenied):
    """The user's role does not allow this. Views answer it with 403."""


# Role rules --------------------------------------------------------------


def can_publish(user):
    """Editors approve, publish, schedule, send back and unpublish."""
    return user.is_active and user.has_perm("articles.publish_article")


def can_edit_any(user):
    """Editors see and edit every article, published ones included."""
    return user.is_active and user.has_perm("articles.edit_any_article")


def is_own(user, article):
    return article.author_id is not None and article.author.user_id == user.pk


def can_view(user, article):
    if can_edit_any(user):
        return True
    return user.has_perm("articles.view_article") and is_own(user, article)


def can_edit(user, article):
    """Editors edit anything; a reporter edits their own drafts and sent-back articles."""
    if can_edit_any(user):
        return True
    return (
        user.is_active
        and user.has_perm("articles.change_article")
        and is_own(user, article)
        and article.status in REPORTER_EDITABLE
    )


def can_edit_photo(user, photo):
    """A photo shown by articles `user` may not edit is theirs to change no more."""
    if can_edit_any(user):
        return True
    if not (user.is_active and user.has_perm("articles.change_photo")):
        return False
    return all(can_edit(user, article) for article in photo.articles.select_related("author"))


def articles_for(user):
    """The articles `user` may see in the admin: all for editors, their own for reporters."""
    articles = Article.objects.all()
    if can_edit_any(user):
        return articles
    return articles.filter(author__user=user)


# Transitions -------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset
    editor_only: bool


ACTIONS = {
    action.name: action
    for action in [
        Action(
            "submit",
            gettext_lazy("Kirim ke redaksi"),
            frozenset({Status.DRAFT, Status.RETURNED}),
            editor_only=False,
        ),
        Action(
            "send_back",
            gettext_lazy("Kembalikan ke wartawan"),
            frozenset({Status.REVIEW}),
            editor_only=True,
        ),
        Action("publish", gettext_lazy("Terbitkan sekarang"), GO_LIVE_FROM, editor_only=True),
        Action("schedule", gettext_lazy("Jadwalkan"), GO_LIVE_FROM, editor_only=True),
        Action(
            "unpublish",
            gettext_lazy("Tarik dari publikasi"),
            frozenset({Status.PUBLISHED}),
            editor_only=True,
        ),
    ]
}


def _sources(action, article):
    # A scheduled article can be published now or rescheduled.
    if action.name in ("publish", "schedule") and article.is_scheduled:
        return action.sources | {Status.PUBLISHED}
    return action.sources


def check(name, *, article, by, note="", at=None):
    """Raise WorkflowError if `by` may not do action `name` to `article` now.

    Forms call this before saving so a refusal becomes a form error and the
    user's text stays on screen; the transition functions call it again
    under a row lock.
    """
    action = ACTIONS.get(name)
    if action is None:
        raise WorkflowError(_("Tindakan tidak dikenal."))
    refusal = _refusal(action, by, article)
    if refusal is not None:
        raise refusal
    if name == "send_back" and not note.strip():
        raise WorkflowError(_("Tulis catatan untuk wartawan sebelum mengembalikan artikel."))
    if name == "schedule":
        if at is None:
            raise WorkflowError(_("Isi waktu terbit untuk menjadwalkan."))
        if at <= timezone.now():
            raise WorkflowError(_("Waktu terbit harus di masa mendatang."))
    if name in ("publish", "schedule"):
        check_publishable(article)


def _refusal(action, user, article):
    """Why `user` may not take `action` on `article` in its state, or None."""
    if action.editor_only and not can_publish(user):
        return NotAllowed(_("Hanya redaktur yang dapat melakukan tindakan ini."))
    if not action.editor_only and not can_edit(user, article):
        return NotAllowed(_("Anda tidak dapat mengirim artikel ini."))
    if article.status not in _sources(action, article):
        return WorkflowError(
            _("Artikel berstatus “%(status)s” tidak dapat di-“%(action)s”.")
            % {"status": article.get_status_display_full(), "action": action.label.lower()}
        )
    return None


def check_publishable(article):
    """What an article needs before readers may see it: text, and credited,
    described photos."""
    if not article.title.strip() or not article.body.strip():
        raise WorkflowError(_("Artikel tanpa judul atau isi tidak dapat diterbitkan."))
    photo = article.lead_photo
    if photo is not None and not (photo.alt_text.strip() and photo.credit.strip()):
        raise WorkflowError(
            _("Foto utama belum punya teks alternatif dan kredit. Lengkapi di Foto #%(id)s.")
            % {"id": photo.pk}
        )
    body = richtext.clean_html(article.body)
    if richtext.images_without_alt(body):
        raise WorkflowError(
            _("Ada gambar di isi berita tanpa teks alternatif. Klik gambarnya lalu isi teksnya.")
        )
    uncredited = Photo.objects.filter(key__in=richtext.photo_keys(body), credit="")
    if uncredited:
        raise WorkflowError(
            _("Gambar di isi berita belum punya kredit. Lengkapi di Foto #%(ids)s.")
            % {"ids": ", #".join(str(p.pk) for p in uncredited)}
        )


def available_actions(user, article):
    """The actions `user` could take on `article` now, for the admin's buttons."""
    return [action for action in ACTIONS.values() if _refusal(action, user, article) is None]


def _lock(article):
    """Re-read `article` under a row lock so two editors cannot race."""
    return Article.objects.select_for_update().select_related("author").get(pk=article.pk)


def _move(article, *, name, by, to, note="", at=None, published_at=None):
    locked = _lock(article)
    check(name, article=locked, by=by, note=note, at=at)
    from_status = locked.status
    locked.status = to
    changed = ["status", "updated_at"]
    if published_at is not None:
        locked.published_at = published_at
        locked.first_published_at = locked.first_published_at or published_at
        changed += ["published_at", "first_published_at"]
    locked.save(update_fields=changed)
    for field in changed:
        setattr(article, field, getattr(locked, field))
    return ArticleTransition.objects.create(
        article=locked,
        from_status=from_status,
        to_status=to,
        by=by,
        note=note.strip(),
        publish_at=at,
    )


@transaction.atomic
def submit(*, article, by):
    """A reporter sends their draft to the editors."""
    transition = _move(article, name="submit", by=by, to=Status.REVIEW)
    transaction.on_commit(lambda: notifications.article_submitted(transition))
    return transition


@transaction.atomic
def send_back(*, article, by, note):
    """An editor returns an article to its reporter with a note."""
    transition = _move(article, name="send_back", by=by, to=Status.RETURNED, note=note)
    transaction.on_commit(lambda: notifications.article_sent_back(transition))
    return transition


@transaction.atomic
def publish(*, article, by):
    """An editor publishes `article` now."""
    return _go_live(article, by=by, name="publish", when=timezone.now())


@transaction.atomic
def schedule(*, article, by, at):
    """An editor publishes `article` at a future time.

    Nothing runs at that time: the article is published with a future
    `published_at`, and `Article.objects.published()` shows it once the time
    has come.
    """
    return _go_live(article, by=by, name="schedule", when=at, at=at)


def _go_live(article, *, by, name, when, at=None):
    transition = _move(article, name=name, by=by, to=Status.PUBLISHED, at=at, published_at=when)
    transaction.on_commit(lambda: notifications.article_published(transition))
    return transition


@transaction.atomic
def unpublish(*, article, by):
    """An editor takes an article down; readers get 404 until it is published again."""
    return _move(article, name="unpublish", by=by, to=Status.UNPUBLISHED)


def perform(name, *, article, by, note="", at=None):
    """Run action `name`: the admin's buttons and bulk actions come through here."""
    if name == "submit":
        return submit(article=article, by=by)
    if name == "send_back":
        return send_back(article=article, by=by, note=note)
    if name == "publish":
        return publish(article=article, by=by)
    if name == "schedule":
        return schedule(article=article, by=by, at=at)
    if name == "unpublish":
        return unpublish(article=article, by=by)
    raise WorkflowError(_("Tindakan tidak dikenal."))
