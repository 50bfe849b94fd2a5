"""Live coverage: the entries of a live story."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services, workflow
from ..dates import wib
from ..models import LiveEntry
from .base import CheckedAutocompleteAdmin, EditorsAdmin, ServiceAdmin, ServiceForm


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
class LiveEntryAdmin(EditorsAdmin, CheckedAutocompleteAdmin, ServiceAdmin):
    """Entries of live stories, written by editors while the event runs."""

    form = LiveEntryForm
    list_display = ["at_wib", "__str__", "article"]
    list_filter = [("article", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["article", "photo"]
    search_fields = ["headline", "text"]

    def get_queryset(self, request):
        """Entries of the live stories of the editor's regions."""
        stories = workflow.articles_decided_by(request.user)
        return super().get_queryset(request).filter(article__in=stories).select_related("article")

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
