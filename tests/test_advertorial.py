"""Advertorials are labelled wherever they appear, and are never news to Google."""

import json
import re

import pytest
from django.urls import reverse

from articles import services, workflow
from articles.models import Article
from tests.factories import article_form_data, make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db
LINK = (
    '<p>Pesan di <a href="https://toko.example/promo">toko kami</a>'
    ' atau <a href="/berita/x/">di sini</a>.</p>'
)


@pytest.fixture
def sponsored():
    return make_article("Promo Batik Gresik", kind=Article.Kind.ADVERTORIAL, body=LINK)


def test_an_advertorial_is_labelled_on_cards_the_page_and_the_feed(client, sponsored):
    home = client.get("/").content.decode()
    card = home[home.index("Promo Batik Gresik") - 600 : home.index("Promo Batik Gresik")]
    assert "Advertorial" in card
    page = client.get(sponsored.get_absolute_url()).content.decode()
    assert page.index("label-advertorial") < page.index('class="article__title"')
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@graph"][0]["@type"] == "AdvertiserContentArticle"
    feed = client.get("/rss/").content.decode()
    assert "<title>Advertorial: Promo Batik Gresik</title>" in feed


def test_an_advertorial_never_appears_in_the_news_sitemap(client, sponsored):
    news = make_article("Banjir di Blitar")
    sitemap = client.get("/sitemap-news.xml").content.decode()
    assert news.get_absolute_url() in sitemap
    assert sponsored.get_absolute_url() not in sitemap


def test_its_links_out_are_marked_sponsored(client, sponsored):
    page = client.get(sponsored.get_absolute_url()).content.decode()
    assert '<a href="https://toko.example/promo" rel="sponsored noopener">' in page
    assert '<a href="/berita/x/" rel="noopener">' in page  # our own link is not
    plain = make_article("Berita biasa", body=LINK)
    assert 'rel="sponsored' not in client.get(plain.get_absolute_url()).content.decode()


def test_only_editors_mark_an_advertorial(client):
    reporter = make_reporter("wartawan")
    draft = make_article("Draf", status=Article.Status.DRAFT, author=reporter.author)
    with pytest.raises(workflow.NotAllowed):
        services.article_save(article=draft, by=reporter, changes={"kind": "advertorial"})
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert 'name="kind"' not in html
    editor = make_editor("redaktur")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    client.post(url, article_form_data(draft, kind="advertorial"))
    assert Article.objects.get(pk=draft.pk).is_advertorial
