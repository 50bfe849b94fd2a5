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


def test_saving_again_after_the_warning_overwrites_and_keeps_both_in_history(setup):
    budi, sari, article = setup
    sari_form = article_form_data(article, body="<p>Teks Sari.</p>")
    post_as(budi, article, article_form_data(article, title="Judul versi Budi"))
    refused = post_as(sari, article, sari_form)
    # The refused form carries the current revision: a second save is deliberate.
    resubmit = {
        **sari_form,
        "base_revision": refused.context["adminform"].form.data["base_revision"],
    }
    assert post_as(sari, article, resubmit).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Teks Sari.</p>"
    assert article.versions.filter(title="Judul versi Budi").exists()


def test_saves_in_turn_are_not_refused(setup):
    budi, _sari, article = setup
    assert post_as(budi, article, article_form_data(article, title="Satu")).status_code == 302
    article.refresh_from_db()
    assert post_as(budi, article, article_form_data(article, title="Dua")).status_code == 302
