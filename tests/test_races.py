"""Two editors pressing buttons on one article at the same moment, on PostgreSQL.

Real threads post the admin's article form at once, each from a copy opened
at the same revision. Whatever the order the database lets them in, one
wins, the other is told in the form (their text still there) that the
article changed, nobody gets a 500 or a false success message, and the
article's status is always the one its last recorded transition says.

`RACE_REPEAT` (default 20) sets how often each pair is raced.
"""

import os
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.dates import WIB
from articles.models import Article
from tests.factories import article_form_data, make_article, make_editor, make_reporter

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
    pytest.mark.postgresql(reason="row locks are exact on PostgreSQL only"),
]

REPEAT = int(os.environ.get("RACE_REPEAT", "20"))
Status = Article.Status
REFUSAL = "sudah diubah oleh"
SUCCESS = 'class="success"'


def edit(article):
    return article_form_data(article, title=f"Judul disunting {article.pk}")


def act(name, **extra):
    def data(article):
        return article_form_data(article, _action=name, **extra)

    return data


def schedule(article):
    at = timezone.localtime(timezone.now() + timedelta(days=1), WIB)
    return act("schedule", publish_at=at.strftime("%Y-%m-%dT%H:%M"))(article)


RACES = {
    "edit + unpublish": (Status.PUBLISHED, edit, act("unpublish")),
    "edit + publish": (Status.REVIEW, edit, act("publish")),
    "publish + publish": (Status.REVIEW, act("publish"), act("publish")),
    "unpublish + unpublish": (Status.PUBLISHED, act("unpublish"), act("unpublish")),
    "schedule + edit": (Status.REVIEW, schedule, edit),
}


@pytest.fixture
def editors():
    clients = []
    for name in ("editor_a", "editor_b"):
        client = Client()
        client.force_login(make_editor(name))
        clients.append(client)
    return clients


def start(status, reporter, editor):
    article = make_article(status=Status.DRAFT, author=reporter.author, by=reporter)
    article = services.article_act(article=article, by=reporter, action="submit")
    if status == Status.PUBLISHED:
        article = services.article_act(article=article, by=editor, action="publish")
    return article


def race(clients, article, forms):
    """Post both forms at the same instant; return the two responses."""
    for client in clients:
        client.cookies.pop("messages", None)  # nothing left from the previous round
    url = reverse("admin:articles_article_change", args=[article.pk])
    barrier = threading.Barrier(len(clients))
    responses = [None] * len(clients)

    def post(i):
        try:
            barrier.wait()
            responses[i] = clients[i].post(url, forms[i])
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.parametrize("name", RACES)
def test_two_editors_at_once_lose_nothing(editors, name):
    status, first, second = RACES[name]
    reporter, editor = make_reporter(), make_editor()
    for _ in range(REPEAT):
        article = start(status, reporter, editor)
        forms = [first(article), second(article)]
        responses = race(editors, article, forms)

        # One is saved and redirected, the other told in its form; never a 500.
        codes = [r.status_code for r in responses]
        assert sorted(codes) == [200, 302], name
        loser = responses[codes.index(200)].content.decode()
        assert REFUSAL in loser and SUCCESS not in loser
        assert forms[codes.index(200)]["title"] in loser  # their text is still in the form

        article.refresh_from_db()
        last = article.transitions.first()
        assert article.status == last.to_status, name
