"""A photo put into a story's body: the same file sent twice is one photo."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import services
from articles.models import Photo
from tests.factories import image_upload, make_reporter

pytestmark = pytest.mark.django_db

UPLOAD = "/editor/upload-image/"


def send(client, **kwargs):
    return client.post(UPLOAD, {"upload": image_upload("IMG_0001.jpg", **kwargs)})


def test_the_same_file_again_within_a_minute_gives_back_the_first_photo(client):
    client.force_login(make_reporter())
    first = send(client)
    again = send(client)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Photo.objects.count() == 1


def test_the_same_file_after_a_minute_is_a_new_photo(client):
    client.force_login(make_reporter())
    with time_machine.travel(timezone.now(), tick=False) as clock:
        first = send(client)
        clock.shift(timedelta(seconds=61))
        again = send(client)
    assert again.status_code == 201
    assert again.json()["photo_id"] != first.json()["photo_id"]
    assert Photo.objects.count() == 2


def test_the_same_file_from_another_writer_is_their_own_photo(client):
    client.force_login(make_reporter("wartawan1"))
    send(client)
    client.force_login(make_reporter("wartawan2"))
    assert send(client).status_code == 201
    assert Photo.objects.count() == 2


def test_a_different_file_within_the_minute_is_a_new_photo(client):
    client.force_login(make_reporter())
    send(client, colour=(200, 30, 30))
    assert send(client, colour=(30, 200, 30)).status_code == 201
    assert Photo.objects.count() == 2


def test_the_service_keeps_every_upload_unless_asked_to_spot_repeats():
    """Commands and the photo library make a photo per call, as before."""
    reporter = make_reporter()
    services.photo_create(by=reporter, image=image_upload())
    services.photo_create(by=reporter, image=image_upload())
    assert Photo.objects.count() == 2


def test_a_repeat_is_not_found_when_the_first_photo_is_gone(client):
    client.force_login(make_reporter())
    send(client)
    Photo.objects.all().delete()
    assert send(client).status_code == 201
    assert Photo.objects.count() == 1
