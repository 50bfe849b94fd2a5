"""A story withdrawn for a legal or ethical reason leaves a notice in its place."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import services, workflow
from articles.models import Article
from tests.factories import article_form_data, make_article

pytestmark = pytest.mark.django_db
REASON = "Atas putusan Dewan Pers: berita memuat identitas anak korban."


@pytest.fixture
def story():
    return make_article("Kasus di Sananwetan", tags=["hukum"])


def test_withdrawing_needs_a_reason(editor, story):
    with pytest.raises(workflow.Refused, match="alasan pencabutan"):
        services.article_act(article=story, by=editor, action="withdraw", note="  ")


def test_a_withdrawn_story_answers_410_with_when_and_why(client, editor, story):
    services.article_act(article=story, by=editor, action="withdraw", note=REASON)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert "Berita ini telah dicabut" in html and REASON in html
    assert "Kasus di Sananwetan" in html
    assert "memadati alun-alun" not in html  # no body
    assert response["X-Robots-Tag"] == "noindex" and 'content="noindex"' in html


def test_a_withdrawn_story_is_gone_from_every_list_feed_and_sitemap(client, editor, story):
    services.article_act(article=story, by=editor, action="withdraw", note=REASON)
    for url in [
        "/",
        reverse("articles:region", args=[story.region.slug]),
        "/rss/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        "/cari/?q=Sananwetan",
    ]:
        assert "Kasus di Sananwetan" not in client.get(url).content.decode(), url
        assert story.get_absolute_url() not in client.get(url).content.decode(), url


def test_plain_unpublishing_stays_a_404(client, editor, story):
    services.article_act(article=story, by=editor, action="unpublish")
    assert client.get(story.get_absolute_url()).status_code == 404


def test_the_admin_withdraws_with_the_reason_from_the_note_field(client, editor, story):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = article_form_data(story, _action="withdraw", workflow_note=REASON)
    assert client.post(url, data).status_code == 302
    assert Article.objects.get(pk=story.pk).status == Article.Status.WITHDRAWN


def test_a_scheduled_story_withdrawn_before_its_time_is_a_plain_404(client, editor):
    """Readers never saw it: its address does not reveal its headline."""
    draft = make_article("Rahasia yang belum terbit", status=Article.Status.DRAFT)
    services.article_act(
        article=draft,
        by=editor,
        action="schedule",
        publish_at=timezone.now() + timedelta(hours=2),
    )
    services.article_act(article=draft, by=editor, action="withdraw", note=REASON)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Rahasia yang belum terbit" not in response.content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=3)):  # past its old time too
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_story_unpublished_after_readers_saw_it_then_withdrawn_answers_410(client, editor, story):
    services.article_act(article=story, by=editor, action="unpublish")
    services.article_act(article=story, by=editor, action="withdraw", note=REASON)
    assert client.get(story.get_absolute_url()).status_code == 410
