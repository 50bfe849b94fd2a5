"""Each person's workflow notices."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from .. import services
from ..models import Notice
from .base import ReadOnlyAdmin, wib_column


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    """Each person's own workflow notices; opening the list marks them read."""

    list_display = ["text", "article_link", "at_wib"]
    list_display_links = None
    at_wib = wib_column("at", gettext_lazy("Waktu"))

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user).select_related("article")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.user == request.user)

    @admin.display(description=gettext_lazy("Artikel"))
    def article_link(self, notice):
        if notice.article is None:
            return "-"
        url = reverse("admin:articles_article_change", args=[notice.article_id])
        return format_html('<a href="{}">{}</a>', url, notice.article.title)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        services.notices_read(by=request.user)  # shown: read
        return response
