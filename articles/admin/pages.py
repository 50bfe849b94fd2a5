"""Standing pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from .. import services
from ..models import Page
from .base import ChiefOnlyAdmin, ServiceAdmin, ServiceForm, wib_column


class PageForm(ServiceForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "body"]


@admin.register(Page)
class PageAdmin(ChiefOnlyAdmin, ServiceAdmin):
    """Standing pages: the Press Council's guideline, the corrections policy."""

    form = PageForm
    list_display = ["title", "slug", "updated_at_wib"]
    prepopulated_fields = {"slug": ["title"]}
    updated_at_wib = wib_column("updated_at", gettext_lazy("Diperbarui"))

    def has_delete_permission(self, request, obj=None):
        return False  # every page links to them; an editor changes the text instead

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []  # links in the footer and elsewhere keep working

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields  # a read-only address follows nothing

    def save_model(self, request, obj, form, change):
        services.page_save(page=obj, by=request.user)
