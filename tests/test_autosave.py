"""Autosave: what a writer types is kept every few seconds, without touching the story."""

import json

import pytest
from django.urls import reverse

from articles import services, workflow
from articles.models import Article, ArticleAutosave, ArticleVersion
from tests.factories import (
    article_form_data,
    make_article,
    make_author,
    make_editor,
    make_photo,
    make_region,
    make_reporter,
)

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


def test_an_autosave_keeps_every_field_with_the_labels_to_show_them(client, editor, draft):
    """Region, lead photo, co-authors in byline order, tags, kind, schedule, dateline."""
    region, photo = make_region("Sananwetan"), make_photo(caption="Antrean di TPS")
    ani, budi = make_author("Ani"), make_author("Budi")
    client.force_login(editor)
    typed = {
        "title": "Banjir besar",
        "dateline_place": "Blitar",
        "region": str(region.pk),
        "lead_photo": str(photo.pk),
        "coauthors": [str(budi.pk), str(ani.pk)],
        "tags": "banjir, Blitar, BANJIR",
        "kind": "live",
        "publish_at": "2026-12-05T06:00",
    }
    assert autosave(client, draft, **typed).status_code == 200
    copy = ArticleAutosave.objects.get(article=draft, by=editor)
    assert copy.dateline_place == "Blitar"
    assert copy.fields == {
        "region": [{"id": str(region.pk), "label": "Sananwetan"}],
        "lead_photo": [{"id": str(photo.pk), "label": "Antrean di TPS"}],
        "coauthors": [{"id": str(budi.pk), "label": "Budi"}, {"id": str(ani.pk), "label": "Ani"}],
        "tags": "banjir, Blitar",  # one spelling a tag, as a save would link them
        "kind": "live",
        "publish_at": "2026-12-05T06:00",
    }
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    shown = page.context["autosave"]["server_copy"]["fields"]
    assert shown["title"] == "Banjir besar" and shown["coauthors"] == copy.fields["coauthors"]
    assert {"region", "tags", "kind", "publish_at"} <= set(page.context["autosave"]["kept_fields"])


def test_an_autosave_never_keeps_an_id_that_is_no_row(client, editor, draft):
    """Ids are looked up and labelled by the server, never taken from the browser."""
    ani = make_author("Ani")
    client.force_login(editor)
    typed = {
        "region": "999999",
        "lead_photo": "abc",
        "coauthors": ["999999", str(ani.pk), "²", "1" * 30],
        "kind": "rahasia",
        "tags": "a\x07b, " + "x" * 300,
    }
    assert autosave(client, draft, **typed).status_code == 200
    fields = ArticleAutosave.objects.get(article=draft).fields
    assert fields["region"] == [] and fields["lead_photo"] == []
    assert fields["coauthors"] == [{"id": str(ani.pk), "label": "Ani"}]
    assert "kind" not in fields
    assert fields["tags"] == "ab, " + "x" * 100  # cut as a save would refuse it


def test_a_reporters_copy_keeps_only_the_fields_their_form_shows(reporter, draft):
    ani = make_author("Ani")
    copy = services.article_autosave(
        article=draft,
        by=reporter,
        base_revision=draft.revision,
        texts={"title": "Banjir"},
        fields={
            "coauthors": [str(ani.pk)],
            "author": str(ani.pk),
            "kind": "advertorial",
            "publish_at": "2026-12-05T06:00",
            "tags": "banjir",
            "secret": "x",
        },
    )
    assert copy.fields == {"tags": "banjir"}


def test_autosaving_makes_no_tag(reporter, draft):
    from taggit.models import Tag

    services.article_autosave(
        article=draft, by=reporter, base_revision=1, texts={}, fields={"tags": "Tag baru"}
    )
    assert not Tag.objects.filter(name="Tag baru").exists()
