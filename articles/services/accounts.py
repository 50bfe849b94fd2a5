"""Staff logins: the desk's users, their roles (groups) and permissions.

Accounts are made by the commands and tests (`staff_user_create`); the
chief editor changes roles and deactivates people in the admin's user pages
(`staff_user_update`), and resets a lost second factor. Each change is an
account event on the chief's audit list.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from .. import workflow
from ..models import AccountEvent, ArticleAutosave
from .base import NotAllowed


@transaction.atomic
def staff_user_create(
    *,
    by,
    username,
    password=None,
    groups=(),
    permissions=(),
    is_superuser=False,
    first_name="",
    last_name="",
    email="",
):
    """Make a staff login `username` in `groups` (role names, such as
    "Redaktur") with `permissions` (`app_label.codename`); return it.

    `by` is the user making it, or None for a command run on the server.
    Without a `password` the login cannot sign in with one.
    """
    if by is not None and not (by.is_superuser or by.has_perm("auth.add_user")):
        raise NotAllowed(_("Akun Anda tidak boleh membuat akun staf."))
    if is_superuser and by is not None and not by.is_superuser:
        raise NotAllowed(_("Hanya superuser yang dapat membuat superuser."))
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
        is_superuser=is_superuser,
    )
    if groups:
        found = list(Group.objects.filter(name__in=groups))
        missing = set(groups) - {group.name for group in found}
        if missing:
            raise ValueError(f"No such group: {', '.join(sorted(missing))}")
        user.groups.add(*found)
    for name in permissions:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def account_event_record(*, user, kind, by=None, detail=""):
    """Note `kind` (an `AccountEvent.Kind`) for `user`'s account, done by `by`
    (None: the person themself or a command), for the chief's audit list."""
    return AccountEvent.objects.create(user=user, kind=kind, by=by, detail=detail[:300])


@transaction.atomic
def second_factor_reset(*, user, by):
    """Remove `user`'s second factor (authenticator app and recovery codes),
    as when their phone is lost; only the chief editor (or a superuser) may.

    The person is told by notice and email after commit; at their next visit
    to the admin a role that requires a second factor sets up a new one
    (newsroom/second_factor.py). allauth has no call that removes another
    person's authenticators (its flows act on the signed-in user), so the
    rows go here, as its own admin deletes them."""
    from allauth.mfa.models import Authenticator

    from .. import notifications

    if not workflow.is_chief(by):
        raise NotAllowed(
            _("Hanya pemimpin redaksi yang dapat mengatur ulang verifikasi dua langkah.")
        )
    Authenticator.objects.filter(user_id=user.pk).delete()
    event = account_event_record(user=user, kind=AccountEvent.Kind.SECOND_FACTOR_RESET, by=by)
    transaction.on_commit(lambda: notifications.second_factor_reset(user, by=by))
    return event


@transaction.atomic
def staff_user_update(*, user, by, is_active=None, groups=None):
    """Change whether `user` may sign in and which roles (groups) they have;
    only the chief editor (or a superuser) may, and not on their own account.

    Deactivating keeps the person's bylines, versions and workflow history
    (nothing is deleted), ends their sessions and drops their autosaved
    copies, so no story shows them as still typing. Each change is an
    account event on the chief's audit list. Returns the user.
    """
    from newsroom.second_factor import end_sessions

    if not workflow.is_chief(by):
        raise NotAllowed(_("Hanya pemimpin redaksi yang dapat mengubah akun staf."))
    current = get_user_model().objects.select_for_update().get(pk=user.pk)
    if current.pk == by.pk and (is_active is False or groups is not None):
        raise NotAllowed(_("Peran dan status akun Anda sendiri diubah oleh orang lain."))
    if current.is_superuser and not by.is_superuser:
        raise NotAllowed(_("Hanya superuser yang dapat mengubah akun superuser."))
    if groups is not None:
        before = set(current.groups.values_list("name", flat=True))
        after = {group.name for group in groups}
        if before != after:
            current.groups.set(groups)
            detail = _("Peran: %(roles)s.") % {"roles": ", ".join(sorted(after)) or "-"}
            account_event_record(
                user=current, kind=AccountEvent.Kind.ROLES_CHANGED, by=by, detail=detail
            )
    if is_active is not None and is_active != current.is_active:
        current.is_active = is_active
        current.save(update_fields=["is_active"])
        kind = AccountEvent.Kind.REACTIVATED if is_active else AccountEvent.Kind.DEACTIVATED
        account_event_record(user=current, kind=kind, by=by)
        if not is_active:
            ArticleAutosave.objects.filter(by=current).delete()
            transaction.on_commit(lambda: end_sessions(current), robust=True)
    return current


def command_account(username, *, first_name):
    """The chief-editor account a command writes as (an archive generator,
    an import), made once; it has no password, so nobody signs in with it."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = staff_user_create(
            by=None, username=username, first_name=first_name, groups=["Pemimpin Redaksi"]
        )
    return user
