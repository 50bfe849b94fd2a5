"""The rich-text editor's image upload endpoint.

CKEditor posts the file and shows `{"error": {"message": ...}}` to the user
when an upload is refused, so every refusal here is such a JSON answer.
"""

from datetime import timedelta

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure

from . import photos, services, workflow
from .models import Photo

# The same file sent twice by one writer within this time (a double tap, a
# phone resending after a lost answer) is one photo.
REPEAT_WINDOW = timedelta(seconds=60)


def refuse(message, status):
    return JsonResponse({"error": {"message": str(message)}}, status=status)


def editor_image_upload(request):
    """Store a photo dropped into the editor; answer with its article-width URL."""
    if request.method != "POST":
        return refuse(_("Unggah gambar dengan POST."), 405)
    if not request.user.is_authenticated:
        return refuse(_("Sesi Anda berakhir. Masuk lagi untuk mengunggah gambar."), 401)
    upload = request.FILES.get("upload")
    if upload is None:
        return refuse(_("Tidak ada berkas gambar yang diterima."), 400)
    received = timezone.now()
    try:
        photo = services.photo_create(by=request.user, image=upload, repeat_window=REPEAT_WINDOW)
    except workflow.NotAllowed as refusal:
        return refuse(refusal, 403)
    except services.StorageFailed as refusal:
        return refuse(refusal, 503)
    except workflow.Refused as refusal:
        return refuse(refusal, 400)
    return JsonResponse(
        {"url": photos.rendition_url(photo, "article"), "photo_id": photo.pk},
        status=201 if photo.created_at >= received else 200,  # 200: the same file again
    )


def editor_photo_texts(request, key):
    """The caption, credit and alternative text of a photo just put in a body."""
    if request.method != "POST":
        return refuse(_("Gunakan POST."), 405)
    if not request.user.is_authenticated:
        return refuse(_("Sesi Anda berakhir. Masuk lagi untuk mengunggah gambar."), 401)
    photo = Photo.objects.filter(key=key).first()
    if photo is None:
        return refuse(_("Foto tidak ditemukan."), 404)
    texts = {name: request.POST.get(name, "") for name in ("caption", "credit", "alt_text")}
    for name, value in texts.items():
        field = Photo._meta.get_field(name)
        if field.max_length and len(value) > field.max_length:
            return refuse(
                _("%(field)s terlalu panjang (paling banyak %(max)d karakter).")
                % {"field": field.verbose_name, "max": field.max_length},
                400,
            )
    try:
        photo = services.photo_update(photo=photo, by=request.user, **texts)
    except workflow.NotAllowed as refusal:
        return refuse(refusal, 403)
    except workflow.Refused as refusal:
        return refuse(refusal, 400)
    return JsonResponse({"caption": photo.caption, "credit": photo.credit})


def csrf_failure(request, reason=""):
    """A JSON refusal for the editor's uploads; Django's page for everything else."""
    if request.path.startswith(("/editor/", "/en/editor/")):
        return refuse(_("Sesi kedaluwarsa. Muat ulang halaman lalu unggah lagi."), 403)
    return django_csrf_failure(request, reason=reason)
