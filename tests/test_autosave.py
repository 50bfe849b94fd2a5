"""Autosave: what a writer types is kept every few seconds, without touching the story."""

import json

import pytest
from django.urls import reverse

from articles import services, workflow
from articles.models import Article, ArticleAutosave, ArticleVersion
from tests.factories import article_form_data, make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reporter):
    return make_article("Banjir di Blitar", status=Article.Status.DRAFT, author=reporter.author)


def autosave(client, article, **texts):
    url = reverse("admin:articles_article_autosave", args=[article.pk])
    return client.post(url, {"base_revision": article.revision, **texts})


def test_an_autosave_keeps_the_text_but_leaves_the_story_alone(client, reporter, draft):
    client.force_login(reporter)
    versions = ArticleVersion.objects.filter(article=draft).count()
    typed = {"title": "Banjir besar", "body": "<p>Air naik<script>x</script></p>"}
    response = autosave(client, draft, **typed)
    assert response.status_code == 200 and json.loads(response.content)["saved_at"]
    copy = ArticleAutosave.objects.get(article=draft, by=reporter)
    assert copy.title == "Banjir besar" and copy.body == "<p>Air naik</p>"  # cleaned as a save is
    fresh = Article.objects.get(pk=draft.pk)
    assert (fresh.title, fresh.revision) == ("Banjir di Blitar", draft.revision)
    assert ArticleVersion.objects.filter(article=draft).count() == versions
    assert "Banjir besar" not in client.get(fresh.get_absolute_url()).content.decode()


def test_a_colleagues_autosave_never_makes_my_save_stale(client, reporter):
    editor, colleague = make_editor("redaktur"), make_editor("redaktur2")
    story = make_article("Harga cabai naik", author=reporter.author)
    services.article_autosave(
        article=story, by=colleague, texts={"title": "Harga cabai turun"}, base_revision=1
    )
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.post(url, article_form_data(story, title="Harga cabai naik lagi"))
    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).title == "Harga cabai naik lagi"


def test_a_real_save_removes_the_writers_copy(client, reporter, draft):
    client.force_login(reporter)
    autosave(client, draft, title="Judul sementara")
    url = reverse("admin:articles_article_change", args=[draft.pk])
    client.post(url, {**article_form_data(draft, title="Judul akhir"), "_continue": "1"})
    assert not ArticleAutosave.objects.filter(article=draft).exists()


def test_reopening_the_form_offers_the_newer_copy(client, reporter, draft):
    client.force_login(reporter)
    autosave(client, draft, title="Judul yang belum disimpan", body="<p>Paragraf baru.</p>")
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    config = page.context["autosave"]
    assert config["server_copy"]["fields"]["title"] == "Judul yang belum disimpan"
    assert 'id="autosave-config"' in page.content.decode()


def test_nobody_autosaves_into_a_story_they_may_not_edit(client, reporter, draft):
    other = make_reporter("wartawan2")
    client.force_login(other)
    assert autosave(client, draft, title="Bukan milik saya").status_code == 404
    with pytest.raises(workflow.NotAllowed):
        services.article_autosave(article=draft, by=other, texts={}, base_revision=1)
    assert not ArticleAutosave.objects.exists()


def test_bad_autosave_requests_get_a_clear_answer(client, reporter, draft):
    client.force_login(reporter)
    url = reverse("admin:articles_article_autosave", args=[draft.pk])
    assert client.get(url).status_code == 405
    refused = client.post(url, {"base_revision": "abc", "title": "x"})
    assert refused.status_code == 400 and json.loads(refused.content)["error"]


def test_a_story_waiting_for_review_reads_as_readers_will_see_it(client, reporter, draft):
    services.article_act(article=draft, by=reporter, action="submit")
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert "Ratusan warga memadati alun-alun kota." in html
    assert "&lt;p&gt;" not in html


def test_the_address_follows_the_headline_until_first_publication(client, reporter, draft):
    editor = make_editor("redaktur")
    assert draft.slug == "banjir-di-blitar"
    retitled = services.article_save(article=draft, by=reporter, changes={"title": "Banjir surut"})
    assert retitled.slug == "banjir-surut"
    live = services.article_act(article=retitled, by=editor, action="publish")
    kept = services.article_save(article=live, by=editor, changes={"title": "Banjir surut total"})
    assert kept.slug == "banjir-surut"  # shared links keep working


def test_an_address_an_editor_chose_stays_when_the_headline_changes(reporter, draft):
    editor = make_editor("redaktur")
    own = services.article_save(article=draft, by=editor, changes={"slug": "banjir-blitar-2026"})
    retitled = services.article_save(article=own, by=editor, changes={"title": "Banjir surut"})
    assert retitled.slug == "banjir-blitar-2026"


def test_reporters_never_see_the_address_field(client, reporter, draft):
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert 'name="slug"' not in html


def test_a_send_back_without_a_note_is_refused_beside_the_note_field(client, reporter, draft):
    editor = make_editor("redaktur")
    services.article_act(article=draft, by=reporter, action="submit")
    draft.refresh_from_db()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    response = client.post(url, article_form_data(draft, title="Judul diubah", _action="send_back"))
    html = response.content.decode()
    note_row = html[html.index("field-workflow_note") :]
    note_row = note_row[: note_row.index('class="form-row')]
    assert "Tulis catatan untuk wartawan" in note_row
    assert 'value="Judul diubah"' in html  # nothing typed is lost
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW
