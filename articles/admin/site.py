"""The admin site: its titles, and its "view on site" shortcut."""

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import workflow
from ..models import Article, Author, Region

# Lazy, so the English admin under /en/admin/ gets English titles too.
admin.site.site_header = lazy(
    lambda: _("Redaksi %(name)s") % {"name": settings.NEWSROOM_NAME}, str
)()
admin.site.site_title = admin.site.site_header
admin.site.index_title = gettext_lazy("Meja redaksi")


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
        if article.is_public_now:
            return HttpResponseRedirect(article.get_absolute_url())
        return HttpResponseRedirect(reverse("articles:preview", args=[article.pk]))
    if model in (Region, Author):
        return HttpResponseRedirect(get_object_or_404(model, pk=object_id).get_absolute_url())
    raise Http404
