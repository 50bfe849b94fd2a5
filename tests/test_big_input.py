"""A body too big to keep is refused plainly, and nothing typed is lost on the way."""

import json
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleAutosave, ArticleVersion
from tests.factories import article_form_data, make_article

pytestmark = pytest.mark.django_db
END = "Paragraf terakhir yang tidak boleh hilang."
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def body_of(megabytes):
    """A plain story body of about `megabytes` MB, ending in END."""
    paragraph = "<p>" + "Warga Blitar memadati alun-alun kota sejak pagi. " * 20 + "</p>"
    count = int(megabytes * 1_000_000) // len(paragraph)
    return paragraph * count + f"<p>{END}</p>"


@pytest.fixture
def story(editor):
    return make_article("Banjir di Blitar", author=editor.author)


def post_form(client, article, **changes):
    """The article form as a browser posts it: form-encoded, not multipart."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = urlencode(article_form_data(article, **changes), doseq=True)
    return client.post(
        url, data, content_type="application/x-www-form-urlencoded", HTTP_ACCEPT=BROWSER
    )


def autosave(client, article, **texts):
    url = reverse("admin:articles_article_autosave", args=[article.pk])
    return client.post(url, {"base_revision": article.revision, **texts})


def test_a_5_mb_body_comes_back_in_the_form_with_its_error_beside_it(client, editor, story):
    client.force_login(editor)
    response = post_form(client, story, body=body_of(5.05))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert errors == [
        "Isi terlalu panjang: 5,1 MB; batas 2 MB. Persingkat isinya atau bagi menjadi "
        "beberapa berita; teks Anda belum disimpan."
    ]
    page = response.content.decode()
    textarea = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', page, re.S)
    assert textarea and END in textarea.group(1)  # the text is still in the form
    assert page.index("Isi terlalu panjang") < textarea.start()  # beside the body field
    fresh = Article.objects.get(pk=story.pk)
    assert (fresh.revision, fresh.body) == (story.revision, story.body)
    assert ArticleVersion.objects.filter(article=story).count() == 1


def test_a_body_within_the_limit_is_saved(client, editor, story):
    client.force_login(editor)
    response = post_form(client, story, body=body_of(1.9))
    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).body.endswith(f"<p>{END}</p>")


def test_the_limit_is_a_setting(client, editor, story, settings):
    settings.ARTICLE_BODY_MAX_BYTES = 500_000
    client.force_login(editor)
    response = post_form(client, story, body=body_of(0.6))
    assert (
        response.context["adminform"]
        .form.errors["body"][0]
        .startswith("Isi terlalu panjang: 0,6 MB; batas 0,5 MB.")
    )


def test_a_story_saved_before_the_limit_was_lowered_can_still_be_edited(
    client, editor, story, settings
):
    Article.objects.filter(pk=story.pk).update(body=body_of(0.6))
    story.refresh_from_db()
    settings.ARTICLE_BODY_MAX_BYTES = 500_000
    client.force_login(editor)
    assert post_form(client, story, title="Banjir surut di Blitar").status_code == 302
    assert Article.objects.get(pk=story.pk).title == "Banjir surut di Blitar"


def test_an_autosave_of_a_5_mb_body_is_refused_plainly_and_keeps_nothing(client, editor, story):
    client.force_login(editor)
    response = autosave(client, story, title=story.title, body=body_of(5.05))
    assert response.status_code == 413
    assert json.loads(response.content)["error"].startswith(
        "Isi terlalu panjang: 5,1 MB; batas 2 MB."
    )
    assert not ArticleAutosave.objects.exists()


def test_the_services_refuse_a_long_body_beside_the_body_field(editor, story):
    with pytest.raises(services.TooLong) as refusal:
        services.article_save(
            article=story, by=editor, base_revision=story.revision, changes={"body": body_of(3)}
        )
    assert refusal.value.field == "body"
    assert Article.objects.get(pk=story.pk).revision == story.revision


def test_a_request_larger_than_django_reads_is_a_clear_413_page(client, editor, story, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client.force_login(editor)
    response = post_form(client, story, body=body_of(0.2))
    assert response.status_code == 413
    page = response.content.decode()
    assert '<html lang="id">' in page and "Kiriman terlalu besar" in page
    assert "Isi berita paling banyak 2 MB." in page
    assert response["Cache-Control"] == "no-store"


def test_an_autosave_larger_than_django_reads_is_a_clear_json_413(client, editor, story, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client.force_login(editor)
    url = reverse("admin:articles_article_autosave", args=[story.pk])
    data = urlencode({"base_revision": story.revision, "body": body_of(0.2)})
    response = client.post(url, data, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "Kiriman terlalu besar" in json.loads(response.content)["error"]


def test_django_reads_whatever_nginx_passes():
    """nginx's client_max_body_size is Django's DATA_UPLOAD_MAX_MEMORY_SIZE:
    a request nginx passes is read whole, so it never ends in a proxy's
    error page, and the body limit fits in it with room for the other fields."""
    nginx = (Path(settings.BASE_DIR) / "deploy" / "nginx.conf").read_text()
    sizes = set(re.findall(r"^\s*client_max_body_size\s+(\d+)m;", nginx, re.M))
    assert sizes == {str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))}
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > 3 * settings.ARTICLE_BODY_MAX_BYTES
