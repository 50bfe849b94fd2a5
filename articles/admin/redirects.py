"""Old addresses and where they lead (`Redirect`): editors see and add them;
an import from WordPress adds its own."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from .. import services
from ..models import Redirect
from .base import EditorsAdmin, ServiceAdmin, ServiceForm, wib_column


class RedirectForm(ServiceForm):
    class Meta:
        model = Redirect
        fields = ["old_path", "new_path"]


@admin.register(Redirect)
class RedirectAdmin(EditorsAdmin, ServiceAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path", "source", "created_at_wib"]
    list_filter = ["source"]
    search_fields = ["old_path", "new_path"]
    created_at_wib = wib_column("created_at", gettext_lazy("Dibuat"))

    def save_model(self, request, obj, form, change):
        saved, _created = services.redirect_save(
            old_path=form.cleaned_data["old_path"],
            new_path=form.cleaned_data["new_path"],
            by=request.user,
            source=obj.source or "redaksi",
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.redirect_delete(redirect=obj, by=request.user)
