"""Answers for requests refused before any view runs."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from articles.services import megabytes


def bad_request(request, exception):
    """Django's 400, except for a request larger than Django reads
    (DATA_UPLOAD_MAX_MEMORY_SIZE, the same limit as nginx's): a 413 that
    says so, as JSON to the editor's scripts (the autosave) and as a page
    in Indonesian to a browser, instead of a bare "Bad Request"."""
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    message = _(
        "Kiriman terlalu besar dan tidak disimpan. Isi berita paling banyak %(limit)s MB."
    ) % {"limit": megabytes(settings.ARTICLE_BODY_MAX_BYTES)}
    if "text/html" not in request.headers.get("Accept", ""):
        response = JsonResponse({"error": message}, status=413)
    else:
        html = loader.render_to_string("413.html", {"message": message}, request=None)
        response = HttpResponse(html, status=413)
    response["Cache-Control"] = "no-store"
    return response
