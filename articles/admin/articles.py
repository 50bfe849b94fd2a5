"""The article admin: who sees which article and field, saving through
`services.article_save`, the workflow buttons and bulk actions. Its form is
in `article_form`, its pages beyond the form in `article_views`."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import presence, richtext, services, workflow
from ..models import Article, Photo
from ..templatetags.newsroom import article_body
from . import conflicts
from .article_form import WORKFLOW_FIELDS, ArticleAdminForm
from .article_views import ArticleViewsAdmin
from .base import CheckedAutocompleteAdmin, ServiceAdmin, adopt, wib_column

# Not offered to reporters: the fields the service refuses from them, and
# beside those the co-authors (the byline: the service refuses them too),
# the breaking bar (refused to all who may not publish) and the address
# (until an editor sets one, it follows the headline).
EDITORS_ONLY = {*services.EDITORS_FIELDS, "coauthors", "breaking_until", "slug"}


class ArticleAdmin(ArticleViewsAdmin, CheckedAutocompleteAdmin, ServiceAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status_label",
        "region",
        "author",
        "published_at_wib",
        "updated_at_wib",
    ]
    list_filter = ["status", "region", "author"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["lead_photo", "region", "author", "editor"]
    list_select_related = ["region", "author"]
    actions = ["publish_now", "take_down"]
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/history.html"

    class Media:
        css = {"all": ["admin/newsroom/article_list.css"]}
        # Body photos go up small, with progress, one at a time (the shrink is photo_upload.js's).
        js = ["admin/newsroom/photo_upload.js", "admin/newsroom/body_upload.js"]

    # Who sees what -----------------------------------------------------

    def get_queryset(self, request):
        return workflow.articles_for(request.user).select_related("author", "region")

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is None:
            # Someone else's article, or none at all: the same answer.
            raise Http404(_("Artikel tidak ditemukan."))
        return article

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return workflow.can_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return workflow.can_view(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Taking a story down is "unpublish"; deleting loses its history.
        return workflow.can_delete_article(request.user)

    def delete_model(self, request, obj):
        services.article_delete(article=obj, by=request.user)

    def has_publish_permission(self, request):
        return workflow.is_editor(request.user)

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f not in WORKFLOW_FIELDS]
        # The editors' marks come after the story itself.
        marks = ("kind", "live_until", "breaking_until")
        fields = [f for f in fields if f not in (*marks, "coauthors", "editor")]
        fields[fields.index("author") + 1 : fields.index("author") + 1] = ["coauthors", "editor"]
        fields += marks
        if not workflow.is_editor(request.user):
            # The byline, the address and the story's kind are the editors' call.
            fields = [f for f in fields if f not in EDITORS_ONLY]
        elif not workflow.is_chief(request.user):
            fields.remove("breaking_until")  # the breaking bar is the chief's
        if obj is not None and not self.has_change_permission(request, obj):
            fields[fields.index("body")] = "body_as_read"  # as readers will see it
            return fields  # nothing to save, so no revision to carry
        return [*fields, "base_revision"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status_label", "published_at_wib"]
        if obj is not None and obj.first_published_at:
            readonly.append("slug")  # links already shared must keep working
        return readonly

    def get_fieldsets(self, request, obj=None):
        fields = self.get_fields(request, obj)
        status = ["status_label", "published_at_wib", "base_revision"]
        main = [f for f in fields if f not in status]
        fieldsets = [
            (None, {"fields": main}),
            (_("Status"), {"fields": [f for f in status if f in fields or f != "base_revision"]}),
        ]
        if workflow.is_editor(request.user) and (
            obj is None or workflow.decides_on(request.user, obj)
        ):
            decision = {
                "fields": ["workflow_note", "publish_at"],
                # The two ways down sound alike; one is undone, the other is not.
                "description": _(
                    "“Tarik sementara”: berita hilang dari situs tanpa pemberitahuan dan bisa "
                    "diterbitkan lagi. “Cabut permanen”: alamat berita menampilkan pemberitahuan "
                    "pencabutan dengan alasan Anda, dan berita tidak bisa diterbitkan lagi."
                ),
            }
            fieldsets.append((_("Keputusan redaksi"), decision))
        return fieldsets

    @admin.display(description=gettext_lazy("Isi"))
    def body_as_read(self, article):
        keys = richtext.photo_keys(article.body)
        photos_by_key = Photo.objects.in_bulk(keys, field_name="key") if keys else {}
        return article_body(article, photos_by_key)

    @admin.display(description=gettext_lazy("Status"))
    def status_label(self, article):
        return article.get_status_display_full()

    published_at_wib = wib_column("published_at", gettext_lazy("Waktu terbit"))
    updated_at_wib = wib_column("updated_at", gettext_lazy("Diubah"))

    # Saving ------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        """Hand the form's input to the one service that saves articles."""
        data = form.cleaned_data
        action = request.POST.get("_action") or None
        saved = services.article_save(
            article=obj if change else None,
            by=request.user,
            base_revision=data.get("base_revision"),
            changes={name: data[name] for name in services.CONTENT_FIELDS if name in data},
            tags=data.get("tags"),
            coauthors=data.get("coauthors"),
            action=action,
            note=data.get("workflow_note") or "",
            publish_at=data.get("publish_at"),
        )
        adopt(obj, saved)
        if action:
            done = workflow.ACTIONS[action].success_message(saved)
            self.message_user(request, done, messages.SUCCESS)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if "_saveasnew" in request.POST:
            # Django honours "save as new" even where save_as is off; it would
            # let anyone copy an article they may not open.
            raise PermissionDenied
        adding = object_id is None
        if adding and not workflow.is_editor(request.user) and not hasattr(request.user, "author"):
            self.message_user(
                request,
                _("Akun Anda belum terhubung dengan profil penulis. Hubungi redaktur."),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article(status=Article.Status.DRAFT)
        if obj is None and hasattr(request.user, "author"):
            article.author = request.user.author
        can_change = obj is None or self.has_change_permission(request, obj)
        context.update(
            workflow_actions=workflow.available_actions(request.user, article)
            if can_change
            else [],
            returned_note=obj.transitions.filter(to_status=Article.Status.RETURNED).first()
            if obj and obj.status == Article.Status.RETURNED
            else None,
            preview_links=obj.preview_links.all()[:5] if obj else [],
            can_make_preview_links=obj is not None and workflow.decides_on(request.user, obj),
            can_add_corrections=obj is not None
            and obj.is_public_now
            and workflow.decides_on(request.user, obj),
            live_entries=obj.live_entries.all()[:10]
            if obj and obj.kind == Article.Kind.LIVE and workflow.decides_on(request.user, obj)
            else None,
            preview_url=reverse("articles:preview", args=[obj.pk]) if obj else None,
            autosave=self._autosave_config(request, obj) if can_change else None,
            **self._two_people(request, context, obj),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if conflicts.KEEP_MINE in request.POST:  # a save like "Simpan": back to the form
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    def _two_people(self, request, context, obj):
        """Who else has the story open; and, when this save was refused as
        stale, what differs between the saved version and this form."""
        if obj is None:
            return {}
        presence.mark(obj.pk, request.user)
        found = {"others_here": presence.others(obj.pk, request.user)}
        refusal = getattr(request, "service_refusal", None)
        if isinstance(refusal, workflow.Stale):
            saved = Article.objects.get(pk=obj.pk)
            typed = context["adminform"].form.data
            found["conflict"] = {
                "revision": refusal.revision,
                "fields": conflicts.differences(saved, typed),
                "typed_body": conflicts.text_of(typed.get("body") or ""),
            }
        return found

    # Bulk actions ------------------------------------------------------

    def _bulk(self, request, queryset, name):
        done = 0
        for article in queryset:
            try:
                services.article_act(article=article, by=request.user, action=name)
                done += 1
            except workflow.Refused as error:
                self.message_user(request, f"{article.title}: {error}", messages.WARNING)
        if done:
            self.message_user(
                request, _("%(count)d artikel diproses.") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=gettext_lazy("Terbitkan sekarang"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description=gettext_lazy("Tarik sementara dari situs"), permissions=["publish"])
    def take_down(self, request, queryset):
        self._bulk(request, queryset, "unpublish")


admin.site.register(Article, ArticleAdmin)
