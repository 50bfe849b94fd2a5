"""Public pages use a fixed number of SQL queries, however many items they list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import popularity
from tests.factories import make_article, make_author, make_photo, make_region

pytestmark = pytest.mark.django_db

# The most, on the article page: the story, its co-authors, its tags, the
# region menu, related ids, the side column's cards, and Berita Terbaru.
MAX_QUERIES = 7

URLS = {
    "home": reverse("articles:home"),
    "region": reverse("articles:region", args=["jawa-timur"]),
    "tag": reverse("articles:tag", args=["pemilu-2024"]),
    "author": reverse("articles:author", args=["lestari"]),
    "search": reverse("articles:search") + "?q=berita",
    "feed": reverse("articles:feed"),
    "region feed": reverse("articles:region_feed", args=["jawa-timur"]),
    "sitemap index": "/sitemap.xml",
    "sitemap articles": "/sitemap-articles.xml",
    "sitemap tags": "/sitemap-tags.xml",
    "news sitemap": "/sitemap-news.xml",
    "article": None,  # the first article's page
}


@pytest.fixture
def newsroom():
    parent = make_region("Jawa Timur", slug="jawa-timur")
    return {
        "region": make_region("Blitar", slug="blitar", parent=parent),
        "author": make_author(slug="lestari"),
        "lead_photo": make_photo(),
    }


def add_articles(newsroom, count):
    """`count` published stories, each read once, so "Terpopuler" lists some."""
    articles = [make_article(tags=["Pemilu 2024", "Blitar"], **newsroom) for _ in range(count)]
    for article in articles:
        popularity.record_read(article)
    return articles


def count_queries(client, url):
    client.get(url)  # as on a running site, the most-read ranking is already known
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", list(URLS))
def test_query_count_is_the_same_for_5_and_50_articles(client, newsroom, page):
    first = add_articles(newsroom, 5)[0]
    url = URLS[page] or first.get_absolute_url()
    with_5 = count_queries(client, url)
    add_articles(newsroom, 45)
    with_50 = count_queries(client, url)
    assert with_5 == with_50, f"{page}: {with_5} queries with 5 articles, {with_50} with 50"
    assert with_50 <= MAX_QUERIES, f"{page}: {with_50} queries"


def test_sitemap_query_count_is_the_same_for_few_and_many_regions_tags_and_authors(
    client, newsroom
):
    """Every region, tag and author with a story is one more line, never one more query."""
    add_articles(newsroom, 2)
    sections = ["/sitemap.xml", "/sitemap-regions.xml", "/sitemap-tags.xml", "/sitemap-authors.xml"]
    few = [count_queries(client, url) for url in sections]
    for n in range(20):
        make_article(
            region=make_region(parent=newsroom["region"]),
            author=make_author(),
            tags=[f"Tag {n}"],
            age=timedelta(minutes=n),
        )
    many = [count_queries(client, url) for url in sections]
    assert few == many, f"{few} queries with few, {many} with many"
    assert max(many) <= MAX_QUERIES
