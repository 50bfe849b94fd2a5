"""Input no browser sends, found by fuzzing: refused with a 400 or 404, never a 500.

PostgreSQL refuses a NUL byte in a query parameter (psycopg raises
ValueError), so these matter most there; run them on PostgreSQL too.
"""

import pytest
from django.contrib import admin
from django.forms import modelform_factory
from django.urls import reverse

from articles.admin.widgets import CheckedAutocompleteSelect
from articles.models import Article
from tests.factories import article_form_data, make_article, make_region

pytestmark = pytest.mark.django_db

INVALID_CHOICE = "Masukkan pilihan yang valid."


@pytest.fixture
def signed_in_editor(client, editor):
    """The shared editor, signed in on `client`."""
    client.force_login(editor)
    return editor


def test_a_preview_address_with_a_nul_byte_is_not_found(client):
    assert client.get("/pratinjau/t/%00/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?status=%00",
        "/admin/articles/article/?%00=1",
        "/admin/autocomplete/?app_label=articles&model_name=article&field_name=region&term=%00",
    ],
    ids=["filter value", "filter name", "autocomplete term"],
)
def test_an_admin_address_with_a_nul_byte_is_a_bad_request(client, signed_in_editor, url):
    make_article()
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "karakter NUL" in response.content.decode()


def test_an_admin_form_posted_with_a_nul_byte_is_a_bad_request(client, signed_in_editor):
    article = Article(title="Banjir di Blitar", body="<p>Isi.</p>", region=make_region())
    article.author = signed_in_editor.author
    data = article_form_data(article, region="\x00")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 400
    assert not Article.objects.filter(title="Banjir di Blitar").exists()


def test_admin_filters_without_a_nul_byte_work_as_before(client, signed_in_editor):
    make_article("Berita terbit")
    response = client.get("/admin/articles/article/?status=published")
    assert response.status_code == 200
    assert "Berita terbit" in response.content.decode()


@pytest.mark.parametrize("field", ["region", "lead_photo"])
def test_a_choice_that_is_no_id_brings_the_article_form_back_with_an_error(
    client, signed_in_editor, field
):
    """`region=abc` posted to the add form: the field's error, and the text kept."""
    article = Article(title="Banjir di Blitar", body="<p>Isi.</p>", region=make_region())
    article.author = signed_in_editor.author
    data = article_form_data(article, **{field: "abc"})
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert INVALID_CHOICE in html
    assert "Banjir di Blitar" in html
    assert not Article.objects.filter(title="Banjir di Blitar").exists()


def region_form(data):
    """An article form with only the region, shown by the checked autocomplete."""
    widget = CheckedAutocompleteSelect(Article._meta.get_field("region"), admin.site)
    return modelform_factory(Article, fields=["region"], widgets={"region": widget})(data)


@pytest.mark.parametrize("value", ["abc", "1.5", "9" * 30])
def test_the_autocomplete_shows_a_choice_that_is_no_id_as_a_form_error(value):
    form = region_form({"region": value})
    html = str(form["region"])  # looking the value up to show it was the 500
    assert INVALID_CHOICE in str(form.errors["region"])
    assert "selected" not in html


def test_the_autocomplete_keeps_a_real_choice_selected():
    region = make_region("Blitar")
    html = str(region_form({"region": str(region.pk)})["region"])
    assert f'<option value="{region.pk}" selected>Blitar</option>' in html
