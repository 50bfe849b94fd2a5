"""The home page's lead story and "Pilihan Redaksi".

The chief editor curates the front page. A bureau editor may propose a
story of their regions: the proposal waits, off the page, until the chief
confirms it (`front_page_pick_confirm`).
"""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import caching, workflow
from ..models import Article, FrontPagePick
from .base import NotAllowed, Refused, Status, _after_commit, _check_times

MAX_PICKS = 4  # "Pilihan Redaksi" on the home page
FRONT_PAGE_LOCK = 4_701  # an advisory lock number used for nothing else


@transaction.atomic
def front_page_pick_save(*, pick, by):
    """Set a lead story or an editors' pick; only the home page changes.

    One lead at a time: a new lead ends the one before. Publish times are
    never touched. A pick's end time caps how long the home page is kept.
    A bureau editor's pick of a story of their regions is saved as a
    proposal, off the page until the chief editor confirms it.
    """
    _lock_front_page()  # two editors adding picks at once still get at most MAX_PICKS
    article = Article.objects.get(pk=pick.article_id) if pick.article_id else None
    if workflow.is_chief(by):
        pick.confirmed = True
    elif not (workflow.is_editor(by) and (article is None or workflow.decides_on(by, article))):
        raise NotAllowed(_("Hanya redaktur wilayah berita ini yang dapat mengusulkannya."))
    elif pick.pk is not None and (pick.confirmed or pick.proposed_by_id != by.pk):
        raise NotAllowed(_("Hanya pemimpin redaksi yang dapat mengubah halaman depan."))
    else:
        pick.confirmed, pick.proposed_by = False, by
    if article is None:
        raise Refused(_("Pilih beritanya."), field="article")
    if article.status != Status.PUBLISHED:
        raise Refused(_("Hanya berita yang terbit yang dapat dipilih."), field="article")
    _check_times(until=pick.until)
    if pick.until is not None and pick.until <= timezone.now():
        raise Refused(_("Waktu berakhir harus di masa mendatang."), field="until")
    if not pick.confirmed:
        pick.save()  # off the page: nothing readers see changes
        return pick
    _check_room(pick, article)
    pick.save()
    _after_commit(purge=caching.keys_front_page_changed())
    transaction.on_commit(caching.forget_next_timed_change, robust=True)  # its end may come first
    return pick


@transaction.atomic
def front_page_pick_confirm(*, pick, by):
    """The chief editor puts a bureau editor's proposal on the front page."""
    _lock_front_page()
    if not workflow.is_chief(by):
        raise NotAllowed(_("Hanya pemimpin redaksi yang dapat mengonfirmasi usulan."))
    current = FrontPagePick.objects.select_related("article").get(pk=pick.pk)
    if current.confirmed:
        return current
    if current.until is not None and current.until <= timezone.now():
        raise Refused(_("Usulan ini sudah lewat waktunya."))
    if current.article.status != Status.PUBLISHED:
        raise Refused(_("Berita usulan ini tidak lagi terbit."))
    _check_room(current, current.article)
    current.confirmed = True
    current.save(update_fields=["confirmed"])
    _after_commit(purge=caching.keys_front_page_changed())
    transaction.on_commit(caching.forget_next_timed_change, robust=True)
    return current


def _check_room(pick, article):
    """One lead (a new one ends the one before), each story once among the
    picks, at most MAX_PICKS picks."""
    others = FrontPagePick.objects.active().exclude(pk=pick.pk)
    if pick.slot == FrontPagePick.Slot.LEAD:
        others.filter(slot=FrontPagePick.Slot.LEAD).update(until=timezone.now())
    elif others.filter(slot=FrontPagePick.Slot.PICK, article=article).exists():
        raise Refused(_("Berita ini sudah ada di Pilihan Redaksi."), field="article")
    elif others.filter(slot=FrontPagePick.Slot.PICK).count() >= MAX_PICKS:
        raise Refused(
            _("Pilihan redaksi paling banyak %(n)d berita. Akhiri salah satu dulu.")
            % {"n": MAX_PICKS}
        )


@transaction.atomic
def front_page_reorder(*, pick_ids, by):
    """Put "Pilihan Redaksi" in the order of `pick_ids` (as dragged in the admin);
    ids of picks that are gone are skipped."""
    _lock_front_page()
    if not workflow.is_chief(by):
        raise NotAllowed(_("Hanya pemimpin redaksi yang dapat mengatur halaman depan."))
    current = FrontPagePick.objects.in_bulk(pick_ids)
    changed = []
    for order, pk in enumerate(pick_ids, start=1):
        pick = current.get(pk)
        if pick is not None and pick.order != order:
            pick.order = order
            changed.append(pick)
    FrontPagePick.objects.bulk_update(changed, ["order"])
    if changed:
        _after_commit(purge=caching.keys_front_page_changed())
    return changed


@transaction.atomic
def front_page_pick_delete(*, pick, by):
    _lock_front_page()
    if not (workflow.is_chief(by) or (not pick.confirmed and pick.proposed_by_id == by.pk)):
        raise NotAllowed(_("Hanya pemimpin redaksi yang dapat mengatur halaman depan."))
    pick.delete()
    _after_commit(purge=caching.keys_front_page_changed())
    transaction.on_commit(caching.forget_next_timed_change, robust=True)


def _lock_front_page():
    """Serialize front-page changes: the pick limit is checked against rows that
    another transaction may be inserting, which no row lock can cover. SQLite
    runs one writer at a time already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FRONT_PAGE_LOCK])
