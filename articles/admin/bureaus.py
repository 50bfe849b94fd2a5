"""Bureaus (Biro): the chief editor sets which regions each desk covers and
who edits and reports there (services.bureau_save)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy

from .. import services
from ..models import Bureau
from .base import ChiefOnlyAdmin, ServiceAdmin, ServiceForm


def _staff_with(perm_codename):
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return users.filter(
        Q(groups__permissions__codename=perm_codename) | Q(user_permissions__codename=perm_codename)
    ).distinct()


class BureauForm(ServiceForm):
    class Meta:
        model = Bureau
        fields = ["name", "regions", "editors", "reporters"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Editors are chosen among those who may publish; reporters among writers.
        self.fields["editors"].queryset = _staff_with("publish_article")
        self.fields["reporters"].queryset = _staff_with("add_article")


@admin.register(Bureau)
class BureauAdmin(ChiefOnlyAdmin, ServiceAdmin):
    form = BureauForm
    list_display = ["name", "region_names", "editor_names"]
    autocomplete_fields = ["regions", "editors", "reporters"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions", "editors")

    @admin.display(description=gettext_lazy("Wilayah"))
    def region_names(self, bureau):
        return ", ".join(region.name for region in bureau.regions.all())

    @admin.display(description=gettext_lazy("Redaktur"))
    def editor_names(self, bureau):
        return ", ".join(user.get_full_name() or user.username for user in bureau.editors.all())

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.bureau_save(
            bureau=obj,
            by=request.user,
            regions=data["regions"],
            editors=data["editors"],
            reporters=data["reporters"],
        )

    def delete_model(self, request, obj):
        services.bureau_delete(bureau=obj, by=request.user)
