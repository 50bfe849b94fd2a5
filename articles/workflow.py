"""The newsroom's rules: who may do what to which article, and when.

    draft ──submit──▶ review ──publish──▶ published (now, or scheduled) ──unpublish──▶ unpublished
      ▲                 │                    ▲        │                                   │
      └─ returned ◀─send_back (note)         │        └─withdraw (reason)──▶ withdrawn    │
                                             └────────────────publish────────────────────┘

This module only answers questions; it writes nothing. `articles.services`
asks it under a row lock before every change, and the admin asks it which
buttons to show. Each workflow action is declared once in `ACTIONS`: its
button label, the states it starts from, the state it leads to, who may take
it, what input it needs and what the user is told when it is done.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import notifications, richtext
from .dates import wib
from .models import Article, Photo, Region, region_descendant_ids

Status = Article.Status

# Reporters may edit their own articles only in these states.
REPORTER_EDITABLE = {Status.DRAFT, Status.RETURNED}
# An article goes live (now or at a set time) from any state but live.
GO_LIVE_FROM = frozenset({Status.DRAFT, Status.REVIEW, Status.RETURNED, Status.UNPUBLISHED})


class Refused(Exception):
    """A change the services refused. The message is shown to the user as it is,
    beside the form field `field` names when the refusal is about one input."""

    def __init__(self, message="", *, field=None):
        super().__init__(message)
        self.field = field


class NotAllowed(Refused, PermissionDenied):
    """The user's role does not allow this. Views answer it with 403."""


class Stale(Refused):
    """The user's copy is older than the article: someone changed it in between.

    `revision` is the article's current revision: the form offers to save
    over exactly that version, as a choice of its own (admin/conflicts.py).
    """

    def __init__(self, message, *, revision):
        super().__init__(message)
        self.revision = revision


# Role rules --------------------------------------------------------------
#
# Three roles: reporters (Wartawan) write; editors (Redaktur) decide on the
# stories of their bureaus' regions; the chief editor (Pemimpin Redaksi)
# decides on every region and alone curates the front page, the breaking
# bar, the standing pages, bureaus and accounts. Which stories an editor
# decides on is worked out in one place, `regions_edited_by`, which both
# the object checks (`decides_on`) and the admin's querysets
# (`articles_for`) use.


def is_editor(user):
    """An editor of some bureau, or the chief: the role that approves and publishes."""
    return user.is_active and user.has_perm("articles.publish_article")


def is_chief(user):
    """The chief editor (or a superuser): every region, the front page, bureaus, accounts."""
    return user.is_active and user.has_perm("articles.lead_newsroom")


def regions_edited_by(user):
    """The ids of the regions whose stories `user` decides on as an editor:
    None for every region (the chief editor), else the regions of the
    bureaus they edit and every region below them (a frozenset, empty for
    reporters). Two queries, once per request: kept on the user object."""
    if not is_editor(user):
        return frozenset()
    if is_chief(user):
        return None
    cached = getattr(user, "_regions_edited", None)
    if cached is None:
        regions = list(Region.objects.only("pk", "parent_id"))
        tops = Region.objects.filter(bureaus__editors=user).only("pk")
        cached = frozenset(pk for top in tops for pk in region_descendant_ids(regions, top))
        user._regions_edited = cached
    return cached


def covers(user, region_id):
    """Whether `user` decides on stories of the region `region_id` as an editor."""
    regions = regions_edited_by(user)
    return regions is None or region_id in regions


def decides_on(user, article):
    """Whether `user` acts as an editor on `article`: approves, sends back,
    schedules, publishes, unpublishes, corrects, withdraws, edits it in any
    state. The one check every editor's permission goes through."""
    return is_editor(user) and covers(user, article.region_id)


def is_own(user, article):
    return article.author_id is not None and article.author.user_id == user.pk


def can_view(user, article):
    if decides_on(user, article):
        return True
    return user.has_perm("articles.view_article") and is_own(user, article)


def can_create(user):
    """Editors write under any byline; a reporter needs an author profile of their own."""
    if not (user.is_active and user.has_perm("articles.add_article")):
        return False
    return is_editor(user) or hasattr(user, "author")


def can_edit(user, article):
    """Editors edit the stories of their regions in any state; a reporter
    (or an editor writing elsewhere) edits their own drafts and sent-back
    articles."""
    if decides_on(user, article):
        return True
    return (
        user.is_active
        and user.has_perm("articles.change_article")
        and is_own(user, article)
        and article.status in REPORTER_EDITABLE
    )


def may_move(user, article, region_id):
    """Whether `user` may file `article` (its region before this change
    is `article.region_id`) under the region `region_id`. A reporter moves
    their story freely: it moves to that bureau's queue. An editor of one
    bureau neither moves a story into another's region nor out of it."""
    if not is_editor(user) or is_chief(user):
        return True
    if article.pk is not None and not covers(user, article.region_id):
        return can_edit(user, article)  # their own draft, as a reporter would
    return covers(user, region_id)


def can_upload_photo(user):
    """Anyone who writes articles may add photos to the library."""
    return user.is_active and (
        user.has_perm("articles.add_photo")
        or user.has_perm("articles.add_article")
        or user.has_perm("articles.change_article")
    )


def can_edit_photo(user, photo):
    """A photo shown by articles `user` may not edit (as lead photo, in the
    body or in a live entry) is theirs to change no more."""
    if is_chief(user):
        return True
    if not (user.is_active and user.has_perm("articles.change_photo")):
        return False
    showing = Article.objects.showing_photo(photo).select_related("author")
    return all(can_edit(user, article) for article in showing)


def can_delete_photo(user, photo):
    """A photo nobody uses may be deleted by whoever may delete photos."""
    return user.is_active and user.has_perm("articles.delete_photo") and not photo.in_use()


def can_delete_article(user):
    """Only a superuser deletes a story for good: editors unpublish or withdraw,
    which keeps its history."""
    return user.is_active and user.is_superuser


def was_public(article):
    """Whether readers ever saw `article`: one of its publications came into
    force (its scheduled time, or at once) before the next status change.
    A story scheduled and then withdrawn or unpublished before its time
    never was. Stories with no recorded publication (imported or arranged)
    count from their first publication time."""
    changes = sorted(article.transitions.all(), key=lambda t: (t.at, t.pk))
    went_live = False
    for change, after in zip(changes, [*changes[1:], None], strict=True):
        if change.to_status != Status.PUBLISHED:
            continue
        went_live = True
        ended = after.at if after is not None else timezone.now()
        if (change.publish_at or change.at) <= ended:
            return True
    if went_live:
        return False
    first = article.first_published_at
    return first is not None and first <= timezone.now()


def articles_decided_by(user, articles=None):
    """The articles (of `articles`, by default all) `user` decides on as an
    editor (`decides_on`), as a queryset."""
    articles = Article.objects.all() if articles is None else articles
    regions = regions_edited_by(user)
    if regions is None:
        return articles
    return articles.filter(region__in=regions)


def articles_for(user):
    """The articles `user` may see in the admin: all for the chief, those of
    their bureaus' regions and their own for editors, their own for reporters."""
    articles = Article.objects.all()
    regions = regions_edited_by(user)
    if regions is None:
        return articles
    if regions:
        return articles.filter(Q(region__in=regions) | Q(author__user=user))
    return articles.filter(author__user=user)


# Actions -------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One workflow action, declared once for the services, the admin and notices."""

    name: str
    label: str  # the button says "Simpan & <label>"
    sources: frozenset  # the states it may start from
    to: str  # the state it leads to
    editor_only: bool
    done: str  # told to the user afterwards; may use %(when)s
    needs_note: bool = False
    note_missing: str = gettext_lazy("Tulis catatan untuk wartawan sebelum mengembalikan artikel.")
    confirm: str = ""  # asked before the button acts, when set
    needs_time: bool = False
    goes_live: bool = False
    notice: object = None  # notifications.<function>(transition), after commit

    def success_message(self, article):
        return self.done % {"when": wib(article.published_at)}


ACTIONS = {
    action.name: action
    for action in [
        Action(
            "submit",
            gettext_lazy("Kirim ke redaksi"),
            frozenset(REPORTER_EDITABLE),
            Status.REVIEW,
            editor_only=False,
            done=gettext_lazy("Artikel dikirim ke redaksi."),
            notice=notifications.article_submitted,
        ),
        Action(
            "send_back",
            gettext_lazy("Kembalikan ke wartawan"),
            frozenset({Status.REVIEW}),
            Status.RETURNED,
            editor_only=True,
            done=gettext_lazy("Artikel dikembalikan ke wartawan."),
            needs_note=True,
            notice=notifications.article_sent_back,
        ),
        Action(
            "publish",
            gettext_lazy("Terbitkan sekarang"),
            GO_LIVE_FROM,
            Status.PUBLISHED,
            editor_only=True,
            done=gettext_lazy("Artikel terbit."),
            goes_live=True,
            notice=notifications.article_published,
        ),
        Action(
            "schedule",
            gettext_lazy("Jadwalkan"),
            GO_LIVE_FROM,
            Status.PUBLISHED,
            editor_only=True,
            done=gettext_lazy("Artikel dijadwalkan terbit %(when)s."),
            needs_time=True,
            goes_live=True,
            notice=notifications.article_published,
        ),
        Action(
            "unpublish",
            gettext_lazy("Tarik sementara"),
            frozenset({Status.PUBLISHED}),
            Status.UNPUBLISHED,
            editor_only=True,
            done=gettext_lazy(
                "Berita ditarik sementara: hilang dari situs tanpa pemberitahuan, "
                "dan bisa diterbitkan lagi."
            ),
            confirm=gettext_lazy(
                "Tarik berita ini sementara? Berita hilang dari situs tanpa pemberitahuan "
                "sampai diterbitkan lagi."
            ),
        ),
        Action(
            "withdraw",
            gettext_lazy("Cabut permanen"),
            frozenset({Status.PUBLISHED, Status.UNPUBLISHED}),
            Status.WITHDRAWN,
            editor_only=True,
            done=gettext_lazy(
                "Berita dicabut permanen. Alamatnya kini menampilkan pemberitahuan pencabutan "
                "dan alasannya."
            ),
            needs_note=True,
            note_missing=gettext_lazy(
                "Tulis alasan pencabutan: pembaca akan melihatnya di alamat berita."
            ),
            confirm=gettext_lazy(
                "Cabut berita ini permanen? Alamatnya akan menampilkan pemberitahuan pencabutan "
                "dengan alasan yang Anda tulis, dan berita tidak bisa diterbitkan lagi."
            ),
        ),
    ]
}


def get_action(name):
    try:
        return ACTIONS[name]
    except KeyError:
        raise Refused(_("Tindakan tidak dikenal.")) from None


def _sources(action, article):
    # A scheduled article can be published now or rescheduled.
    if action.goes_live and article.is_scheduled:
        return action.sources | {Status.PUBLISHED}
    return action.sources


def refusal(action, user, article):
    """Why `user` may not take `action` on `article` in its state, or None."""
    if action.editor_only and not decides_on(user, article):
        if is_editor(user):
            return NotAllowed(_("Berita ini di luar wilayah biro Anda."))
        return NotAllowed(_("Hanya redaktur yang dapat melakukan tindakan ini."))
    if not action.editor_only and not can_edit(user, article):
        return NotAllowed(_("Anda tidak dapat mengirim artikel ini."))
    if article.status not in _sources(action, article):
        return Refused(
            _("Artikel berstatus “%(status)s” tidak dapat di-“%(action)s”.")
            % {"status": article.get_status_display_full(), "action": action.label.lower()}
        )
    return None


def check(action, *, article, by, note="", publish_at=None):
    """Raise Refused if `by` may not take `action` on `article` now, with this input."""
    refused = refusal(action, by, article)
    if refused is not None:
        raise refused
    if action.needs_note and not note.strip():
        raise Refused(str(action.note_missing), field="workflow_note")
    if action.needs_time:
        if publish_at is None:
            raise Refused(_("Isi waktu terbit untuk menjadwalkan."), field="publish_at")
        if publish_at <= timezone.now():
            raise Refused(_("Waktu terbit harus di masa mendatang."), field="publish_at")
    if action.goes_live:
        check_publishable(article)


def check_publishable(article):
    """What an article needs before readers may see it: text, and credited,
    described photos. The body is already clean: services clean it on save."""
    if not article.title.strip() or not article.body.strip():
        raise Refused(_("Artikel tanpa judul atau isi tidak dapat diterbitkan."))
    photo = article.lead_photo
    if photo is not None and not (photo.alt_text.strip() and photo.credit.strip()):
        raise Refused(
            _("Foto utama belum punya teks alternatif dan kredit. Lengkapi di Foto #%(id)s.")
            % {"id": photo.pk}
        )
    if richtext.images_without_alt(article.body):
        raise Refused(
            _("Ada gambar di isi berita tanpa teks alternatif. Klik gambarnya lalu isi teksnya.")
        )
    keys = richtext.photo_keys(article.body)
    uncredited = Photo.objects.filter(key__in=keys, credit="") if keys else []
    if uncredited:
        raise Refused(
            _("Gambar di isi berita belum punya kredit. Lengkapi di Foto #%(ids)s.")
            % {"ids": ", #".join(str(p.pk) for p in uncredited)}
        )


def available_actions(user, article):
    """The actions `user` could take on `article` now, for the admin's buttons."""
    return [action for action in ACTIONS.values() if refusal(action, user, article) is None]
