"""The editorial workflow: who may move an article where, and what is recorded."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from articles import services, workflow
from articles.models import Article
from tests.factories import make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def reporter():
    return make_reporter("wartawan", email="wartawan@example.com")


@pytest.fixture
def editor():
    return make_editor("redaktur", email="redaktur@example.com")


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
