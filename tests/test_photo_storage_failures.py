"""A full or read-only media disk: a clear message, and no photo row or file left behind."""

import errno
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from articles.models import Photo
from tests.factories import image_upload, make_editor, make_photo, make_reporter

pytestmark = pytest.mark.django_db

UPLOAD = "/editor/upload-image/"


class FullDisk(FileSystemStorage):
    """Room for `room` more files; the next write leaves an empty file and fails."""

    room = 0

    def _save(self, name, content):
        if FullDisk.room <= 0:
            path = Path(self.path(name))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()  # what a write cut short by a full disk leaves
            raise OSError(errno.ENOSPC, "No space left on device")
        FullDisk.room -= 1
        return super()._save(name, content)


class ReadOnly(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(errno.EROFS, "Read-only file system")


def use_storage(settings, backend):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend}}


@pytest.fixture
def full_disk(settings):
    FullDisk.room = 3  # the original and two renditions fit, the rest does not
    use_storage(settings, f"{__name__}.FullDisk")


@pytest.fixture
def read_only(settings):
    use_storage(settings, f"{__name__}.ReadOnly")


def files_in(settings):
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.mark.parametrize("disk", ["full_disk", "read_only"])
def test_editor_upload_on_a_broken_disk_says_so_and_leaves_nothing(request, settings, client, disk):
    request.getfixturevalue(disk)
    client.force_login(make_reporter())
    response = client.post(UPLOAD, {"upload": image_upload()})
    assert response.status_code == 503
    assert "penyimpanan penuh atau tidak dapat ditulis" in response.json()["error"]["message"]
    assert not Photo.objects.exists()
    assert files_in(settings) == []


def test_photo_library_on_a_full_disk_keeps_the_form_and_leaves_nothing(
    full_disk, settings, client
):
    client.force_login(make_editor())
    data = {"image": image_upload(), "caption": "Panen raya di Gresik", "credit": "KJ/Rahmat"}
    response = client.post(reverse("admin:articles_photo_add"), {**data, "alt_text": "Petani"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "penyimpanan penuh atau tidak dapat ditulis" in html
    assert "Panen raya di Gresik" in html  # the caption typed is still there
    assert not Photo.objects.exists()
    assert files_in(settings) == []


def test_replacing_an_image_on_a_full_disk_keeps_the_old_one(settings, client):
    photo = make_photo(caption="Foto lama")
    before = sorted(files_in(settings))
    FullDisk.room = 3
    use_storage(settings, f"{__name__}.FullDisk")
    client.force_login(make_editor())
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    data = {"image": image_upload(colour=(0, 0, 200)), "caption": "Foto baru", "credit": "KJ/A"}
    response = client.post(url, {**data, "alt_text": "Baru"})
    assert response.status_code == 200
    assert "penyimpanan penuh" in response.content.decode()
    kept = Photo.objects.get()
    assert (kept.caption, kept.image.name, kept.renditions) == (
        "Foto lama",
        photo.image.name,
        photo.renditions,
    )
    assert sorted(files_in(settings)) == before
