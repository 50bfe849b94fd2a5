"""Photos: checked, upright, stripped of metadata, re-encoded, rendered and credited."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageCms

from articles import photos, services, workflow
from articles.models import Article, Author, Photo
from tests.factories import (
    desk,
    image_bytes,
    image_upload,
    make_article,
    make_editor,
    make_photo,
    make_reporter,
)

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ARTIST, ORIENTATION, CAMERA_SERIAL = 0x013B, 0x0112, 0xA431


def phone_jpeg(size=(200, 100), orientation=6):
    """A JPEG as a phone writes it: sideways pixels, an orientation tag, GPS and owner."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[ARTIST] = "Pemilik Kamera"
    exif[GPS_IFD] = {1: "S", 2: (8.0, 5.0, 0.0), 3: "E", 4: (112.0, 10.0, 0.0)}
    exif.get_ifd(0x8769)[CAMERA_SERIAL] = "SN-123456"
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("IMG_2024.jpg", buffer.getvalue(), "image/jpeg")


def open_stored(photo, name):
    with photo.image.storage.open(name, "rb") as handle:
        image = Image.open(handle)
        image.load()
        return image


def all_files(photo):
    names = [photo.image.name]
    for entries in photo.renditions.values():
        for entry in entries:
            names += [entry[key] for key in ("webp", "jpeg") if entry.get(key)]
    return names


def test_phone_photo_is_turned_upright():
    photo = make_photo(image=phone_jpeg(size=(200, 100), orientation=6))
    assert (photo.width, photo.height) == (100, 200)
    assert open_stored(photo, photo.image.name).size == (100, 200)


def test_no_copy_served_to_readers_keeps_gps_owner_or_serial():
    photo = make_photo(image=phone_jpeg())
    for name in all_files(photo):
        image = open_stored(photo, name)
        exif = image.getexif()
        assert GPS_IFD not in exif, name
        assert ARTIST not in exif, name
        assert not exif.get_ifd(0x8769), name
        assert "xmp" not in image.info, name


def test_stored_under_a_random_name_with_the_real_format():
    upload = SimpleUploadedFile("liburan.png", image_bytes("JPEG"), "image/png")
    photo = make_photo(image=upload)
    name = photo.image.name.rsplit("/", 1)[-1]
    assert name.endswith(".jpg")
    assert "liburan" not in name
    assert len(name) == len("0123456789abcdef0123456789abcdef.jpg")


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt):
    photo = make_photo(image=image_upload(f"x.{fmt.lower()}", fmt))
    assert photo.image.name.endswith({"PNG": ".png", "WEBP": ".webp"}[fmt])


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.jpg", b"bukan gambar", "image/jpeg"), "bukan gambar"),
        (SimpleUploadedFile("a.gif", image_bytes("GIF"), "image/gif"), "Format GIF"),
        (SimpleUploadedFile("a.jpg", image_bytes("JPEG")[:200], "image/jpeg"), "bukan gambar"),
    ],
)
def test_non_images_are_refused_with_a_clear_message(upload, message):
    with pytest.raises(ValidationError, match=message):
        photos.validate_image(upload)


def test_oversized_files_are_refused(settings):
    settings.PHOTO_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="terlalu besar"):
        photos.validate_image(image_upload(size=(400, 400)))


def test_decompression_bomb_is_refused_before_decoding(settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000
    bomb = SimpleUploadedFile("bom.png", image_bytes("PNG", size=(5000, 5000)), "image/png")
    assert bomb.size < 100_000  # tiny on disk, 25 megapixels in memory
    with pytest.raises(ValidationError, match="megapiksel"):
        photos.validate_image(bomb)


def test_photo_admin_shows_a_form_error_for_a_non_image(client):
    client.force_login(make_editor())
    response = client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": SimpleUploadedFile("a.jpg", b"%PDF-1.4", "image/jpeg"),
            "caption": "Keterangan yang tidak boleh hilang",
            "credit": "KJ/Rahmat",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "bukan gambar" in html
    assert "Keterangan yang tidak boleh hilang" in html
    assert not Photo.objects.exists()


def test_every_rendition_is_made_in_webp_and_jpeg():
    photo = make_photo(image=image_upload(size=(1600, 1000)))
    assert set(photo.renditions) == set(photos.SPECS)
    assert [e["w"] for e in photo.renditions["article"]] == [480, 800, 1200]
    assert (photo.renditions["social"][0]["w"], photo.renditions["social"][0]["h"]) == (1200, 630)
    thumb = photo.renditions["thumb"][0]
    assert open_stored(photo, thumb["webp"]).format == "WEBP"
    assert open_stored(photo, thumb["jpeg"]).format == "JPEG"
    assert open_stored(photo, thumb["jpeg"]).size == (240, 180)


def test_small_photos_are_not_upscaled():
    photo = make_photo(image=image_upload(size=(300, 200)))
    assert [e["w"] for e in photo.renditions["article"]] == [300]


def test_article_page_serves_responsive_lead_photo(client):
    article = make_article(lead_photo=make_photo(image=image_upload(size=(1600, 1000))))
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html[html.index('<figure class="photo">') :]
    figure = figure[: figure.index("</figure>")]
    assert '<source type="image/webp" srcset="' in figure
    assert " 480w, " in figure and " 1200w" in figure
    assert 'sizes="' in figure and 'width="800" height="500"' in figure
    assert 'loading="eager"' in figure


def test_list_thumbnails_are_lazy(client):
    for _ in range(5):
        make_article(lead_photo=make_photo())
    html = client.get("/").content.decode()
    latest = html[html.index('id="latest-heading"') :]
    assert 'loading="lazy"' in latest
    assert 'loading="eager"' not in latest


def test_build_renditions_command_rebuilds_them(capsys):
    photo = make_photo()
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    call_command("build_renditions")
    photo.refresh_from_db()
    assert set(photo.renditions) == set(photos.SPECS)
    assert "1/1" in capsys.readouterr().err  # the progress bar


def test_build_renditions_missing_adds_only_the_new_sizes(capsys):
    photo = make_photo()
    kept = photo.renditions["article"]
    without_new = {k: v for k, v in photo.renditions.items() if k not in ("wide", "square")}
    Photo.objects.filter(pk=photo.pk).update(renditions=without_new)
    call_command("build_renditions", "--missing")
    photo.refresh_from_db()
    assert set(photo.renditions) == set(photos.SPECS)
    assert photo.renditions["article"] == kept  # URLs in story bodies keep working


def test_one_photo_serves_several_articles_and_the_library_shows_it(client):
    photo = make_photo(caption="Kirab budaya", credit="KJ/Dewi")
    make_article(lead_photo=photo)
    make_article(lead_photo=photo)
    client.force_login(make_editor())
    html = client.get(reverse("admin:articles_photo_changelist") + "?q=KJ/Dewi").content.decode()
    assert "Kirab budaya" in html
    assert "2 artikel" in html
    assert "/renditions/" in html  # thumbnails


def test_author_portrait_is_cleaned_too(client):
    client.force_login(make_editor())
    data = {"name": "Rahmat", "slug": "rahmat", "initials": "Rah", "bio": ""}
    data["portrait"] = phone_jpeg((800, 600))
    response = client.post(reverse("admin:articles_author_add"), data)
    assert response.status_code == 302
    author = Author.objects.get(slug="rahmat")
    with author.portrait.open("rb") as handle:
        image = Image.open(handle)
        assert GPS_IFD not in image.getexif()
        assert max(image.size) <= 400


# Publishing needs credited, described photos -------------------------------


def test_lead_photo_without_alt_text_or_credit_blocks_publishing(editor):
    photo = make_photo(alt_text="", credit="")
    article = make_article(status=Article.Status.DRAFT, lead_photo=photo)
    with pytest.raises(workflow.Refused, match="teks alternatif dan kredit"):
        services.article_act(action="publish", article=article, by=editor)
    photo.alt_text, photo.credit = "Warga antre", "KJ/Rahmat"
    photo.save()
    services.article_act(action="publish", article=article, by=editor)
    assert Article.objects.published().count() == 1


def test_inline_image_without_alt_text_blocks_publishing(editor):
    photo = make_photo()
    url = photo.image.storage.url(photo.renditions["article"][0]["jpeg"])
    article = make_article(status=Article.Status.DRAFT, body=f'<p>x</p><img src="{url}">')
    with pytest.raises(workflow.Refused, match="tanpa teks alternatif"):
        services.article_act(action="publish", article=article, by=editor)


def test_inline_image_without_credit_blocks_publishing(editor):
    photo = make_photo(credit="")
    url = photo.image.storage.url(photo.renditions["article"][0]["jpeg"])
    article = make_article(status=Article.Status.DRAFT, body=f'<p>x</p><img src="{url}" alt="a">')
    with pytest.raises(workflow.Refused, match="belum punya kredit"):
        services.article_act(action="publish", article=article, by=editor)


# The editor's upload endpoint --------------------------------------------

UPLOAD = "/editor/upload-image/"


def test_upload_needs_a_signed_in_writer(client):
    response = client.post(UPLOAD, {"upload": image_upload()})
    assert response.status_code == 401
    assert "Masuk lagi" in response.json()["error"]["message"]


def test_upload_refuses_staff_who_may_not_write(client):
    from tests.factories import make_user

    client.force_login(make_user())
    response = client.post(UPLOAD, {"upload": image_upload()})
    assert response.status_code == 403
    assert response.json()["error"]["message"]


def test_upload_refuses_get_with_json(client):
    client.force_login(make_reporter())
    response = client.get(UPLOAD)
    assert response.status_code == 405
    assert response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Tidak ada berkas"),
        ({"upload": SimpleUploadedFile("x.jpg", b"<script>", "image/jpeg")}, "bukan gambar"),
        ({"upload": SimpleUploadedFile("x.svg", b"<svg/>", "image/svg+xml")}, "bukan gambar"),
    ],
)
def test_upload_refusals_are_clear_json(client, data, message):
    client.force_login(make_reporter())
    response = client.post(UPLOAD, data)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_upload_stores_a_processed_photo_and_answers_its_url(client):
    client.force_login(make_reporter())
    response = client.post(UPLOAD, {"upload": phone_jpeg((1600, 1200))})
    assert response.status_code == 201
    url = response.json()["url"]
    assert url.startswith("/media/renditions/") and url.endswith(".jpg")
    photo = Photo.objects.get()
    assert photo.image.name.endswith(".jpg") and "IMG_2024" not in photo.image.name
    assert richtext_keeps(url)


def richtext_keeps(url):
    from articles.richtext import clean_html

    return url in clean_html(f'<img src="{url}" alt="x">')


def test_upload_with_a_stale_csrf_token_gets_json(settings):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_reporter())
    response = client.post(UPLOAD, {"upload": image_upload()})
    assert response.status_code == 403
    assert "Muat ulang" in response.json()["error"]["message"]


def test_rendition_addresses_cannot_be_guessed_from_ids():
    photo = make_photo()
    for name in all_files(photo)[1:]:
        assert f"/{photo.key}/" in f"/{name}"
        assert f"renditions/{photo.pk}/" not in name


# Found in review: uploads that used to fail --------------------------------

DATA = __import__("pathlib").Path(__file__).parent / "data"


@pytest.mark.parametrize(
    "name", ["broken-exif-1.jpg", "broken-exif-2.jpg", "broken-exif.png", "broken-exif.webp"]
)
@pytest.mark.filterwarnings("ignore:Metadata Warning")
def test_broken_exif_never_gives_a_500(client, name):
    """Fuzzed files whose EXIF made Pillow raise odd errors: stored, or refused in JSON."""
    client.force_login(make_reporter())
    data = (DATA / name).read_bytes()
    response = client.post(UPLOAD, {"upload": SimpleUploadedFile(name, data)})
    assert response.status_code in (201, 400)
    if response.status_code == 400:
        assert response.json()["error"]["message"]


def test_extremely_wide_image_gets_renditions():
    photo = make_photo(image=image_upload("garis.png", "PNG", size=(4000, 1)))
    assert all(e["h"] >= 1 for entries in photo.renditions.values() for e in entries)


def test_sixteen_bit_greyscale_is_not_washed_out():
    gradient = Image.linear_gradient("L").resize((256, 256)).point(lambda v: v * 256, "I")
    buffer = io.BytesIO()
    gradient.convert("I;16").save(buffer, "PNG")
    photo = make_photo(image=SimpleUploadedFile("abu.png", buffer.getvalue(), "image/png"))
    thumb = open_stored(photo, photo.renditions["thumb"][0]["jpeg"]).convert("L")
    low, high = thumb.getextrema()
    assert low < 60 and high > 190


@pytest.mark.parametrize(("mode", "transparent"), [("P", 0), ("RGB", (0, 0, 0)), ("L", 0)])
def test_transparent_png_areas_become_white_not_black(mode, transparent):
    image = Image.new(mode, (200, 200), transparent)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=transparent)
    photo = make_photo(image=SimpleUploadedFile("t.png", buffer.getvalue(), "image/png"))
    thumb = open_stored(photo, photo.renditions["thumb"][0]["jpeg"]).convert("L")
    assert thumb.getextrema()[0] > 240


def test_multi_picture_jpeg_from_a_phone_is_accepted():
    first, second = Image.new("RGB", (300, 200), "red"), Image.new("RGB", (300, 200), "blue")
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    photo = make_photo(image=SimpleUploadedFile("IMG.jpg", buffer.getvalue(), "image/jpeg"))
    assert photo.image.name.endswith(".jpg")
    assert open_stored(photo, photo.image.name).format == "JPEG"


def test_renditions_are_srgb_without_a_profile():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 100, 50)).save(buffer, "JPEG", icc_profile=srgb)
    photo = make_photo(image=SimpleUploadedFile("p3.jpg", buffer.getvalue(), "image/jpeg"))
    assert open_stored(photo, photo.image.name).info.get("icc_profile") == srgb
    thumb = open_stored(photo, photo.renditions["thumb"][0]["jpeg"])
    assert "icc_profile" not in thumb.info


def test_abandoned_uploads_are_removed_after_a_day_and_used_photos_kept(
    django_capture_on_commit_callbacks,
):
    lead, inline, in_history, abandoned = (make_photo() for _ in range(4))
    editor = make_editor()
    story = make_article(lead_photo=lead)
    img = '<img src="/media/renditions/{}/article-800.jpg" alt="Foto">'
    body = f'<p>Teks.</p><figure class="image">{img.format(inline.key)}</figure>'
    services.article_save(article=story, by=editor, changes={"body": body})
    old = make_article(
        body=f'<p>Lama.</p><figure class="image">{img.format(in_history.key)}</figure>'
    )
    services.article_save(article=old, by=editor, changes={"body": "<p>Foto dihapus.</p>"})
    abandoned_file = Path(abandoned.image.path)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        recent = make_photo()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("clean_orphan_photos")
    left = set(Photo.objects.values_list("pk", flat=True))
    assert left == {lead.pk, inline.pk, in_history.pk, recent.pk}
    assert not abandoned_file.exists()


def test_the_body_photo_dialog_saves_texts_and_refuses_bad_input(client):
    reporter = make_reporter()
    photo = make_photo(credit="")
    client.force_login(reporter)
    url = reverse("editor_photo_texts", args=[photo.key])
    assert client.get(url).status_code == 405
    assert client.post(reverse("editor_photo_texts", args=["0" * 32])).status_code == 404
    too_long = client.post(url, {"caption": "x", "credit": "k" * 1000, "alt_text": "y"})
    assert too_long.status_code == 400 and "terlalu panjang" in too_long.json()["error"]["message"]
    saved = client.post(url, {"caption": "Banjir.", "credit": "KJ/Rahmat", "alt_text": "Air"})
    assert saved.status_code == 200
    photo.refresh_from_db()
    assert (photo.caption, photo.credit, photo.alt_text) == ("Banjir.", "KJ/Rahmat", "Air")


def test_an_upload_answers_with_what_the_editor_needs_and_a_task_makes_the_rest(
    client, monkeypatch
):
    """With a task queue, the request renders the body's size and the
    thumbnail only; the worker adds the rest into the same folder."""
    from articles.services import photos as photo_services

    class Queue:
        def __init__(self):
            self.waiting = []

        def using(self, **options):  # a priority, as a task takes it
            return self

        def enqueue(self, photo_id):
            self.waiting.append(photo_id)

    queue = Queue()
    real = photo_services.complete_renditions
    monkeypatch.setattr(photo_services, "complete_renditions", queue)
    photo = make_photo(image=image_upload(size=(1600, 1000)))
    assert set(photo.renditions) == set(photos.AT_ONCE)
    article_sizes = photo.renditions["article"]
    make_article(lead_photo=photo)
    assert photo.image.url in client.get("/").content.decode()  # meanwhile: the original

    real.call(*queue.waiting)  # what the worker does
    photo.refresh_from_db()
    assert set(photo.renditions) == set(photos.SPECS)
    assert photo.renditions["article"] == article_sizes  # URLs already in bodies keep working


@pytest.mark.parametrize("change", ["rebuild", "new focus", "new image"])
def test_a_story_keeps_showing_its_body_photo_after_the_photo_changes(
    client, change, django_capture_on_commit_callbacks
):
    photo = make_photo()
    first = photo.renditions["article"][0]["jpeg"]
    figure = f'<figure class="image"><img src="/media/{first}" alt="TPS"></figure>'
    in_text = f'<p>Antrean <img src="/media/{first}" alt="TPS"> sejak pagi.</p>'
    story = make_article(body=f"<p>Warga antre.</p>{figure}{in_text}")
    texts = {"caption": photo.caption, "credit": photo.credit, "alt_text": photo.alt_text}
    with django_capture_on_commit_callbacks(execute=True):
        if change == "rebuild":
            services.photo_rebuild(photo=photo)
        elif change == "new focus":
            services.photo_update(photo=photo, by=desk(), focus=(0.2, 0.2), **texts)
        else:
            services.photo_update(photo=photo, by=desk(), image=image_upload(), **texts)
    html = client.get(story.get_absolute_url()).content.decode()
    body = html[html.index("article__body") :]
    shown = re.findall(r'(?:src|srcset)="/media/([^" ]+)', body)
    assert shown
    assert all(default_storage.exists(name) for name in shown), shown
    if change != "new focus":  # the full-shape size is not a crop: a focus leaves it
        assert first not in shown
    feed = client.get(reverse("articles:feed")).content.decode()
    in_feed = re.findall(r'src="http://testserver/media/([^"]+)"', feed)
    assert in_feed and all(default_storage.exists(name) for name in in_feed), in_feed


# Deleting photos -----------------------------------------------------------


def body_with(photo):
    src = photo.renditions["article"][0]["jpeg"]
    return f'<p>Teks.</p><figure class="image"><img src="/media/{src}" alt="TPS"></figure>'


def test_an_unused_photo_deleted_in_the_admin_takes_its_files_with_it(
    admin_client, django_capture_on_commit_callbacks
):
    photo = make_photo()
    files = all_files(photo)
    assert all(default_storage.exists(name) for name in files)
    url = reverse("admin:articles_photo_delete", args=[photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not any(default_storage.exists(name) for name in files)


@pytest.mark.parametrize("use", ["lead", "body", "live entry"])
def test_a_photo_in_use_cannot_be_deleted_in_the_admin_or_by_the_service(admin_client, use):
    from articles.models import LiveEntry

    photo = make_photo()
    if use == "lead":
        make_article(lead_photo=photo)
    elif use == "body":
        make_article(body=body_with(photo))
    else:
        story = make_article(kind=Article.Kind.LIVE)
        LiveEntry.objects.create(article=story, text="Posko dibuka.", photo=photo)
    delete_page = reverse("admin:articles_photo_delete", args=[photo.pk])
    assert admin_client.get(delete_page).status_code == 403
    bulk = admin_client.post(
        reverse("admin:articles_photo_changelist"),
        {"action": "delete_selected", "_selected_action": [photo.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    with pytest.raises(workflow.Refused, match="masih dipakai"):
        services.photo_delete(photo=photo, by=desk())
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert all(default_storage.exists(name) for name in all_files(photo))


def test_the_library_counts_stories_showing_a_photo_in_their_body(client):
    photo = make_photo(caption="Kirab budaya", credit="KJ/Dewi")
    make_article(lead_photo=photo)
    make_article(body=body_with(photo))
    client.force_login(make_editor())
    html = client.get(reverse("admin:articles_photo_changelist") + "?q=KJ/Dewi").content.decode()
    assert "2 artikel" in html
