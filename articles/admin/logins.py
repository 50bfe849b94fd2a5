"""Login lockouts (django-axes' access attempts), as editors read them to
unlock a colleague: in Indonesian, with times in WIB.

Axes' own admin names an attempt "Attempted Access: 2026-12-04
14:05:41.094987+00:00" (its model's __str__, in English and UTC) in the
list's checkboxes, the change page and the delete confirmation; here an
attempt is named by its account and its time.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..dates import wib
from .base import wib_column


class Shown:
    """An attempt as its pages name it, for the templates' `original` and `object`."""

    def __init__(self, attempt):
        self.pk = attempt.pk
        self.attempt = attempt

    def __str__(self):
        return attempt_name(self.attempt)


def attempt_name(attempt):
    return _("%(username)s, %(when)s") % {
        "username": attempt.username or "-",
        "when": wib(attempt.attempt_time),
    }


class LockoutAdmin(AccessAttemptAdmin):
    list_display = [
        "attempt_time_wib",
        "username",
        "ip_address",
        "user_agent",
        "path_info",
        "failures_since_start",
    ]
    list_filter = ["attempt_time", "path_info"]
    readonly_fields = [*AccessAttemptAdmin.readonly_fields, "attempt_time_wib"]
    fieldsets = (
        (None, {"fields": ("username", "attempt_time_wib", "path_info", "failures_since_start")}),
        (gettext_lazy("Form Data"), {"fields": ("get_data", "post_data")}),
        (gettext_lazy("Meta Data"), {"fields": ("user_agent", "ip_address", "http_accept")}),
    )
    actions = ["delete_selected"]

    attempt_time_wib = wib_column("attempt_time", gettext_lazy("Attempt Time"))

    def action_checkbox(self, obj):
        """The row's checkbox, read out by the account and time, not axes' __str__."""
        return forms.CheckboxInput(
            {
                "class": "action-select",
                "aria-label": _("Pilih percobaan ini - %(name)s") % {"name": attempt_name(obj)},
            },
            lambda value: False,
        ).render(helpers.ACTION_CHECKBOX_NAME, str(obj.pk))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        attempt = self.get_object(request, object_id)
        if attempt is not None:
            shown = Shown(attempt)
            extra_context = {**(extra_context or {}), "original": shown, "subtitle": str(shown)}
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        attempt = self.get_object(request, object_id)
        if attempt is not None:
            shown = Shown(attempt)
            extra_context = {**(extra_context or {}), "object": shown, "escaped_object": str(shown)}
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        """What a deletion removes, named as above (with its expiry, which goes with it)."""
        _deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        opts = self.model._meta
        deleted = [
            format_html(
                '{}: <a href="{}">{}</a>',
                capfirst(opts.verbose_name),
                reverse("admin:axes_accessattempt_change", args=[quote(obj.pk)]),
                attempt_name(obj),
            )
            for obj in objs
        ]
        return deleted, model_count, perms_needed, protected

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django's message after deleting one quotes it by axes' __str__.
        if isinstance(message, str) and "Attempted Access" in message:
            message = _("Percobaan masuk dihapus: akunnya bisa dipakai masuk lagi.")
        return super().message_user(request, message, level, *args, **kwargs)


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, LockoutAdmin)
