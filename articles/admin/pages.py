"""Standing pages."""

from django.contrib import admin

from .. import services
from ..models import Page
from .base import EditorsOnlyAdmin, ServiceAdmin, ServiceForm


class PageForm(ServiceForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "body"]


@admin.register(Page)
class PageAdmin(EditorsOnlyAdmin, ServiceAdmin):
    """Standing pages: the Press Council's guideline, the corrections policy."""

    form = PageForm
    list_display = ["title", "slug", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}

    def has_delete_permission(self, request, obj=None):
        return False  # every page links to them; an editor changes the text instead

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []  # links in the footer and elsewhere keep working

    def save_model(self, request, obj, form, change):
        services.page_save(page=obj, by=request.user)
