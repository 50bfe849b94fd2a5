"""Regions, authors and tags."""

from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from .. import photos, richtext, services, workflow
from ..models import Author, Region
from .base import CheckedAutocompleteAdmin, CleanTextForm


class CatalogueAdmin(admin.ModelAdmin):
    """Regions, authors and tags: saved through the service that purges the pages naming them."""

    form = CleanTextForm

    def save_model(self, request, obj, form, change):
        services.catalogue_save(instance=obj, by=request.user)

    def delete_model(self, request, obj):
        services.catalogue_delete(instance=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.catalogue_delete(instance=obj, by=request.user)


@admin.register(Region)
class RegionAdmin(CatalogueAdmin):
    list_display = ["name", "parent", "ordering"]
    list_editable = ["ordering"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_search_results(self, request, queryset, search_term):
        """A bureau editor picks a story's region among their bureaus' own
        (services refuse any other: `workflow.may_move`)."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        picking = request.GET.get("model_name") == "article" and workflow.is_editor(request.user)
        regions = workflow.regions_edited_by(request.user) if picking else None
        if regions is not None:
            queryset = queryset.filter(pk__in=regions)
        return queryset, duplicates


class AuthorForm(CleanTextForm):
    def clean_portrait(self):
        """A new portrait is checked and stored upright, small and without metadata."""
        portrait = self.cleaned_data.get("portrait")
        if isinstance(portrait, UploadedFile):
            clean, _size = photos.normalize(portrait, max_side=400)
            return ContentFile(clean.content, name=clean.name)
        return portrait


@admin.register(Author)
class AuthorAdmin(CheckedAutocompleteAdmin, CatalogueAdmin):
    form = AuthorForm
    list_display = ["name", "initials", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "initials"]
    autocomplete_fields = ["user"]


admin.site.unregister(Tag)


class TagForm(CleanTextForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") is not None:
            cleaned["slug"] = richtext.ascii_tag_slug(cleaned["name"], cleaned.get("slug"))
        return cleaned


@admin.register(Tag)
class TagAdmin(CatalogueAdmin):
    form = TagForm
    list_display = TaggitTagAdmin.list_display
    ordering = TaggitTagAdmin.ordering
    search_fields = TaggitTagAdmin.search_fields
    prepopulated_fields = TaggitTagAdmin.prepopulated_fields
