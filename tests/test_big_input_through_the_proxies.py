"""A 5 MB body on the production shape (tests/stack.py: nginx → Varnish → gunicorn):
the editor gets the form back with the error and the text, never a proxy's error page."""

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleAutosave
from tests.factories import article_form_data, make_article, make_editor
from tests.stack import needs_nginx, needs_varnish, stack_fixture
from tests.test_big_input import END, body_of

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
    needs_varnish,
    needs_nginx,
    pytest.mark.postgresql(reason="gunicorn must open the test database"),
]

stack = stack_fixture(nginx=True, workers=1)


@pytest.fixture
def editing(stack):
    """(story, headers, csrf token) of an editor with the story's form open through nginx."""
    editor = make_editor("redaktur")
    story = make_article("Banjir di Blitar", author=editor.author)
    client = Client()
    client.force_login(editor)  # the session row gunicorn reads
    session = client.cookies["sessionid"].value
    url = stack.url + reverse("admin:articles_article_change", args=[story.pk])
    status, headers, html = send(url, headers={"Cookie": f"sessionid={session}"})
    assert status == 200
    csrf = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = f"sessionid={session}; csrftoken={csrf}"
    return story, {"Cookie": cookie, "X-CSRFToken": token}, token


def send(url, *, method=None, headers=None, data=None):
    """(status, headers, body) of one request."""
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        response = urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read().decode(errors="replace")


def post(url, fields, headers):
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    started = time.perf_counter()
    status, _headers, body = send(
        url,
        method="POST",
        data=data,
        headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
    )
    return status, body, time.perf_counter() - started


def form(story, token, **changes):
    """The article form as the browser posts it, with its CSRF token."""
    return {**article_form_data(story, **changes), "csrfmiddlewaretoken": token, "_continue": "1"}


def test_a_5_mb_body_comes_back_in_its_form_through_nginx_and_varnish(stack, editing):
    story, headers, token = editing
    url = stack.url + reverse("admin:articles_article_change", args=[story.pk])
    status, html, _took = post(url, form(story, token, body=body_of(5.05)), headers)
    assert status == 200
    assert "Isi terlalu panjang: 5,1 MB; batas 2 MB." in html
    assert END in html  # the text, in the form
    assert Article.objects.get(pk=story.pk).revision == story.revision


def test_a_5_mb_autosave_is_a_plain_413_through_nginx_and_varnish(stack, editing):
    story, headers, _token = editing
    url = stack.url + reverse("admin:articles_article_autosave", args=[story.pk])
    fields = {"base_revision": story.revision, "title": story.title, "body": body_of(5.05)}
    status, body, _took = post(url, fields, headers)
    assert status == 413
    assert json.loads(body)["error"].startswith("Isi terlalu panjang: 5,1 MB; batas 2 MB.")
    assert not ArticleAutosave.objects.exists()


def test_a_request_over_nginxs_limit_is_refused_by_nginx_with_413(stack, editing):
    story, headers, _token = editing
    url = stack.url + reverse("admin:articles_article_autosave", args=[story.pk])
    fields = {"base_revision": story.revision, "body": body_of(17)}
    status, _body, _took = post(url, fields, headers)
    assert status == 413
    assert not ArticleAutosave.objects.exists()
