"""The front page: the lead story and "Pilihan Redaksi"."""

from django.contrib import admin, messages
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services, workflow
from ..models import FrontPagePick
from .base import CheckedAutocompleteAdmin, EditorsAdmin, ServiceAdmin, ServiceForm, wib_column


class FrontPagePickForm(ServiceForm):
    class Meta:
        model = FrontPagePick
        fields = ["article", "slot", "order", "until"]


@admin.register(FrontPagePick)
class FrontPagePickAdmin(EditorsAdmin, CheckedAutocompleteAdmin, ServiceAdmin):
    """The front page: the lead story and "Pilihan Redaksi", each until a
    time. The chief editor curates it; bureau editors propose (services.front_page)."""

    form = FrontPagePickForm
    list_display = ["article", "slot", "until_wib", "in_force", "standing", "proposed_by"]
    list_filter = ["slot", "confirmed"]  # ordered by dragging
    autocomplete_fields = ["article"]
    actions = ["confirm"]

    @admin.display(description=gettext_lazy("Status"), ordering="confirmed")
    def standing(self, pick):
        return _("Dikonfirmasi") if pick.confirmed else _("Usulan, menunggu pemimpin redaksi")

    def has_change_permission(self, request, obj=None):
        """The chief changes any pick; a bureau editor only their own waiting proposal."""
        if obj is None or workflow.is_chief(request.user):
            return workflow.is_editor(request.user)
        return not obj.confirmed and obj.proposed_by_id == request.user.pk

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_confirm_permission(self, request):
        return workflow.is_chief(request.user)

    @admin.action(description=gettext_lazy("Konfirmasi usulan terpilih"), permissions=["confirm"])
    def confirm(self, request, queryset):
        done = 0
        for pick in queryset.filter(confirmed=False):
            try:
                services.front_page_pick_confirm(pick=pick, by=request.user)
                done += 1
            except workflow.Refused as refusal:
                self.message_user(request, f"{pick}: {refusal}", messages.ERROR)
        if done:
            self.message_user(
                request, _("%(n)d usulan masuk halaman depan.") % {"n": done}, messages.SUCCESS
            )

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
