"""The rich-text editor's image upload endpoint.

CKEditor posts the file and shows `{"error": {"message": ...}}` to the user
when an upload is refused, so every refusal here is such a JSON answer.
"""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure

from . import photos
from .models import Photo


def refuse(message, status):
    return JsonResponse({"error": {"message": str(message)}}, status=status)


def editor_image_upload(request):
    """Store a photo dropped into the editor; answer with its article-width URL."""
    if request.method != "POST":
        return refuse(_("Unggah gambar dengan POST."), 405)
    user = request.user
    if not user.is_authenticated:
        return refuse(_("Sesi Anda berakhir. Masuk lagi untuk mengunggah gambar."), 401)
    if not (user.has_perm("articles.add_article") or user.has_perm("articles.change_article")):
        return refuse(_("Akun Anda tidak boleh mengunggah gambar berita."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return refuse(_("Tidak ada berkas gambar yang diterima."), 400)
    photo = Photo(image=upload)
    try:
        photo.save()
    except ValidationError as error:
        return refuse(" ".join(error.messages), 400)
    return JsonResponse(
        {"url": photos.rendition_url(photo, "article"), "photo_id": photo.pk}, status=201
    )


def csrf_failure(request, reason=""):
    """A JSON refusal for the editor's uploads; Django's page for everything else."""
    if request.path == reverse("editor_image_upload"):
        return refuse(_("Sesi kedaluwarsa. Muat ulang halaman lalu unggah lagi."), 403)
    return django_csrf_failure(request, reason=reason)
