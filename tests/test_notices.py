"""Workflow notices in the admin: a badge with the unread count, and the list."""

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article, Notice
from tests.factories import make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db


def badge(client):
    html = client.get("/admin/").content.decode()
    start = html.find('class="notice-badge"')
    return None if start < 0 else html[html.index(">", start) + 1 : html.index("</span>", start)]


def test_editors_see_a_story_sent_to_them_and_the_reporter_sees_it_come_back(
    client, django_capture_on_commit_callbacks
):
    reporter, editor = make_reporter("wartawan"), make_editor("redaktur")
    story = make_article("Banjir Kademangan", status=Article.Status.DRAFT, author=reporter.author)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_act(article=story, by=reporter, action="submit")
    client.force_login(editor)
    assert badge(client) == "1"
    listing = client.get(reverse("admin:articles_notice_changelist")).content.decode()
    assert "Menunggu redaksi: Banjir Kademangan" in listing
    assert badge(client) is None  # seen

    with django_capture_on_commit_callbacks(execute=True):
        services.article_act(article=story, by=editor, action="send_back", note="Cek data.")
    client.force_login(reporter)
    assert badge(client) == "1"
    assert (
        "Dikembalikan: Banjir Kademangan"
        in client.get(reverse("admin:articles_notice_changelist")).content.decode()
    )


def test_nobody_sees_anyone_elses_notices(client):
    reporter, other = make_reporter("wartawan"), make_reporter("wartawan2")
    Notice.objects.create(user=other, text="Rahasia redaksi")
    client.force_login(reporter)
    listing = client.get(reverse("admin:articles_notice_changelist")).content.decode()
    assert "Rahasia redaksi" not in listing
    assert badge(client) is None
