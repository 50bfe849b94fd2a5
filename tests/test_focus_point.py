"""An editor taps a photo's point of interest; every crop keeps it in frame."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, ImageDraw

from articles import photos, services
from articles.models import Article, Photo
from tests.factories import make_article, make_photo

pytestmark = pytest.mark.django_db


def portrait_with_a_face_at_the_top():
    """600 by 1200 px, white, with a red "face" in the top tenth."""
    image = Image.new("RGB", (600, 1200), "white")
    ImageDraw.Draw(image).rectangle([250, 20, 350, 110], fill=(220, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile("portrait.jpg", buffer.getvalue(), content_type="image/jpeg")


def shows_the_face(photo, rendition):
    """Whether the largest file of `rendition` holds the red square."""
    name = photo.renditions[rendition][-1]["jpeg"]
    with default_storage.open(name) as handle, Image.open(handle) as image:
        image = image.convert("RGB")
        reds = sum(1 for r, g, b in image.get_flattened_data() if r > 180 and g < 80 and b < 80)
    return reds > 100


@pytest.fixture
def photo():
    return make_photo(image=portrait_with_a_face_at_the_top())


def test_a_new_photo_is_cropped_around_its_centre(photo):
    assert photo.focus == (0.5, 0.5)
    assert not shows_the_face(photo, "social")  # the face is cut off
    assert shows_the_face(photo, "article")  # the full shape has it


def test_every_crop_keeps_the_focus_point_in_frame(editor, photo):
    updated = services.photo_update(
        photo=photo,
        by=editor,
        caption=photo.caption,
        credit=photo.credit,
        alt_text=photo.alt_text,
        focus=(0.5, 0.05),
    )
    for rendition in ("thumb", "card", "lead", "social"):
        assert shows_the_face(updated, rendition), rendition
    assert shows_the_face(updated, "article")


def test_a_new_focus_gives_new_file_names_and_removes_the_old_crops(
    editor, photo, django_capture_on_commit_callbacks
):
    old_social = photo.renditions["social"][-1]["jpeg"]
    old_article = photo.renditions["article"][-1]["jpeg"]
    with django_capture_on_commit_callbacks(execute=True):
        updated = services.photo_update(
            photo=photo,
            by=editor,
            caption=photo.caption,
            credit=photo.credit,
            alt_text=photo.alt_text,
            focus=(0.5, 0.05),
        )
    assert updated.renditions["social"][-1]["jpeg"] != old_social  # no cache keeps the old crop
    assert not default_storage.exists(old_social)
    assert updated.renditions["article"][-1]["jpeg"] == old_article  # uncropped: untouched
    assert default_storage.exists(old_article)


def test_the_editor_taps_the_focus_in_the_photo_form(client, editor, photo):
    client.force_login(editor)
    change = reverse("admin:articles_photo_change", args=[photo.pk])
    assert 'class="focus-picker"' in client.get(change).content.decode()
    response = client.post(
        change,
        {
            "caption": photo.caption,
            "credit": photo.credit,
            "alt_text": photo.alt_text,
            "photographer": "",
            "focus_x": "0.5",
            "focus_y": "0.05",
        },
    )
    assert response.status_code == 302
    assert shows_the_face(Photo.objects.get(pk=photo.pk), "social")


def test_the_rebuild_command_applies_the_focus(editor, photo):
    Photo.objects.filter(pk=photo.pk).update(focus_y=0.05)  # set before this version
    call_command("build_renditions", stderr=io.StringIO(), stdout=io.StringIO())
    assert shows_the_face(Photo.objects.get(pk=photo.pk), "social")


def test_a_portrait_lead_photo_is_cropped_to_four_by_three_on_its_story(client, photo):
    story = make_article("Bupati meninjau banjir", lead_photo=photo)
    html = client.get(story.get_absolute_url()).content.decode()
    lead = html[html.index('<figure class="photo">') :]
    assert "/lead-" in lead.split("</figure>")[0]
    width, height = photos.SPECS["lead"].ratio
    entry = photo.renditions["lead"][-1]
    assert entry["w"] * height == entry["h"] * width
    assert Article.objects.get(pk=story.pk).lead_photo.is_portrait
