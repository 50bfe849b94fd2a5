"""The chief editor's audit list (articles.audit), as a page of the admin
reached from the account events' list."""

from datetime import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy

from .. import audit, workflow
from ..models import AccountEvent
from .base import ReadOnlyAdmin


@admin.register(AccountEvent)
class AuditAdmin(ReadOnlyAdmin):
    """The audit list: the workflow's decisions, corrections and account
    events in one page, newest first, "Lebih lama" for the page before."""

    def has_module_permission(self, request):
        return workflow.is_chief(request.user)

    def has_view_permission(self, request, obj=None):
        return workflow.is_chief(request.user)

    def get_urls(self):
        view = self.admin_site.admin_view(self.changelist_view)
        return [path("", view, name="articles_accountevent_changelist")]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        before = _time(request.GET.get("sebelum", ""))
        entries = audit.trail(before=before)
        older = entries[-1].at.isoformat() if len(entries) == audit.PER_PAGE else None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext_lazy("Jejak audit"),
            "opts": self.model._meta,
            "entries": entries,
            "older": older,
            "newest": before is None,
        }
        return TemplateResponse(request, "admin/articles/audit.html", context)


def _time(value):
    """An aware time from the "sebelum" parameter, or None for anything else."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None
