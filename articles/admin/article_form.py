"""The article form: the story's fields, the editor's workflow fields, the
copy's revision, and the co-authors in byline order."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy

from .. import services, workflow
from ..models import Article, Author
from .base import ServiceForm
from .conflicts import KEEP_MINE
from .widgets import (
    CheckedModelMultipleChoiceField,
    OrderedAutocompleteSelectMultiple,
    UnlabelledBoundField,
)

WORKFLOW_FIELDS = ("base_revision", "workflow_note", "publish_at")

# The editor's note is private until a story is out; then it is the reason
# readers read when it is withdrawn. {story is or was out: (label, help)}
WENT_OUT = {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED, Article.Status.WITHDRAWN}
NOTE_LABELS = {
    False: (
        gettext_lazy("Catatan untuk wartawan"),
        gettext_lazy(
            "Hanya dibaca wartawan dan redaksi. Wajib saat mengembalikan artikel ke wartawan."
        ),
    ),
    True: (
        gettext_lazy("Alasan pencabutan (dibaca pembaca)"),
        gettext_lazy(
            "Wajib untuk “Cabut permanen”: tampil di alamat berita. Untuk “Tarik sementara” "
            "hanya tercatat di riwayat."
        ),
    ),
}


class ArticleAdminForm(ServiceForm):
    """The article form, with the editor's workflow fields and the copy's revision."""

    base_revision = forms.IntegerField(
        label=gettext_lazy("Revisi salinan"),
        widget=forms.HiddenInput,
        required=False,
        bound_field_class=UnlabelledBoundField,
    )
    # Its label is the one the story's state makes it (see NOTE_LABELS).
    workflow_note = forms.CharField(
        label=gettext_lazy("Catatan untuk wartawan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
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
        if "workflow_note" in self.fields:
            label, help_text = NOTE_LABELS[self.instance.status in WENT_OUT]
            self.fields["workflow_note"].label = label
            self.fields["workflow_note"].help_text = help_text
        if not workflow.is_editor(self.request.user):
            del self.fields["coauthors"]  # the byline is the editors' call
        elif self.instance.pk is not None:  # in byline order, not by name
            self.initial["coauthors"] = list(
                self.instance.byline_set.values_list("author_id", flat=True)
            )
        if self.instance.pk is None and "author" not in self.fields:
            # A reporter always writes under their own byline.
            self.instance.author = getattr(self.request.user, "author", None)

    def clean(self):
        cleaned = super().clean()
        keep_mine = self.request.POST.get(KEEP_MINE, "")
        if keep_mine.isdecimal() and len(keep_mine) < 10:
            # "Simpan versi saya": over the version the editor was shown, and
            # refused again if someone saved once more in the meantime.
            cleaned["base_revision"] = int(keep_mine)
        action = self.request.POST.get("_action")
        schedules = workflow.is_editor(self.request.user)  # the field is theirs
        if schedules and cleaned.get("publish_at") and action != "schedule":
            # Enter in the field (or "Simpan") saves; it must not drop the
            # time typed there while saying the story was saved.
            self.add_error(
                "publish_at",
                gettext_lazy(
                    "Waktu ini belum dipakai. Tekan “Simpan & jadwalkan” untuk menjadwalkan "
                    "berita pada waktu ini, atau kosongkan kolom ini untuk menyimpan saja."
                ),
            )
        return cleaned

    def clean_coauthors(self):
        """The co-authors in the order the editor put them."""
        chosen = {str(author.pk): author for author in self.cleaned_data["coauthors"]}
        return [
            chosen[pk]
            for pk in dict.fromkeys(self.data.getlist(self.add_prefix("coauthors")))
            if pk in chosen
        ]
