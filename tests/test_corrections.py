"""Corrections and rights of reply are shown with the story, never rewriting it."""

import json
import re

import pytest
from django.urls import reverse

from articles import services, workflow
from articles.models import Article, ArticleVersion
from tests.factories import make_article, make_reporter

pytestmark = pytest.mark.django_db
RALAT = "Sebelumnya tertulis 120 rumah terendam; yang benar 210 rumah."


@pytest.fixture
def story():
    return make_article("Banjir di Kademangan")


def json_ld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))["@graph"][0]


def test_a_correction_shows_on_the_story_and_in_the_corrections_page(client, editor, story):
    before = json_ld(client.get(story.get_absolute_url()).content.decode())["dateModified"]
    services.correction_add(article=story, by=editor, kind="ralat", text=RALAT)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Berita ini memuat ralat atau hak jawab" in html  # at the top
    body = html.index("article__body")
    assert html.index("correction-flag") < body < html.index('id="koreksi"')  # top and bottom
    assert RALAT in html[html.index('id="koreksi"') :]
    data = json_ld(html)
    assert data["dateModified"] > before
    assert data["correction"][0]["text"] == f"Ralat: {RALAT}"
    listing = client.get(reverse("articles:corrections")).content.decode()
    assert RALAT in listing and story.get_absolute_url() in listing


def test_a_correction_keeps_the_text_and_shows_in_the_history(editor, story):
    versions = ArticleVersion.objects.filter(article=story).count()
    services.correction_add(article=story, by=editor, kind="hak-jawab", text="Tanggapan BPBD.")
    fresh = Article.objects.get(pk=story.pk)
    assert fresh.body == story.body and fresh.title == story.title
    latest = ArticleVersion.objects.filter(article=story).first()
    assert ArticleVersion.objects.filter(article=story).count() == versions + 1
    assert latest.note == "Hak jawab: Tanggapan BPBD."


def test_only_editors_correct_and_only_live_stories(editor, story):
    with pytest.raises(workflow.NotAllowed):
        services.correction_add(article=story, by=make_reporter(), kind="ralat", text="x")
    draft = make_article(status=Article.Status.DRAFT)
    with pytest.raises(workflow.Refused, match="sedang terbit"):
        services.correction_add(article=draft, by=editor, kind="ralat", text="x")
    with pytest.raises(workflow.Refused, match="Tulis isi"):
        services.correction_add(article=story, by=editor, kind="ralat", text="   ")


def test_an_editor_adds_a_correction_from_the_article_form(client, editor, story):
    client.force_login(editor)
    url = reverse("admin:articles_article_corrections", args=[story.pk])
    response = client.post(url, {"kind": "ralat", "text": RALAT}, follow=True)
    assert "Ralat dimuat bersama berita." in response.content.decode()
    assert story.corrections.get().text == RALAT


def test_a_correction_shows_at_once_on_a_kept_page(
    client, editor, story, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 3600
    client.get(story.get_absolute_url())
    client.get(reverse("articles:corrections"))
    with django_capture_on_commit_callbacks(execute=True):
        services.correction_add(article=story, by=editor, kind="ralat", text=RALAT)
    assert RALAT in client.get(story.get_absolute_url()).content.decode()
    assert RALAT in client.get(reverse("articles:corrections")).content.decode()


def test_a_corrected_storys_feed_item_carries_the_correction(client, editor, story):
    services.correction_add(article=story, by=editor, kind="ralat", text=RALAT)
    feed = client.get("/rss/").content.decode()
    item = feed[feed.index("Banjir di Kademangan") :]
    item = item[: item.index("</item>")]
    assert "Ralat, " in item and RALAT in item
