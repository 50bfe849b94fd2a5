"""Staff accounts in Django's user admin, with the chief editor's reset of a
lost second factor (`services.second_factor_reset`)."""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy, ngettext

from .. import services

User = get_user_model()


def may_reset_second_factor(user):
    return user.is_active and (user.is_superuser or user.has_perm("articles.lead_newsroom"))


class StaffUserAdmin(UserAdmin):
    actions = ["reset_second_factor"]

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if not may_reset_second_factor(request.user):
            actions.pop("reset_second_factor", None)
        return actions

    @admin.action(description=gettext_lazy("Atur ulang verifikasi dua langkah (ponsel hilang)"))
    def reset_second_factor(self, request, queryset):
        try:
            with transaction.atomic():
                for user in queryset:
                    services.second_factor_reset(user=user, by=request.user)
        except services.NotAllowed as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Verifikasi dua langkah %(count)d akun diatur ulang; pemiliknya diberi tahu.",
                "Verifikasi dua langkah %(count)d akun diatur ulang; pemiliknya diberi tahu.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
