"""The admins and forms the others build on: saves that are service calls,
refusals shown as form errors, editors-only and read-only lists."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse

from .. import richtext, workflow
from ..dates import wib
from .widgets import CheckedAutocompleteSelect, PickedDateTime


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

    # Times are picked, not typed in a locale's format (see PickedDateTime).
    formfield_overrides = {models.DateTimeField: {"widget": PickedDateTime}}

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
            # A stale copy comes back still at the revision it was opened
            # at: saving again is refused again. Saving over the other's
            # version is a choice of its own (admin/conflicts.py).
            if refusal.field in self.fields:  # beside the input it is about
                self.add_error(refusal.field, str(refusal))
                return cleaned
            raise ValidationError(str(refusal))
        return cleaned


class EditorsAdmin(admin.ModelAdmin):
    """Lists editors work in (live entries, front-page picks): each row's
    service still checks the story is one of theirs."""

    def has_module_permission(self, request):
        return workflow.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return workflow.is_editor(request.user)

    def has_add_permission(self, request):
        return workflow.is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.is_editor(request.user)

    def has_delete_permission(self, request, obj=None):
        return workflow.is_editor(request.user)


class ChiefOnlyAdmin(admin.ModelAdmin):
    """What only the chief editor sees and changes: the standing pages, bureaus."""

    def has_module_permission(self, request):
        return workflow.is_chief(request.user)

    def has_view_permission(self, request, obj=None):
        return workflow.is_chief(request.user)

    def has_add_permission(self, request):
        return workflow.is_chief(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.is_chief(request.user)

    def has_delete_permission(self, request, obj=None):
        return workflow.is_chief(request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list to read: nothing is added, changed or deleted through it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CheckedAutocompleteAdmin(admin.ModelAdmin):
    """Autocomplete fields that survive a posted value which is no id (see `widgets`)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                CheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def adopt(obj, saved):
    """Make the admin's in-memory object the one the service saved, for its redirect."""
    vars(obj).update(vars(saved))


def wib_column(field, description):
    """A list or read-only column showing the time `field` the one way the
    newsroom writes times (`dates.wib`), not in Django's locale format."""

    @admin.display(description=description, ordering=field)
    def column(self, obj):
        return wib(getattr(obj, field)) or "-"

    column.__name__ = f"{field}_wib"
    return column
