"""/en/ is the English interface around the same Indonesian stories: it says so
to browsers and screen readers (`lang`), and to search engines (not indexed,
canonical to the Indonesian page, no hreflang pair claiming English content).
Error pages name no canonical and no alternate at all.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse

from articles import services
from articles.models import Article, LiveEntry
from tests.factories import make_article, make_author, make_region

pytestmark = pytest.mark.django_db

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
ROBOTS = re.compile(r'<meta name="robots" content="([^"]*)"')
HREFLANG = re.compile(r"hreflang=")


@pytest.fixture
def story():
    return make_article(
        "Ratusan warga memadati alun-alun",
        region=make_region("Blitar", slug="blitar"),
        author=make_author("Lestari Wulandari", slug="lestari"),
        tags=["Pemilu 2024"],
    )


def listings(story):
    return [
        "/",
        "/wilayah/blitar/",
        reverse("articles:tag", args=[story.tags.get().slug]),
        "/penulis/lestari/",
        reverse("articles:corrections"),
    ]


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_an_english_story_page_is_not_indexed_and_names_the_indonesian_page(client, story):
    url = story.get_absolute_url()  # before a request to /en/ makes English active
    html = get(client, f"/en{url}")
    assert CANONICAL.findall(html) == [f"http://testserver{url}"]
    assert ROBOTS.findall(html) == ["noindex, follow"]
    assert not HREFLANG.search(html)
    assert f'"mainEntityOfPage": "http://testserver{url}"' in html


def test_english_listing_pages_are_not_indexed_and_name_the_indonesian_page(client, story):
    for url in listings(story):
        html = get(client, f"/en{url}")
        assert CANONICAL.findall(html) == [f"http://testserver{url}"], url
        assert ROBOTS.findall(html) == ["noindex, follow"], url
        assert not HREFLANG.search(html), url


def test_indonesian_pages_are_indexed_under_their_own_address(client, story):
    for url in [story.get_absolute_url(), *listings(story)]:
        html = get(client, url)
        assert CANONICAL.findall(html) == [f"http://testserver{url}"], url
        assert ROBOTS.findall(html) == [], url
        assert not HREFLANG.search(html), url
        assert '<html lang="id">' in html, url
    assert '<h1 class="article__title">' in get(client, story.get_absolute_url())


def test_page_2_of_an_english_listing_names_page_2_in_indonesian(client, story):
    for _ in range(30):
        make_article(region=story.region)
    html = get(client, "/en/wilayah/blitar/?page=2")
    assert CANONICAL.findall(html) == ["http://testserver/wilayah/blitar/?page=2"]


def test_an_english_page_marks_the_indonesian_story_text(client, story, editor):
    """The interface is English (`<html lang="en">`); the story itself is Indonesian."""
    live = make_article("Langsung: Banjir", kind=Article.Kind.LIVE, region=story.region)
    services.live_entry_save(entry=LiveEntry(article=live, text="Air naik."), by=editor)
    live_url = live.get_absolute_url()  # before a request to /en/ makes English active
    html = get(client, f"/en{story.get_absolute_url()}")
    assert '<html lang="en">' in html
    assert '<h1 class="article__title" lang="id">' in html
    assert '<div class="article__body" lang="id">' in html
    home = get(client, "/en/")
    assert re.search(r'class="card__title" lang="id">\s*<a href="[^"]*">Ratusan warga', home)
    assert '<p class="card__excerpt" lang="id">' in home
    assert '<div class="live-entry__text" lang="id">' in get(client, f"/en{live_url}")


def test_the_language_links_claim_no_english_content(client, story):
    html = get(client, story.get_absolute_url())
    assert f'<a href="http://testserver/en{story.get_absolute_url()}" lang="en"' in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_error_pages_carry_no_canonical_and_no_alternates(client, story, editor, prefix):
    services.article_act(article=story, by=editor, action="withdraw", note="Atas putusan.")
    for url, status in [
        ("/berita/tidak-ada-beritanya/", 404),
        (story.get_absolute_url(), 410),
    ]:
        html = get(client, f"{prefix}{url}", status)
        assert not CANONICAL.search(html), url
        assert not HREFLANG.search(html), url
        assert 'property="og:url"' not in html, url  # no address to share as a page


def test_the_forbidden_and_server_error_pages_carry_no_canonical_and_no_alternates(rf):
    request = rf.get("/admin/")
    request.user = AnonymousUser()
    html = render_to_string("403.html", request=request)
    assert not CANONICAL.search(html) and not HREFLANG.search(html)
    assert 'property="og:url"' not in html
    for name in ("500.html", "503.html", "413.html"):
        html = render_to_string(name)
        assert not CANONICAL.search(html) and not HREFLANG.search(html), name
