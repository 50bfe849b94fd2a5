"""The review queue: articles waiting for an editor."""

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy

from .. import workflow
from ..models import Article, ArticleTransition, ReviewQueue
from .base import ReadOnlyAdmin


@admin.register(ReviewQueue)
class ReviewQueueAdmin(ReadOnlyAdmin):
    """Articles waiting for an editor of their region's bureau, the
    longest-waiting first (every region's for the chief editor)."""

    list_display = ["title_link", "author", "region", "waiting"]
    list_select_related = ["author", "region"]
    search_fields = ["title"]

    def get_queryset(self, request):
        submitted = ArticleTransition.objects.filter(
            article=OuterRef("pk"), to_status=Article.Status.REVIEW
        ).order_by("-at")
        # Annotated before ordering: ModelAdmin.get_queryset would order by
        # `submitted_at` before it exists.
        waiting = ReviewQueue.objects.filter(status=Article.Status.REVIEW)
        return (
            workflow.articles_decided_by(request.user, waiting)  # the editor's bureaus
            .annotate(submitted_at=Subquery(submitted.values("at")[:1]))
            .order_by(*self.get_ordering(request))
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A row leads to the story's own form, where the editor decides."""
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[object_id]))

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
