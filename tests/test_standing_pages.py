"""The Press Council's guideline and the corrections policy, published and kept by editors."""

import pytest
from django.urls import reverse

from articles.models import Page
from tests.factories import make_editor, make_reporter

pytestmark = pytest.mark.django_db


def test_the_guideline_and_policy_are_published_and_linked_from_every_page(client):
    home = client.get("/").content.decode()
    for slug, title in [
        ("pedoman-media-siber", "Pedoman Pemberitaan Media Siber"),
        ("kebijakan-ralat", "Kebijakan ralat dan hak jawab"),
    ]:
        url = reverse("articles:page", args=[slug])
        assert f'href="{url}"' in home
        assert title in client.get(url).content.decode()
    assert client.get(reverse("articles:page", args=["tidak-ada"])).status_code == 404


def test_an_editor_edits_the_guideline_and_readers_see_it_at_once(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    page = Page.objects.get(slug="pedoman-media-siber")
    url = page.get_absolute_url()
    client.get(url)  # kept now
    client.force_login(make_editor())
    change = reverse("admin:articles_page_change", args=[page.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change,
            {"title": page.title, "body": "<p>Teks resmi.</p><script>alert(1)</script>"},
        )
    assert response.status_code == 302
    client.logout()
    html = client.get(url).content.decode()
    assert "Teks resmi." in html and "alert(1)" not in html


def test_reporters_cannot_edit_the_standing_pages(client):
    client.force_login(make_reporter())
    page = Page.objects.get(slug="kebijakan-ralat")
    assert client.get(reverse("admin:articles_page_change", args=[page.pk])).status_code == 403
