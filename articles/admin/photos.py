"""The photo library."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import photos, services, workflow
from ..models import Article, Photo
from ..uploads import REPEAT_WINDOW
from .base import CheckedAutocompleteAdmin, ServiceAdmin, ServiceForm, adopt, wib_column
from .widgets import LabelledFileInput, UnlabelledBoundField


class PhotoForm(ServiceForm):
    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "photographer", "alt_text", "focus_x", "focus_y"]
        # Set by tapping the preview (static/admin/newsroom/photo_focus.js).
        widgets = {
            "image": LabelledFileInput,  # a <label for> of its own, not only a legend
            "focus_x": forms.HiddenInput,
            "focus_y": forms.HiddenInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("focus_x", "focus_y"):
            if name in self.fields:  # none on a photo the user may only view
                self.fields[name].required = False  # not sent: the photo keeps its focus
                self.fields[name].bound_field_class = UnlabelledBoundField  # hidden: no label

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
    list_display = ["thumbnail", "caption", "credit", "alt_text", "used_in", "created_at_wib"]
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

    created_at_wib = wib_column("created_at", gettext_lazy("Diunggah"))

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:  # measured from the file once it is saved; not "0" before
            fields = [f for f in fields if f not in ("width", "height")]
        return fields

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
        return workflow.is_editor(request.user)

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
            saved = services.photo_create(
                by=request.user, image=data["image"], repeat_window=REPEAT_WINDOW, **texts
            )
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
