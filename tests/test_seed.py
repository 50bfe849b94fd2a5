"""`manage.py seed_demo` fills the site and is safe to run twice."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from articles.models import Article, Bureau, Photo, Region

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo once for this module (it draws and renders a dozen photos),
    in a transaction rolled back when the module is done."""
    media = tmp_path_factory.mktemp("seeded-media")
    fast_hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=fast_hasher),
        transaction.atomic(),
    ):
        call_command("seed_demo", verbosity=0)
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_media, settings):
    settings.DEBUG = True
    settings.MEDIA_ROOT = seeded_media


def test_seed_creates_regions_articles_photos_and_logins(seeded, client):
    assert Region.objects.get(slug="blitar").parent.slug == "jawa-timur"
    assert Region.objects.get(slug="gresik").parent.slug == "jawa-timur"
    assert Region.objects.get(slug="nasional").parent is None
    assert Article.objects.count() == 61  # and one live story, with its updates
    live = Article.objects.get(kind=Article.Kind.LIVE)
    assert live.live_entries.count() >= 3 and len(live.bylines()) == 2
    assert Article.objects.published().count() > 50
    assert Photo.objects.count() >= 10
    assert all(photo.image.storage.exists(photo.image.name) for photo in Photo.objects.all())
    bureaus = {b.name: {u.username for u in b.editors.all()} for b in Bureau.objects.all()}
    assert bureaus == {"Biro Blitar": {"redaktur"}, "Biro Gresik": {"redaktur-gresik"}}
    assert get_user_model().objects.get(username="pemred").has_perm("articles.lead_newsroom")
    for username in ("wartawan", "redaktur"):  # through the login form, as people do
        login = {"login": username, "password": "redaksi-demo-2026"}
        assert client.post("/admin/akun/login/", login).status_code == 302
        client.logout()


def test_seed_twice_creates_nothing_new(seeded):
    counts = (Article.objects.count(), Photo.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", verbosity=0)
    assert counts == (
        Article.objects.count(),
        Photo.objects.count(),
        get_user_model().objects.count(),
    )


def test_seeded_site_serves_home_and_articles(seeded, client):
    assert client.get("/").status_code == 200
    article = Article.objects.published().first()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_seed_refuses_demo_logins_with_debug_off(settings):
    settings.DEBUG = False
    users = get_user_model().objects.count()
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_demo", verbosity=0)
    assert get_user_model().objects.count() == users
