"""Staff accounts in Django's user admin, with the chief editor's reset of a
lost second factor (`services.second_factor_reset`)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy, ngettext

from .. import services, workflow
from .base import wib_column

User = get_user_model()


class StaffUserAdmin(UserAdmin):
    """The chief editor sees people's names, roles and whether they may sign
    in, and changes roles and deactivates through `services.staff_user_update`
    (an account event each); permission lists and superuser flags stay
    the superuser's."""

    actions = ["reset_second_factor", "deactivate"]
    chief_fieldsets = (
        (None, {"fields": ("username",)}),
        (gettext_lazy("Data pribadi"), {"fields": ("first_name", "last_name", "email")}),
        (gettext_lazy("Peran"), {"fields": ("is_active", "groups")}),
    )

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return self.chief_fieldsets
        return super().get_fieldsets(request, obj)

    def get_list_filter(self, request):
        return ("is_active", "groups") if not request.user.is_superuser else self.list_filter

    def get_list_display(self, request):
        return ("username", "first_name", "last_name", "email", "signs_in", "last_login_wib")

    @admin.display(description=gettext_lazy("Status"), ordering="is_active")
    def signs_in(self, user):
        return gettext_lazy("Aktif") if user.is_active else gettext_lazy("Nonaktif")

    last_login_wib = wib_column("last_login", gettext_lazy("Terakhir masuk"))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """Roles as checkboxes, said in the newsroom's words."""
        if db_field.name == "groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["help_text"] = gettext_lazy(
                "Wartawan menulis dan mengirim berita. Redaktur memutuskan berita wilayah "
                "biro yang ia pegang (atur di Biro). Pemimpin Redaksi memutuskan semua wilayah."
            )
            kwargs["label"] = gettext_lazy("Peran")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Names and email as Django saves them; roles and signing in through
        the service, which records them and ends a deactivated person's sessions."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        active = form.cleaned_data.get("is_active") if "is_active" in form.changed_data else None
        groups = form.cleaned_data.get("groups") if "groups" in form.changed_data else None
        obj.is_active = form.initial["is_active"]  # the service decides
        super().save_model(request, obj, form, change)
        if active is not None or groups is not None:
            services.staff_user_update(user=obj, by=request.user, is_active=active, groups=groups)

    def save_related(self, request, form, formsets, change):
        """Roles were set by the service; a superuser's permission list as Django sets it."""
        if not change:
            super().save_related(request, form, formsets, change)
        elif "user_permissions" in form.changed_data:
            form.instance.user_permissions.set(form.cleaned_data["user_permissions"])

    @admin.action(description=gettext_lazy("Nonaktifkan akun terpilih"))
    def deactivate(self, request, queryset):
        try:
            with transaction.atomic():
                for user in queryset:
                    services.staff_user_update(user=user, by=request.user, is_active=False)
        except services.NotAllowed as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return
        self.message_user(
            request,
            gettext_lazy("Akun dinonaktifkan: sesinya berakhir, tulisan dan riwayatnya tetap."),
            messages.SUCCESS,
        )

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if not workflow.is_chief(request.user):
            actions.pop("reset_second_factor", None)
            actions.pop("deactivate", None)
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
