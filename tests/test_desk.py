"""The admin home is a desk: each writer and editor sees what needs them now."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db
Status = Article.Status


def desk_html(client, user):
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    return html[html.index('class="desk"') : html.index('id="content-main"') + 1]


def test_a_reporter_finds_a_story_sent_back_first_with_the_editors_note(client):
    reporter, editor = make_reporter("wartawan"), make_editor("redaktur")
    make_article("Draf pasar", status=Status.DRAFT, author=reporter.author)
    make_article("Sudah terbit", author=reporter.author)
    story = make_article("Banjir Kademangan", status=Status.REVIEW, author=reporter.author)
    services.article_act(article=story, by=editor, action="send_back", note="Tambah data BPBD.")
    make_article("Milik orang lain", status=Status.RETURNED)
    html = desk_html(client, reporter)
    returned = html[html.index("Perlu diperbaiki") : html.index("Draf saya")]
    assert "Banjir Kademangan" in returned
    assert "Tambah data BPBD." in returned
    assert "Milik orang lain" not in html
    assert html.index("Draf saya") < html.index("Draf pasar") < html.index("Menunggu redaksi")


def test_an_editor_sees_the_queue_longest_waiting_first_and_whats_scheduled(client):
    editor = make_editor("redaktur")
    older = make_article("Menunggu lama", status=Status.REVIEW)
    Article.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(hours=3))
    make_article("Menunggu sebentar", status=Status.REVIEW)
    make_article("Terbit besok", published_at=timezone.now() + timedelta(days=1))
    html = desk_html(client, editor)
    queue = html[html.index("Antrean redaksi") : html.index("Terjadwal")]
    assert queue.index("Menunggu lama") < queue.index("Menunggu sebentar")
    assert "Terbit besok" in html[html.index("Terjadwal") : html.index("Baru terbit")]


@pytest.mark.parametrize("make", [make_reporter, make_editor])
def test_the_desk_costs_the_same_queries_however_many_stories(client, make):
    user = make()
    client.force_login(user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/admin/")
        return len(captured)

    for status in (Status.DRAFT, Status.RETURNED, Status.REVIEW, Status.PUBLISHED):
        make_article(status=status, author=user.author)
    client.get("/admin/")  # a session's first request adds it to the sessions list
    few = queries()
    for _ in range(4):
        for status in (Status.DRAFT, Status.RETURNED, Status.REVIEW, Status.PUBLISHED):
            make_article(status=status, author=user.author)
    assert queries() == few
