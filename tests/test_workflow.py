"""The editorial workflow: who may move an article where, and what is recorded."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import services, workflow
from articles.dates import WIB
from articles.models import Article
from tests.factories import (
    article_form_data,
    make_article,
    make_editor,
    make_region,
    make_reporter,
)

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def draft(reporter):
    return make_article("Draf Lestari", status=Status.DRAFT, author=reporter.author)


def test_reporter_submits_own_draft_for_review(draft, reporter, editor):
    services.article_act(action="submit", article=draft, by=reporter)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    transition = draft.transitions.get()
    assert (transition.from_status, transition.to_status, transition.by) == (
        Status.DRAFT,
        Status.REVIEW,
        reporter,
    )


def test_reporter_cannot_submit_someone_elses_draft(draft):
    other = make_reporter("lain")
    with pytest.raises(workflow.NotAllowed):
        services.article_act(action="submit", article=draft, by=other)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize("action", ["publish", "unpublish", "send_back"])
def test_reporter_cannot_take_editor_actions(draft, reporter, action):
    services.article_act(action="submit", article=draft, by=reporter)
    with pytest.raises(workflow.NotAllowed):
        services.article_act(action=action, article=draft, by=reporter, note="x")
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_reporter_cannot_schedule(draft, reporter):
    with pytest.raises(workflow.NotAllowed):
        services.article_act(
            action="schedule",
            article=draft,
            by=reporter,
            publish_at=timezone.now() + timedelta(hours=1),
        )
    assert not Article.objects.published().exists()


def test_editor_sends_back_with_note_and_reporter_can_resubmit(draft, reporter, editor):
    services.article_act(action="submit", article=draft, by=reporter)
    services.article_act(action="send_back", article=draft, by=editor, note="Tambahkan kutipan.")
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED
    assert draft.transitions.first().note == "Tambahkan kutipan."
    assert workflow.can_edit(reporter, draft)
    services.article_act(action="submit", article=draft, by=reporter)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_send_back_needs_a_note(draft, reporter, editor):
    services.article_act(action="submit", article=draft, by=reporter)
    with pytest.raises(workflow.Refused, match="catatan"):
        services.article_act(action="send_back", article=draft, by=editor, note="   ")
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW


def test_editor_publishes_now(draft, reporter, editor):
    services.article_act(action="submit", article=draft, by=reporter)
    services.article_act(action="publish", article=draft, by=editor)
    assert list(Article.objects.published()) == [draft]
    draft.refresh_from_db()
    assert draft.first_published_at == draft.published_at


def test_illegal_transition_is_refused_with_a_message(draft, editor):
    with pytest.raises(workflow.Refused, match="tidak dapat"):
        services.article_act(action="unpublish", article=draft, by=editor)
    with pytest.raises(workflow.Refused, match="tidak dapat"):
        services.article_act(action="send_back", article=draft, by=editor, note="x")


def test_publishing_a_live_article_again_is_refused(draft, editor):
    services.article_act(action="publish", article=draft, by=editor)
    with pytest.raises(workflow.Refused):
        services.article_act(action="publish", article=draft, by=editor)
    assert draft.transitions.count() == 1


def test_schedule_needs_a_future_time(draft, editor):
    with pytest.raises(workflow.Refused, match="masa mendatang"):
        services.article_act(
            action="schedule",
            article=draft,
            by=editor,
            publish_at=timezone.now() - timedelta(minutes=1),
        )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_scheduled_article_appears_exactly_at_its_time(client, draft, editor):
    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    services.article_act(action="schedule", article=draft, by=editor, publish_at=at)
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert draft.title not in client.get("/").content.decode()
    with time_machine.travel(at, tick=False):
        assert client.get(draft.get_absolute_url()).status_code == 200
        assert draft.title in client.get("/").content.decode()


def test_scheduled_article_can_be_published_now(draft, editor):
    services.article_act(
        action="schedule", article=draft, by=editor, publish_at=timezone.now() + timedelta(days=1)
    )
    services.article_act(action="publish", article=draft, by=editor)
    assert list(Article.objects.published()) == [draft]


def test_unpublished_article_disappears_and_can_return(client, draft, editor):
    services.article_act(action="publish", article=draft, by=editor)
    services.article_act(action="unpublish", article=draft, by=editor)
    assert client.get(draft.get_absolute_url()).status_code == 404
    services.article_act(action="publish", article=draft, by=editor)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_story_published_again_keeps_its_first_time_and_its_place(client, draft, editor):
    """Taken down and put back, a story is not news again: it keeps the time
    readers first saw it, and its place below the stories published since."""
    first_seen = (timezone.now() - timedelta(hours=5)).replace(microsecond=0)  # stored so
    with time_machine.travel(first_seen, tick=False):
        story = services.article_act(action="publish", article=draft, by=editor)
    newer = make_article("Berita sesudahnya", age=timedelta(hours=1))
    services.article_act(action="unpublish", article=story, by=editor)
    story = services.article_act(action="publish", article=story, by=editor)
    story.refresh_from_db()
    assert story.published_at == first_seen
    assert [a.pk for a in client.get("/").context["articles"]][:2] == [newer.pk, story.pk]
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Diperbarui" in page and story.revised_at > first_seen


def test_a_story_scheduled_then_cancelled_is_published_at_the_time_it_goes_live(draft, editor):
    services.article_act(
        action="schedule", article=draft, by=editor, publish_at=timezone.now() + timedelta(days=1)
    )
    story = services.article_act(action="unpublish", article=draft, by=editor)
    before = timezone.now().replace(microsecond=0)  # publish times are whole seconds
    story = services.article_act(action="publish", article=story, by=editor)
    story.refresh_from_db()
    assert story.published_at >= before  # readers never saw it: now is its first time


def test_every_transition_is_recorded_in_order(draft, reporter, editor):
    services.article_act(action="submit", article=draft, by=reporter)
    services.article_act(action="send_back", article=draft, by=editor, note="Judul kurang jelas.")
    services.article_act(action="submit", article=draft, by=reporter)
    services.article_act(action="publish", article=draft, by=editor)
    services.article_act(action="unpublish", article=draft, by=editor)
    steps = [(t.from_status, t.to_status, t.by.username) for t in draft.transitions.reverse()]
    assert steps == [
        (Status.DRAFT, Status.REVIEW, "wartawan"),
        (Status.REVIEW, Status.RETURNED, "redaktur"),
        (Status.RETURNED, Status.REVIEW, "wartawan"),
        (Status.REVIEW, Status.PUBLISHED, "redaktur"),
        (Status.PUBLISHED, Status.UNPUBLISHED, "redaktur"),
    ]


def test_a_stale_copy_cannot_repeat_a_transition(draft, reporter, editor):
    """Two editors deciding on the same article: the second sees the first's decision."""
    services.article_act(action="submit", article=draft, by=reporter)
    stale = Article.objects.get(pk=draft.pk)
    services.article_act(action="publish", article=draft, by=editor)
    with pytest.raises(workflow.Refused):
        services.article_act(action="send_back", article=stale, by=editor, note="Terlambat.")
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED


def test_submit_emails_the_editors(django_capture_on_commit_callbacks, draft, reporter, editor):
    with django_capture_on_commit_callbacks(execute=True):
        services.article_act(action="submit", article=draft, by=reporter)
    assert [m.to for m in mail.outbox] == [["redaktur@example.com"]]
    assert "Draf Lestari" in mail.outbox[0].subject


def test_send_back_emails_the_reporter_with_the_note(
    django_capture_on_commit_callbacks, draft, reporter, editor
):
    services.article_act(action="submit", article=draft, by=reporter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_act(
            action="send_back", article=draft, by=editor, note="Cek ejaan nama camat."
        )
    assert [m.to for m in mail.outbox] == [["wartawan@example.com"]]
    assert "Cek ejaan nama camat." in mail.outbox[0].body


def test_publish_emails_the_reporter(django_capture_on_commit_callbacks, draft, editor):
    with django_capture_on_commit_callbacks(execute=True):
        services.article_act(action="publish", article=draft, by=editor)
    assert [m.to for m in mail.outbox] == [["wartawan@example.com"]]
    assert draft.get_absolute_url() in mail.outbox[0].body


def test_no_email_is_sent_when_the_change_is_rolled_back(
    django_capture_on_commit_callbacks, draft, reporter
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.Refused):
        services.article_act(action="send_back", article=draft, by=make_editor(), note="")
    assert mail.outbox == []


# Times and tags the desk types ---------------------------------------------


def posted_form(response):
    return response.context["adminform"].form


def test_a_schedule_outside_2000_to_2100_is_refused_beside_its_field(client, draft, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = article_form_data(draft, _action="schedule", publish_at="2999-01-01T08:00")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "antara tahun 2000 dan 2100" in posted_form(response).errors["publish_at"][0]
    assert 'value="2999-01-01T08:00"' in response.content.decode()  # what was typed stays
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT
    with pytest.raises(workflow.Refused, match="2000 dan 2100"):
        services.article_act(
            article=draft, by=editor, action="schedule", publish_at=datetime(1, 1, 1, tzinfo=WIB)
        )


def new_story_form(reporter, **overrides):
    article = Article(title="Banjir di Kademangan", body="<p>Air naik.</p>", region=make_region())
    article.author = reporter.author
    return article_form_data(article, **overrides)


def test_a_tag_typed_in_another_case_or_without_accents_links_the_existing_tag(client, reporter):
    make_article(tags=["Banjir", "Café"])
    client.force_login(reporter)
    data = new_story_form(reporter, tags="banjir, CAFE, Kademangan")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    story = Article.objects.get(title="Banjir di Kademangan")
    assert sorted(story.tags.values_list("name", flat=True)) == ["Banjir", "Café", "Kademangan"]
    assert Tag.objects.filter(slug="banjir").count() == 1
    services.article_save(article=story, by=reporter, tags=["BANJIR", "banjir ", "Kademangan"])
    assert sorted(story.tags.values_list("name", flat=True)) == ["Banjir", "Kademangan"]


def test_a_tag_of_several_words_stays_one_tag(client, reporter):
    client.force_login(reporter)
    data = new_story_form(reporter, tags="Banjir Bandang")
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    story = Article.objects.get(title="Banjir di Kademangan")
    assert list(story.tags.values_list("name", flat=True)) == ["Banjir Bandang"]


def test_more_than_30_tags_are_refused_beside_the_field_and_kept_in_the_form(client, reporter):
    client.force_login(reporter)
    typed = ", ".join(f"tag{n}" for n in range(31))
    response = client.post(
        reverse("admin:articles_article_add"), new_story_form(reporter, tags=typed)
    )
    assert response.status_code == 200
    assert "Paling banyak 30 tag" in posted_form(response).errors["tags"][0]
    assert "tag30" in response.content.decode()
    assert not Article.objects.filter(title="Banjir di Kademangan").exists()
    assert not Tag.objects.filter(name="tag0").exists()
    story = make_article("Cukup tag", tags=[f"tag{n}" for n in range(30)])
    with pytest.raises(workflow.Refused, match="Paling banyak 30 tag"):
        services.article_save(article=story, by=make_editor(), tags=typed.split(", "))
