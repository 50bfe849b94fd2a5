"""The newsroom's admin.

Reporters write and submit; editors review, publish and take down. The admin
collects input and calls `articles.services`; it writes nothing itself. The
buttons and messages of workflow actions come from `workflow.ACTIONS`.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from .. import history, photos, richtext, services, workflow
from .widgets import (
    CheckedAutocompleteSelect,
    CheckedModelMultipleChoiceField,
    OrderedAutocompleteSelectMultiple,
)
from ..dates import wib
from ..models import (
    Article,
    ArticleAutosave,
    ArticleTransition,
    Author,
    FrontPagePick,
    LiveEntry,
    Notice,
    Page,
    Photo,
    Region,
    ReviewQueue,
)
from ..templatetags.newsroom import article_body

WORKFLOW_FIELDS = ("base_revision", "workflow_note", "publish_at")

# Lazy, so the English admin under /en/admin/ gets English titles too.
admin.site.site_header = lazy(
    lambda: _("Redaksi %(name)s") % {"name": settings.NEWSROOM_NAME}, str
)()
admin.site.site_title = admin.site.site_header
admin.site.index_title = gettext_lazy("Meja redaksi")


class CleanTextForm(forms.ModelForm):
    """Drops invisible control characters from every text a form accepts."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = richtext.strip_control_characters(value)
        return cleaned


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose saves are calls to `articles.services`.

    Django validates the form, then saves inside one transaction. The
    service may still refuse under its row lock: someone saved in between,
    the action is no longer allowed, the storage is full. The transaction
    then rolls back, and the same POST is shown again with the refusal as a
    form error and everything the user typed still in the form.
    """

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request = request
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.Refused as refusal:
            if request.method != "POST":
                raise
            request.service_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        """The service has saved everything: tags and relations included."""

    def delete_view(self, request, object_id, extra_context=None):
        """A deletion the service refuses (the photo came into use meanwhile)
        is told on the change page, and nothing is deleted."""
        try:
            return super().delete_view(request, object_id, extra_context)
        except workflow.Refused as refusal:
            if isinstance(refusal, workflow.NotAllowed):
                raise
            self.message_user(request, str(refusal), messages.ERROR)
            opts = self.opts
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id])
            return HttpResponseRedirect(url)

    def delete_queryset(self, request, queryset):
        """A bulk deletion is one `delete_model` (one service call) per row."""
        for obj in queryset:
            try:
                self.delete_model(request, obj)
            except workflow.Refused as refusal:
                if isinstance(refusal, workflow.NotAllowed):
                    raise
                self.message_user(request, f"{obj}: {refusal}", messages.ERROR)

    # The story of a change lives in our own versions and transitions.
    def log_addition(self, request, obj, message):
        pass

    def log_change(self, request, obj, message):
        pass


class ServiceForm(CleanTextForm):
    """A form that shows a refusal from the service as its error (see ServiceAdmin)."""

    request = None  # set by ServiceAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        refusal = getattr(self.request, "service_refusal", None)
        if refusal is not None:
            if isinstance(refusal, workflow.Stale):
                # The form comes back at the current revision: saving again
                # after reading the message is a deliberate overwrite, and
                # the other person's text stays in the history.
                self.data = self.data.copy()
                self.data["base_revision"] = refusal.revision
            if refusal.field in self.fields:  # beside the input it is about
                self.add_error(refusal.field, str(refusal))
                return cleaned
            raise ValidationError(str(refusal))
        return cleaned


class EditorsOnlyAdmin(admin.ModelAdmin):
    """What only editors (who may publish) see and change: the front page,
    live entries, the standing pages."""

    def has_module_permission(self, request):
        return workflow.can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return workflow.can_publish(request.user)

    def has_add_permission(self, request):
        return workflow.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.can_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        return workflow.can_publish(request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list to read: nothing is added, changed or deleted through it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CheckedAutocompleteAdmin(admin.ModelAdmin):
    """Autocomplete fields that survive a posted value which is no id (see admin_widgets)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                CheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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


def adopt(obj, saved):
    """Make the admin's in-memory object the one the service saved, for its redirect."""
    vars(obj).update(vars(saved))


@admin.register(Region)
class RegionAdmin(CatalogueAdmin):
    list_display = ["name", "parent", "ordering"]
    list_editable = ["ordering"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


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


class PhotoForm(ServiceForm):
    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "photographer", "alt_text", "focus_x", "focus_y"]
        # Set by tapping the preview (static/admin/newsroom/photo_focus.js).
        widgets = {"focus_x": forms.HiddenInput, "focus_y": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("focus_x", "focus_y"):
            self.fields[name].required = False  # not sent: the photo keeps its focus

    def clean(self):
        cleaned = super().clean()
        for name in ("focus_x", "focus_y"):
            if cleaned.get(name) is None:
                cleaned[name] = getattr(self.instance, name)
        return cleaned


@admin.register(Photo)
class PhotoAdmin(CheckedAutocompleteAdmin, ServiceAdmin):
    """The photo library: one photo can serve many articles."""

    form = PhotoForm
    list_display = ["thumbnail", "caption", "credit", "alt_text", "used_in", "created_at"]
    list_display_links = ["thumbnail", "caption"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["preview", "width", "height"]
    fields = [
        "image",
        "preview",
        "caption",
        "credit",
        "photographer",
        "alt_text",
        "width",
        "height",
        "focus_x",
        "focus_y",
    ]
    autocomplete_fields = ["photographer"]
    actions = ["rebuild_renditions"]

    class Media:
        # Smaller photos from phones, with progress; the point of interest by a tap.
        js = ["admin/newsroom/photo_upload.js", "admin/newsroom/photo_focus.js"]
        css = {"all": ["admin/newsroom/photo_focus.css"]}

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return workflow.can_edit_photo(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return workflow.can_delete_photo(request.user, obj)

    def delete_model(self, request, obj):
        services.photo_delete(photo=obj, by=request.user)

    def has_rebuild_permission(self, request):
        return workflow.can_edit_any(request.user)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        texts = {name: data[name] for name in ("caption", "credit", "alt_text", "photographer")}
        if change:
            image = data["image"] if "image" in form.changed_data else None
            moved = {"focus_x", "focus_y"} & set(form.changed_data)
            focus = (data["focus_x"], data["focus_y"]) if moved else services.UNCHANGED
            saved = services.photo_update(
                photo=obj, by=request.user, image=image, focus=focus, **texts
            )
        else:
            saved = services.photo_create(by=request.user, image=data["image"], **texts)
        adopt(obj, saved)

    @admin.display(description=gettext_lazy("Foto"))
    def thumbnail(self, photo):
        return format_html(
            '<img src="{}" width="96" height="72" alt="" style="object-fit:cover">',
            photos.rendition_url(photo, "thumb"),
        )

    @admin.display(description=gettext_lazy("Pratinjau"))
    def preview(self, photo):
        if not photo.pk:
            return "-"
        return format_html(
            '<div class="focus-picker" data-focus-x="{}" data-focus-y="{}">'
            '<img src="{}" width="480" alt="{}" style="height:auto">'
            '<span class="focus-picker__mark" aria-hidden="true"></span></div>'
            '<p class="help">{}</p>',
            photo.focus_x,
            photo.focus_y,
            photos.rendition_url(photo, "article"),
            photo.alt_text,
            _(
                "Ketuk bagian terpenting foto (misalnya wajah). Semua potongan foto "
                "(kartu berita, pratinjau tautan, foto utama tegak) menjaganya tetap terlihat."
            ),
        )

    @admin.display(description=gettext_lazy("Dipakai"))
    def used_in(self, photo):
        count = Article.objects.showing_photo(photo).count()
        return _("%(count)d artikel") % {"count": count}

    @admin.action(description=gettext_lazy("Buat ulang ukuran turunan"), permissions=["rebuild"])
    def rebuild_renditions(self, request, queryset):
        for photo in queryset:
            try:
                services.photo_rebuild(photo=photo, by=request.user)
            except workflow.Refused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                return
        self.message_user(request, _("Ukuran turunan dibuat ulang."), messages.SUCCESS)


class ArticleAdminForm(ServiceForm):
    """The article form, with the editor's workflow fields and the copy's revision."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_note = forms.CharField(
        label=gettext_lazy("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Wajib saat mengembalikan artikel (untuk wartawan) dan saat mencabut berita "
            "(alasan yang dibaca pembaca)."
        ),
    )
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Jadwal terbit"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=gettext_lazy("Waktu WIB. Dipakai oleh tombol “Jadwalkan”."),
    )

    coauthors = CheckedModelMultipleChoiceField(
        label=gettext_lazy("Penulis lain"),
        queryset=Author.objects.all(),
        required=False,
        widget=OrderedAutocompleteSelectMultiple(Article._meta.get_field("coauthors"), admin.site),
        help_text=gettext_lazy("Dalam urutan byline, setelah penulis utama."),
    )

    class Meta:
        model = Article
        fields = [*services.CONTENT_FIELDS, "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_revision"].initial = self.instance.revision
        if not workflow.can_edit_any(self.request.user):
            del self.fields["coauthors"]  # the byline is the editors' call
        elif self.instance.pk is not None:  # in byline order, not by name
            self.initial["coauthors"] = list(
                self.instance.byline_set.values_list("author_id", flat=True)
            )
        if self.instance.pk is None and "author" not in self.fields:
            # A reporter always writes under their own byline.
            self.instance.author = getattr(self.request.user, "author", None)

    def clean_coauthors(self):
        """The co-authors in the order the editor put them."""
        chosen = {str(author.pk): author for author in self.cleaned_data["coauthors"]}
        return [
            chosen[pk]
            for pk in dict.fromkeys(self.data.getlist(self.add_prefix("coauthors")))
            if pk in chosen
        ]


class ArticleAdmin(CheckedAutocompleteAdmin, ServiceAdmin):
    form = ArticleAdminForm
    list_display = ["title", "status_label", "region", "author", "published_at", "updated_at"]
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
        return workflow.can_publish(request.user)

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f not in WORKFLOW_FIELDS]
        # The editors' marks come after the story itself.
        marks = ("kind", "live_until", "breaking_until")
        fields = [f for f in fields if f not in (*marks, "coauthors", "editor")]
        fields[fields.index("author") + 1 : fields.index("author") + 1] = ["coauthors", "editor"]
        fields += marks
        if not workflow.can_edit_any(request.user):
            # The byline, the address and the story's kind are the editors' call.
            for name in ("author", "coauthors", "editor", "slug", *marks):
                fields.remove(name)
        if obj is not None and not self.has_change_permission(request, obj):
            fields[fields.index("body")] = "body_as_read"  # as readers will see it
        return [*fields, "base_revision"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status_label", "published_at"]
        if obj is not None and obj.first_published_at:
            readonly.append("slug")  # links already shared must keep working
        return readonly

    def get_fieldsets(self, request, obj=None):
        fields = self.get_fields(request, obj)
        main = [f for f in fields if f not in ("status_label", "published_at", "base_revision")]
        fieldsets = [
            (None, {"fields": main}),
            (_("Status"), {"fields": ["status_label", "published_at", "base_revision"]}),
        ]
        if workflow.can_publish(request.user) and (
            obj is None or self.has_change_permission(request, obj)
        ):
            fieldsets.append((_("Keputusan redaksi"), {"fields": ["workflow_note", "publish_at"]}))
        return fieldsets

    @admin.display(description=gettext_lazy("Isi"))
    def body_as_read(self, article):
        keys = richtext.photo_keys(article.body)
        photos_by_key = Photo.objects.in_bulk(keys, field_name="key") if keys else {}
        return article_body(article, photos_by_key)

    @admin.display(description=gettext_lazy("Status"))
    def status_label(self, article):
        return article.get_status_display_full()

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
        if (
            adding
            and not workflow.can_edit_any(request.user)
            and not hasattr(request.user, "author")
        ):
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
            can_make_preview_links=obj is not None and workflow.can_publish(request.user),
            can_add_corrections=obj is not None
            and obj.is_live
            and workflow.can_publish(request.user),
            live_entries=obj.live_entries.all()[:10]
            if obj and obj.kind == Article.Kind.LIVE and workflow.can_publish(request.user)
            else None,
            preview_url=reverse("articles:preview", args=[obj.pk]) if obj else None,
            autosave=self._autosave_config(request, obj) if can_change else None,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

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

    @admin.action(description=gettext_lazy("Tarik dari publikasi"), permissions=["publish"])
    def take_down(self, request, queryset):
        self._bulk(request, queryset, "unpublish")

    # History, compare, restore, preview links --------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:number>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/preview-links/",
                view(self.preview_link_view),
                name="articles_article_preview_links",
            ),
            path(
                "<path:object_id>/corrections/",
                view(self.corrections_view),
                name="articles_article_corrections",
            ),
            path(
                "<path:object_id>/autosave/",
                view(self.autosave_view),
                name="articles_article_autosave",
            ),
            *super().get_urls(),
        ]

    def _viewable(self, request, object_id):
        article = self.get_object(request, object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._viewable(request, object_id)
        versions = list(article.versions.select_related("by"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Riwayat: %(title)s") % {"title": article.title},
            "opts": self.opts,
            "original": article,
            "object": article,
            "transitions": article.transitions.select_related("by"),
            "versions": versions,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        article = self._viewable(request, object_id)
        versions = {v.number: v for v in article.versions.select_related("by")}
        try:
            old = versions[int(request.GET.get("from", ""))]
            new = versions[int(request.GET.get("to", ""))]
        except (KeyError, ValueError):
            raise Http404(_("Versi tidak ditemukan.")) from None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Bandingkan versi %(a)s dan %(b)s") % {"a": old.number, "b": new.number},
            "opts": self.opts,
            "original": article,
            "old": old,
            "new": new,
            "rows": history.compare(old, new),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            raise Http404
        article = self._viewable(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(article.versions, number=number)
        try:
            services.article_restore(article=article, version=version, by=request.user)
        except workflow.Refused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(
                request,
                _("Versi %(number)s dipulihkan sebagai versi terbaru.") % {"number": number},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def corrections_view(self, request, object_id):
        """Editors publish a correction or right of reply with a live story."""
        if request.method != "POST":
            raise Http404
        article = self._viewable(request, object_id)
        try:
            services.correction_add(
                article=article,
                by=request.user,
                kind=request.POST.get("kind", ""),
                text=request.POST.get("text", ""),
            )
        except workflow.Refused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, _("Ralat dimuat bersama berita."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def autosave_view(self, request, object_id):
        """The form's script posts what is being typed every few seconds (JSON answers)."""
        if request.method != "POST":
            return JsonResponse({"error": _("Gunakan POST.")}, status=405)
        article = self._viewable(request, object_id)
        revision = request.POST.get("base_revision", "")
        if not revision.isdecimal() or len(revision) > 9:
            return JsonResponse({"error": _("Revisi tidak sah.")}, status=400)
        texts = {name: request.POST.get(name, "") for name in ArticleAutosave.AUTOSAVED_FIELDS}
        try:
            copy = services.article_autosave(
                article=article, by=request.user, texts=texts, base_revision=int(revision)
            )
        except services.TooLong as refusal:
            return JsonResponse({"error": str(refusal)}, status=413)
        except workflow.Refused as refusal:
            return JsonResponse({"error": str(refusal)}, status=403)
        return JsonResponse({"saved_at": copy.saved_at.isoformat(), "shown": wib(copy.saved_at)})

    def _autosave_config(self, request, obj):
        """What the form's script needs: where to post, and any newer copy kept for this user."""
        config = {
            "url": reverse("admin:articles_article_autosave", args=[obj.pk]) if obj else None,
            "key": f"newsroom:article:{obj.pk if obj else 'baru'}:{request.user.pk}",
            "revision": obj.revision if obj else 0,
            "updated_at": obj.updated_at.isoformat() if obj else None,
            # A form shown again after a refused save holds text not saved yet.
            "unsaved": request.method == "POST",
            "server_copy": None,
            "photo_texts_url": reverse("editor_photo_texts", args=["KEY"]),
            "body_max_bytes": settings.ARTICLE_BODY_MAX_BYTES,  # shown before saving
        }
        copy = obj and obj.autosaves.filter(by=request.user, saved_at__gt=obj.updated_at).first()
        if copy:
            config["server_copy"] = {
                "saved_at": copy.saved_at.isoformat(),
                "shown": wib(copy.saved_at),
                "fields": {name: getattr(copy, name) for name in ArticleAutosave.AUTOSAVED_FIELDS},
            }
        return config

    def preview_link_view(self, request, object_id):
        """Editors make a preview link (hours=N) or revoke one (revoke=<id>)."""
        if request.method != "POST":
            raise Http404
        article = self._viewable(request, object_id)
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        if "revoke" in request.POST:
            link_id = request.POST["revoke"]
            if not link_id.isdecimal():  # int() accepts exactly these; "²" is a digit
                raise Http404(_("Tautan pratinjau tidak ditemukan."))
            link = get_object_or_404(article.preview_links, pk=link_id)
            services.preview_link_revoke(link=link, by=request.user)
            self.message_user(request, _("Tautan pratinjau dicabut."), messages.SUCCESS)
        else:
            hours = request.POST.get("hours", "24")
            hours = int(hours) if hours.isdecimal() and len(hours) < 5 else 24
            link = services.preview_link_create(article=article, by=request.user, hours=hours)
            self.message_user(
                request,
                format_html(
                    _("Tautan pratinjau berlaku sampai {}: {}"),
                    wib(link.expires_at),
                    request.build_absolute_uri(link.get_absolute_url()),
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


admin.site.register(Article, ArticleAdmin)


class FrontPagePickForm(ServiceForm):
    class Meta:
        model = FrontPagePick
        fields = ["article", "slot", "order", "until"]


@admin.register(FrontPagePick)
class FrontPagePickAdmin(EditorsOnlyAdmin, CheckedAutocompleteAdmin, ServiceAdmin):
    """The front page: the lead story and "Pilihan Redaksi", each until a time."""

    form = FrontPagePickForm
    list_display = ["article", "slot", "until", "in_force"]  # ordered by dragging
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

    @admin.display(description=gettext_lazy("Berlaku"), boolean=True)
    def in_force(self, pick):
        return pick.until is None or pick.until > timezone.now()

    def save_model(self, request, obj, form, change):
        services.front_page_pick_save(pick=obj, by=request.user)

    def delete_model(self, request, obj):
        services.front_page_pick_delete(pick=obj, by=request.user)


class LiveEntryForm(ServiceForm):
    class Meta:
        model = LiveEntry
        fields = ["article", "at", "headline", "text", "photo"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # Blank: the moment it is saved, not the moment the form was opened.
            self.fields["at"].initial = None
            self.fields["at"].show_hidden_initial = False


@admin.register(LiveEntry)
class LiveEntryAdmin(EditorsOnlyAdmin, CheckedAutocompleteAdmin, ServiceAdmin):
    """Entries of live stories, written by editors while the event runs."""

    form = LiveEntryForm
    list_display = ["at_wib", "__str__", "article"]
    list_filter = [("article", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["article", "photo"]
    search_fields = ["headline", "text"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description=gettext_lazy("Waktu"), ordering="at")
    def at_wib(self, entry):
        return wib(entry.at)

    def save_model(self, request, obj, form, change):
        services.live_entry_save(entry=obj, by=request.user)

    def delete_model(self, request, obj):
        services.live_entry_delete(entry=obj, by=request.user)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.pop("at", None)  # from the address: not a time Django can show
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        """After an entry, straight to a fresh form for the next one of the same story."""
        if "_addanother" in request.POST or "_continue" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, _("Pembaruan dimuat."), messages.SUCCESS)
        url = reverse("admin:articles_liveentry_add")
        return HttpResponseRedirect(f"{url}?article={obj.article_id}")


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


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    """Each person's own workflow notices; opening the list marks them read."""

    list_display = ["text", "article_link", "at"]
    list_display_links = None

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


def view_on_site(request, content_type_id, object_id):
    """Replaces the admin's "view on site" shortcut (`admin/r/<type>/<id>/`).

    Django's own checks only that the user is staff, so it would reveal the
    address of any object with a URL: another reporter's draft, a preview
    link's secret token. Here an article leads to its public page or its
    preview only for those who may see it; regions and authors to their
    pages; anything else is 404.
    """
    if not (request.user.is_active and request.user.is_staff):
        raise Http404
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None or not str(object_id).isdecimal():
        raise Http404
    if model is Article:
        article = get_object_or_404(Article, pk=object_id)
        if not workflow.can_view(request.user, article):
            raise Http404
        if article.is_live:
            return HttpResponseRedirect(article.get_absolute_url())
        return HttpResponseRedirect(reverse("articles:preview", args=[article.pk]))
    if model in (Region, Author):
        return HttpResponseRedirect(get_object_or_404(model, pk=object_id).get_absolute_url())
    raise Http404


@admin.register(ReviewQueue)
class ReviewQueueAdmin(ReadOnlyAdmin):
    """Articles waiting for an editor, the longest-waiting first."""

    list_display = ["title_link", "author", "region", "waiting"]
    list_select_related = ["author", "region"]
    search_fields = ["title"]

    def get_queryset(self, request):
        submitted = ArticleTransition.objects.filter(
            article=OuterRef("pk"), to_status=Article.Status.REVIEW
        ).order_by("-at")
        # Annotated before ordering: ModelAdmin.get_queryset would order by
        # `submitted_at` before it exists.
        return (
            ReviewQueue.objects.filter(status=Article.Status.REVIEW)
            .annotate(submitted_at=Subquery(submitted.values("at")[:1]))
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        # The changelist orders by this, not by the queryset's order_by().
        return ["submitted_at", "pk"]

    @admin.display(description=gettext_lazy("Judul"))
    def title_link(self, article):
        url = reverse("admin:articles_article_change", args=[article.pk])
        return format_html('<a href="{}">{}</a>', url, article.title)

    @admin.display(description=gettext_lazy("Menunggu"), ordering="submitted_at")
    def waiting(self, article):
        if article.submitted_at is None:
            return "-"
        return timesince(article.submitted_at)
