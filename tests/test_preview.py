"""Previews: staff see unpublished articles in the real design; links expire and can be revoked."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editor):
    return make_article("Berita belum terbit", status=Article.Status.DRAFT, author=editor.author)


def test_staff_preview_has_banner_and_no_cache_headers(client, editor, draft):
    client.force_login(editor)
    response = client.get(reverse("articles:preview", args=[draft.pk]))
    html = response.content.decode()
    assert "Pratinjau" in html
    assert "Berita belum terbit" in html
    assert "no-cache" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_preview_link_works_without_login_until_it_expires(client, editor, draft):
    link = services.preview_link_create(article=draft, by=editor, hours=2)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "Pratinjau" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    with time_machine.travel(timezone.now() + timedelta(hours=2, seconds=1)):
        assert client.get(link.get_absolute_url()).status_code == 404


def test_revoked_preview_link_stops_working(client, editor, draft):
    link = services.preview_link_create(article=draft, by=editor, hours=24)
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_preview_links", args=[draft.pk]), {"revoke": link.pk}
    )
    client.logout()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_unknown_preview_token_is_404(client):
    assert client.get(reverse("articles:preview_link", args=["tebakan"])).status_code == 404


def test_preview_link_does_not_open_other_urls(client, editor, draft):
    services.preview_link_create(article=draft, by=editor, hours=24)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("articles:preview", args=[draft.pk])).status_code == 404
    assert "Berita belum terbit" not in client.get("/").content.decode()
