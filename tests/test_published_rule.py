"""Readers see only published articles whose publish time has come."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    region = make_region("Blitar", slug="blitar")
    author = make_author("Lestari")
    return region, author


@pytest.fixture
def hidden(place):
    region, author = place
    common = {"region": region, "author": author, "tags": ["Pemilu 2024"]}
    return [
        make_article("Draf rahasia", status=Article.Status.DRAFT, **common),
        make_article(
            "Terjadwal besok",
            published_at=timezone.now() + timedelta(days=1),
            **common,
        ),
    ]


@pytest.fixture
def visible(place):
    region, author = place
    return make_article("Berita terbit", region=region, author=author, tags=["Pemilu 2024"])


def test_published_queryset_excludes_drafts_and_future(hidden, visible):
    assert list(Article.objects.published()) == [visible]


@pytest.mark.parametrize(
    "url",
    [
        reverse("articles:home"),
        reverse("articles:region", args=["blitar"]),
        reverse("articles:tag", args=["pemilu-2024"]),
    ],
)
def test_lists_show_only_published(client, hidden, visible, url):
    html = client.get(url).content.decode()
    assert "Berita terbit" in html
    assert "Draf rahasia" not in html
    assert "Terjadwal besok" not in html


def test_author_page_shows_only_published(client, hidden, visible):
    html = client.get(visible.author.get_absolute_url()).content.decode()
    assert "Berita terbit" in html
    assert "Draf rahasia" not in html
    assert "Terjadwal besok" not in html


def test_latest_list_on_article_page_shows_only_published(client, hidden, visible):
    other = make_article("Berita lain")
    html = client.get(other.get_absolute_url()).content.decode()
    assert "Berita terbit" in html
    assert "Draf rahasia" not in html
    assert "Terjadwal besok" not in html


def test_unpublished_article_pages_answer_404(client, hidden):
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404


def test_pagination_counts_only_published(client, place):
    region, author = place
    for _ in range(13):
        make_article(region=region, author=author)
    make_article("Draf", status=Article.Status.DRAFT, region=region, author=author)
    response = client.get(reverse("articles:home"))
    assert response.context["paginator"].count == 13
