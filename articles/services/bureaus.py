"""Bureaus: which regions each desk covers, and who edits and reports there.

Only the chief editor changes them. Who joins or leaves a bureau's editors
or reporters is an account event on the chief's audit list: it changes what
that person may decide on.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import workflow
from ..models import AccountEvent
from .accounts import account_event_record
from .base import NotAllowed, Refused, _lock_row


@transaction.atomic
def bureau_save(*, bureau, by, regions, editors=(), reporters=()):
    """Save `bureau` (new or changed) with its `regions`, `editors` and
    `reporters`; note each person who joined or left it. Returns it."""
    if not workflow.is_chief(by):
        raise NotAllowed(_("Hanya pemimpin redaksi yang dapat mengatur biro."))
    if not regions:
        raise Refused(_("Pilih sedikitnya satu wilayah untuk biro ini."), field="regions")
    editors, reporters = set(editors), set(reporters)
    refused = [user for user in editors if not user.has_perm("articles.publish_article")]
    if refused:
        raise Refused(
            _("Hanya akun berperan Redaktur yang dapat menjadi redaktur biro: %(names)s.")
            % {"names": ", ".join(sorted(user.get_username() for user in refused))},
            field="editors",
        )
    current = _lock_row(bureau)
    before = {}
    if current is not None:
        before = {
            "editors": set(current.editors.all()),
            "reporters": set(current.reporters.all()),
        }
    bureau.name = bureau.name.strip()
    bureau.save()
    bureau.regions.set(regions)
    for role, people in (("editors", editors), ("reporters", reporters)):
        getattr(bureau, role).set(people)
        old = before.get(role, set())
        label = _("redaktur") if role == "editors" else _("wartawan")
        for user in people - old:
            detail = _("Masuk biro %(bureau)s sebagai %(role)s.")
            _note(user, by, detail % {"bureau": bureau.name, "role": label})
        for user in old - people:
            detail = _("Keluar dari biro %(bureau)s sebagai %(role)s.")
            _note(user, by, detail % {"bureau": bureau.name, "role": label})
    return bureau


@transaction.atomic
def bureau_delete(*, bureau, by):
    if not workflow.is_chief(by):
        raise NotAllowed(_("Hanya pemimpin redaksi yang dapat mengatur biro."))
    _lock_row(bureau)
    for user in bureau.editors.all():
        detail = _("Biro %(bureau)s dihapus.") % {"bureau": bureau.name}
        _note(user, by, detail)
    bureau.delete()


def _note(user, by, detail):
    account_event_record(user=user, kind=AccountEvent.Kind.ROLES_CHANGED, by=by, detail=detail)
