from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import workflow
from .models import Article, Author, Photo, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "ordering"]
    list_editable = ["ordering"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "initials", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "initials"]
    autocomplete_fields = ["user"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["__str__", "credit", "created_at"]
    search_fields = ["caption", "credit"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "region", "author", "published_at"]
    list_filter = ["status", "region", "author"]
    search_fields = ["title"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["lead_photo", "region", "author"]
    readonly_fields = ["status", "published_at"]
    list_select_related = ["region", "author"]
    actions = ["publish_now", "take_down"]

    @admin.action(description=_("Terbitkan sekarang"))
    def publish_now(self, request, queryset):
        for article in queryset:
            workflow.publish(article=article, by=request.user)

    @admin.action(description=_("Tarik dari publikasi"))
    def take_down(self, request, queryset):
        for article in queryset:
            workflow.unpublish(article=article, by=request.user)
