"""The read beacon: an article page tells us, once, that it was read (for "Terpopuler")."""

from urllib.parse import urlsplit

from django.http import HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsroom.proxies import client_ip

from . import popularity
from .models import Article


@csrf_exempt  # a beacon carries no token; it can only add one read
@require_POST
def record_read(request, pk):
    """The article page's beacon: one read of a published article.

    Only our own pages may send it (browsers say where a request comes from
    in Sec-Fetch-Site and Origin), and one reader counts once per story per
    hour, so a script that posts a thousand beacons adds one read.
    """
    if not _same_site(request):
        return HttpResponse(status=403)
    article = get_object_or_404(Article.objects.published().only("pk", "published_at"), pk=pk)
    if popularity.first_read_this_hour(article, reader=_reader(request)):
        popularity.record_read(article)
    return HttpResponse(status=204)


def _same_site(request):
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "same-site"):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    # By name: a proxy in front (deploy/nginx.conf) passes the site's own
    # host without the port the reader's browser used.
    return urlsplit(origin).hostname == split_domain_port(request.get_host())[0]


def _reader(request):
    """Who reads, as far as a beacon can tell: address and browser."""
    return f"{client_ip(request)}|{request.headers.get('User-Agent', '')}"
