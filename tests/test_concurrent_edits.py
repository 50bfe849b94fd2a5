"""Two people editing one article: a save from a stale copy is refused, nothing is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.factories import article_form_data, make_article, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    budi = make_editor("budi", first_name="Budi", last_name="Santoso")
    sari = make_editor("sari", first_name="Sari", last_name="Dewi")
    article = make_article("Judul awal", status=Article.Status.DRAFT, author=budi.author, by=budi)
    return budi, sari, article


def post_as(user, article, data):
    client = Client()
    client.force_login(user)
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def test_stale_save_is_refused_naming_who_saved_and_keeping_the_text(setup):
    budi, sari, article = setup
    budi_form = article_form_data(article, title="Judul versi Budi")
    sari_form = article_form_data(article, body="<p>Teks panjang Sari yang tidak boleh hilang.</p>")

    assert post_as(budi, article, budi_form).status_code == 302
    response = post_as(sari, article, sari_form)

    assert response.status_code == 200
    html = response.content.decode()
    assert "sudah diubah oleh Budi Santoso" in html
    assert "Teks panjang Sari yang tidak boleh hilang." in html
    article.refresh_from_db()
    assert article.title == "Judul versi Budi"
    assert "Sari" not in article.body


def test_saving_again_never_overwrites_without_choosing_to(setup):
    """The scenario of issue 21: Sari presses Simpan again on the refused form;
    Budi's headline stays until she chooses "Simpan versi saya"."""
    budi, sari, article = setup
    sari_form = article_form_data(article, body="<p>Teks Sari.</p>")
    post_as(budi, article, article_form_data(article, title="Judul versi Budi"))
    refused = post_as(sari, article, sari_form)
    again = refused.context["adminform"].form.data.copy()  # the form as she sees it
    assert post_as(sari, article, again).status_code == 200  # refused once more
    article.refresh_from_db()
    assert article.title == "Judul versi Budi" and "Sari" not in article.body


def test_the_refusal_shows_what_differs_and_lets_the_editor_keep_hers(setup):
    budi, sari, article = setup
    sari_form = article_form_data(
        article, body="<p>Paragraf pertama.</p><p>Paragraf tambahan Sari.</p>"
    )
    post_as(budi, article, article_form_data(article, title="Judul versi Budi"))
    refused = post_as(sari, article, sari_form)
    html = refused.content.decode()
    conflict = refused.context["conflict"]
    assert [field["name"] for field in conflict["fields"]] == ["title", "body"]
    assert "Judul versi Budi" in html and "Judul awal" in html  # saved and hers, side by side
    assert '<ins class="conflict-mine">Paragraf tambahan Sari.</ins>' in html
    assert "Paragraf tambahan Sari." in conflict["typed_body"]  # to copy out
    kept = {**sari_form, "_keep_mine": str(conflict["revision"])}
    assert post_as(sari, article, kept).status_code == 302
    article.refresh_from_db()
    assert "Paragraf tambahan Sari." in article.body
    assert article.versions.filter(title="Judul versi Budi").exists()  # still in Riwayat


def test_keeping_mine_over_a_version_I_was_not_shown_is_refused(setup):
    budi, sari, article = setup
    sari_form = article_form_data(article, body="<p>Teks Sari.</p>")
    post_as(budi, article, article_form_data(article, title="Judul versi Budi"))
    refused = post_as(sari, article, sari_form)
    shown = refused.context["conflict"]["revision"]
    article.refresh_from_db()
    post_as(budi, article, article_form_data(article, title="Judul kedua Budi"))
    response = post_as(sari, article, {**sari_form, "_keep_mine": str(shown)})
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Judul kedua Budi"


def test_the_form_says_who_else_has_the_story_open(setup):
    budi, sari, article = setup
    url = reverse("admin:articles_article_change", args=[article.pk])
    first, second = Client(), Client()
    first.force_login(budi)
    second.force_login(sari)
    assert "juga membuka berita ini" not in first.get(url).content.decode()
    html = second.get(url).content.decode()
    assert "Budi Santoso juga membuka berita ini sejak" in html


def test_saves_in_turn_are_not_refused(setup):
    budi, _sari, article = setup
    assert post_as(budi, article, article_form_data(article, title="Satu")).status_code == 302
    article.refresh_from_db()
    assert post_as(budi, article, article_form_data(article, title="Dua")).status_code == 302


def test_the_autosave_keeps_the_mark_fresh_and_tells_who_else_is_here(setup):
    budi, sari, article = setup
    opened = Client()
    opened.force_login(budi)
    opened.get(reverse("admin:articles_article_change", args=[article.pk]))
    typing = Client()
    typing.force_login(sari)
    answer = typing.post(
        reverse("admin:articles_article_autosave", args=[article.pk]),
        {"title": "Judul", "body": "<p>Teks.</p>", "base_revision": article.revision},
    ).json()
    assert [other["name"] for other in answer["others"]] == ["Budi Santoso"]
    assert (
        "Sari Dewi juga membuka berita ini"
        in opened.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    )
