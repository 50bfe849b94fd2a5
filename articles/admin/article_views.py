"""The article's pages beyond its list and form: history, comparing and
restoring versions, corrections, autosave and preview links."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import history, presence, services, workflow
from ..dates import wib
from ..models import ArticleAutosave


class ArticleViewsAdmin(admin.ModelAdmin):
    """The article admin's own URLs (`admin:articles_article_<name>`) and their views."""

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
            correction = services.correction_add(
                article=article,
                by=request.user,
                kind=request.POST.get("kind", ""),
                text=request.POST.get("text", ""),
            )
        except workflow.Refused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            if correction.kind == correction.Kind.REPLY:
                done = _("Hak jawab dimuat bersama berita.")
            else:
                done = _("Ralat dimuat bersama berita.")
            self.message_user(request, done, messages.SUCCESS)
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
        fields = {
            name: request.POST.getlist(name) if name == "coauthors" else request.POST[name]
            for name in ArticleAutosave.OTHER_FIELDS
            if name in request.POST
        }
        try:
            copy = services.article_autosave(
                article=article,
                by=request.user,
                texts=texts,
                fields=fields,
                base_revision=int(revision),
            )
        except services.TooLong as refusal:
            return JsonResponse({"error": str(refusal)}, status=413)
        except workflow.Refused as refusal:
            return JsonResponse({"error": str(refusal)}, status=403)
        presence.mark(article.pk, request.user)  # still here: the others' forms say so
        others = [
            {"name": other["name"], "since": wib(other["since"])}
            for other in presence.others(article.pk, request.user)
        ]
        return JsonResponse(
            {"saved_at": copy.saved_at.isoformat(), "shown": wib(copy.saved_at), "others": others}
        )

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
            "kept_fields": [*ArticleAutosave.AUTOSAVED_FIELDS, *ArticleAutosave.OTHER_FIELDS],
            "photo_texts_url": reverse("editor_photo_texts", args=["KEY"]),
            "body_max_bytes": settings.ARTICLE_BODY_MAX_BYTES,  # shown before saving
        }
        copy = obj and obj.autosaves.filter(by=request.user, saved_at__gt=obj.updated_at).first()
        if copy:
            config["server_copy"] = {
                "saved_at": copy.saved_at.isoformat(),
                "shown": wib(copy.saved_at),
                "fields": {
                    **{name: getattr(copy, name) for name in ArticleAutosave.AUTOSAVED_FIELDS},
                    **copy.fields,
                },
            }
        return config

    def preview_link_view(self, request, object_id):
        """Editors make a preview link (hours=N) or revoke one (revoke=<id>)."""
        if request.method != "POST":
            raise Http404
        article = self._viewable(request, object_id)
        if not workflow.decides_on(request.user, article):
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
