"""The front page: the lead story and "Pilihan Redaksi"."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services, workflow
from ..models import FrontPagePick
from .base import CheckedAutocompleteAdmin, EditorsOnlyAdmin, ServiceAdmin, ServiceForm, wib_column


class FrontPagePickForm(ServiceForm):
    class Meta:
        model = FrontPagePick
        fields = ["article", "slot", "order", "until"]


@admin.register(FrontPagePick)
class FrontPagePickAdmin(EditorsOnlyAdmin, CheckedAutocompleteAdmin, ServiceAdmin):
    """The front page: the lead story and "Pilihan Redaksi", each until a time."""

    form = FrontPagePickForm
    list_display = ["article", "slot", "until_wib", "in_force"]  # ordered by dragging
    list_filter = ["slot"]
    autocomplete_fields = ["article"]
    change_list_template = "admin/articles/frontpagepick/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.order_view)
        return [path("order/", view, name="articles_frontpagepick_order"), *super().get_urls()]

    def order_view(self, request):
        """The changelist's rows, dragged into a new order: `pick` ids, first to last."""
        if request.method != "POST":
            return JsonResponse({"error": _("Gunakan POST.")}, status=405)
        ids = [int(v) for v in request.POST.getlist("pick") if v.isdecimal() and len(v) < 10]
        try:
            services.front_page_reorder(pick_ids=ids, by=request.user)
        except workflow.Refused as refusal:
            return JsonResponse({"error": str(refusal)}, status=403)
        return JsonResponse({"message": _("Urutan halaman depan disimpan.")})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    until_wib = wib_column("until", gettext_lazy("Sampai"))

    @admin.display(description=gettext_lazy("Berlaku"), boolean=True)
    def in_force(self, pick):
        return pick.until is None or pick.until > timezone.now()

    def save_model(self, request, obj, form, change):
        services.front_page_pick_save(pick=obj, by=request.user)

    def delete_model(self, request, obj):
        services.front_page_pick_delete(pick=obj, by=request.user)
