"""Every saved version is kept; two can be compared and an old one restored."""

import pytest
from django.urls import reverse

from articles import history, services
from articles.models import Article, ArticleVersion
from tests.factories import article_form_data, make_article, make_reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(editor):
    article = make_article(
        "Judul pertama",
        status=Article.Status.DRAFT,
        body="<p>Paragraf satu.</p><p>Paragraf dua.</p>",
        author=editor.author,
        by=editor,
    )
    return article


def test_each_admin_save_keeps_a_version_with_who_and_when(client, editor, article):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, article_form_data(article, title="Judul kedua"))
    article.refresh_from_db()
    client.post(url, article_form_data(article, title="Judul ketiga"))
    versions = list(article.versions.order_by("number"))
    assert [v.title for v in versions] == ["Judul pertama", "Judul kedua", "Judul ketiga"]
    assert all(v.by == editor and v.at for v in versions)


def test_history_page_lists_transitions_and_versions(client, editor, article):
    services.article_act(action="publish", article=article, by=editor)
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_history", args=[article.pk])).content
    html = html.decode()
    assert "Terbit" in html and "Draf" in html
    assert "Judul pertama" in html


def test_compare_marks_removed_and_added_words(client, editor, article):
    services.article_save(
        article=article,
        by=editor,
        changes={"body": "<p>Paragraf satu.</p><p>Paragraf tiga baru.</p>"},
    )
    client.force_login(editor)
    url = reverse("admin:articles_article_compare", args=[article.pk]) + "?from=1&to=2"
    html = client.get(url).content.decode()
    assert "<del>dua.</del>" in html
    assert "<ins>tiga baru.</ins>" in html


def test_compare_escapes_markup_from_the_text():
    diff = history.diff_html("<b>a</b>", "<script>x</script>", field="title")
    assert "<script>" not in diff
    assert "&lt;script&gt;" in diff


@pytest.mark.parametrize("query", ["", "?from=1&to=99", "?from=x&to=1"])
def test_compare_with_unknown_versions_is_404(client, editor, article, query):
    client.force_login(editor)
    url = reverse("admin:articles_article_compare", args=[article.pk]) + query
    assert client.get(url).status_code == 404


def test_restore_makes_a_new_version_and_deletes_nothing(editor, article):
    services.article_save(article=article, by=editor, changes={"title": "Judul salah"})
    services.article_restore(article=article, version=article.versions.get(number=1), by=editor)
    article.refresh_from_db()
    assert article.title == "Judul pertama"
    assert list(article.versions.order_by("number").values_list("title", flat=True)) == [
        "Judul pertama",
        "Judul salah",
        "Judul pertama",
    ]
    assert "versi 1" in article.versions.get(number=3).note


def test_restoring_a_published_article_keeps_it_published(client, editor, article):
    services.article_act(action="publish", article=article, by=editor)
    article.refresh_from_db()
    services.article_save(article=article, by=editor, changes={"title": "Judul salah"})
    services.article_restore(article=article, version=article.versions.get(number=1), by=editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Judul pertama" in client.get(article.get_absolute_url()).content.decode()


def test_versions_survive_every_workflow_step(editor, article):
    reporter = make_reporter()
    article.author = reporter.author
    article.save()
    services.article_act(action="submit", article=article, by=reporter)
    services.article_act(action="publish", article=article, by=editor)
    services.article_act(action="unpublish", article=article, by=editor)
    assert ArticleVersion.objects.filter(article=article).count() == 1
