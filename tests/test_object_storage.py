"""Media through Django's STORAGES: photos and renditions work in S3-compatible storage.

moto stands in for S3 in memory, so nothing leaves the machine.
"""

import boto3
import pytest
from moto import mock_aws

from tests.factories import make_article, make_photo, make_reporter

pytestmark = pytest.mark.django_db

BUCKET = "kabarjatim-media"


@pytest.fixture
def s3(settings):
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "access_key": "testing",
                    "secret_key": "testing",
                    "querystring_auth": False,
                    "file_overwrite": False,
                },
            },
        }
        yield client


def keys(client):
    return {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_photo_and_renditions_are_stored_in_the_bucket(s3):
    photo = make_photo()
    stored = keys(s3)
    assert photo.image.name in stored
    assert {e["webp"] for e in photo.renditions["article"]} <= stored
    assert photo.image.url.startswith(f"https://{BUCKET}.s3.amazonaws.com/")


def test_editor_upload_lands_in_the_bucket_and_survives_sanitizing(s3, client):
    client.force_login(make_reporter())
    url = client.post("/editor/upload-image/", {"upload": make_upload()}).json()["url"]
    assert url.startswith(f"https://{BUCKET}.s3.amazonaws.com/renditions/")
    article = make_article(body=f'<figure class="image"><img src="{url}" alt="Foto"></figure>')
    assert url in article.body
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"https://{BUCKET}.s3.amazonaws.com/renditions/" in html


def make_upload():
    from tests.factories import image_upload

    return image_upload(size=(900, 600))
