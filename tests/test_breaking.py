"""A story flagged breaking is announced on every public page until its time is up."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import services, workflow
from articles.models import Article
from tests.factories import make_article, make_reporter

pytestmark = pytest.mark.django_db


def flag(editor, story, hours=2):
    until = timezone.now() + timedelta(hours=hours)
    return services.article_save(article=story, by=editor, changes={"breaking_until": until})


def test_the_breaking_bar_shows_on_every_page_until_its_time(client, editor):
    story, other = make_article("Gempa di Blitar"), make_article("Harga cabai")
    flag(editor, story, hours=2)
    for url in [
        "/",
        other.get_absolute_url(),
        reverse("articles:region", args=[story.region.slug]),
    ]:
        html = client.get(url).content.decode()
        assert 'class="breaking-bar"' in html and "Gempa di Blitar" in html, url
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert 'class="breaking-bar"' not in client.get("/").content.decode()


def test_a_flag_shows_at_once_on_kept_pages(
    client, editor, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 3600
    story, other = make_article("Gempa di Blitar"), make_article("Harga cabai")
    client.get(other.get_absolute_url())
    with (
        time_machine.travel(timezone.now() + timedelta(seconds=5)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        flag(editor, story)
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        assert "Gempa di Blitar" in client.get(other.get_absolute_url()).content.decode()


def test_only_editors_flag_and_only_for_a_future_time(editor):
    reporter = make_reporter("wartawan")
    draft = make_article("Draf", status=Article.Status.DRAFT, author=reporter.author)
    with pytest.raises(workflow.NotAllowed):
        flag(reporter, draft)
    story = make_article("Gempa")
    with pytest.raises(workflow.Refused, match="masa mendatang"):
        flag(editor, story, hours=-1)


def test_a_story_scheduled_with_its_flag_gets_the_bar_at_its_minute(
    client, editor, django_capture_on_commit_callbacks
):
    """Pages rendered before it goes live do not keep "no breaking story" past its time."""
    draft = make_article("Gempa susulan", status=Article.Status.DRAFT)
    at = timezone.now() + timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(
            article=draft,
            by=editor,
            changes={"breaking_until": at + timedelta(hours=2)},
            action="schedule",
            publish_at=at,
        )
    assert 'class="breaking-bar"' not in client.get("/").content.decode()
    with time_machine.travel(at + timedelta(minutes=1)):
        html = client.get("/").content.decode()
    assert 'class="breaking-bar"' in html and "Gempa susulan" in html
