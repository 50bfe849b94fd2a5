"""Search: finds published stories, filters by region and date, never fails on any query."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles import search, services
from articles.models import Article
from tests.factories import make_article, make_editor, make_region

pytestmark = pytest.mark.django_db

SEARCH = "/cari/"


def titles(response):
    return [article.title for article in response.context["articles"]]


@pytest.fixture
def regions():
    jatim = make_region("Jawa Timur", slug="jawa-timur")
    return {
        "jatim": jatim,
        "blitar": make_region("Blitar", slug="blitar", parent=jatim),
        "nasional": make_region("Nasional", slug="nasional"),
    }


def test_finds_words_in_title_and_body(client, regions):
    make_article("Banjir rendam desa", body="<p>Air sungai meluap.</p>", region=regions["blitar"])
    make_article("Harga cabai naik", body="<p>Pedagang mengeluh.</p>", region=regions["blitar"])
    assert titles(client.get(SEARCH, {"q": "banjir"})) == ["Banjir rendam desa"]
    assert titles(client.get(SEARCH, {"q": "pedagang"})) == ["Harga cabai naik"]


def test_finds_the_first_word_of_a_later_paragraph(client, regions):
    """Paragraphs are separate words: "aman.</p><p>Tim" is not one token "aman.tim"."""
    body = "<p>Pengamanan berjalan aman.</p><p>Tim gabungan berjaga.</p>"
    article = make_article("Arus mudik", body=body, region=regions["blitar"])
    assert "aman. Tim gabungan" in article.excerpt()
    assert titles(client.get(SEARCH, {"q": "tim"})) == ["Arus mudik"]


def test_never_finds_unpublished_articles(client, regions):
    make_article("Banjir draf", status=Article.Status.DRAFT)
    make_article("Banjir nanti", published_at=timezone.now() + timedelta(hours=1))
    make_article("Banjir terbit")
    response = client.get(SEARCH, {"q": "banjir"})
    assert titles(response) == ["Banjir terbit"]
    assert response.context["paginator"].count == 1


def test_region_filter_includes_child_regions(client, regions):
    make_article("Banjir Blitar", region=regions["blitar"])
    make_article("Banjir nasional", region=regions["nasional"])
    assert titles(client.get(SEARCH, {"q": "banjir", "wilayah": "jawa-timur"})) == ["Banjir Blitar"]


def test_date_filter_uses_wib_days(client, regions):
    # 21 Feb 2026 23:30 WIB is 16:30 UTC; 22 Feb 00:30 WIB is 21 Feb 17:30 UTC.
    make_article("Banjir malam", published_at=datetime(2026, 2, 21, 16, 30, tzinfo=UTC))
    make_article("Banjir pagi", published_at=datetime(2026, 2, 21, 17, 30, tzinfo=UTC))
    response = client.get(SEARCH, {"q": "banjir", "dari": "2026-02-22", "sampai": "2026-02-22"})
    assert titles(response) == ["Banjir pagi"]


def test_invalid_date_is_reported_and_ignored(client, regions):
    make_article("Banjir besar")
    response = client.get(SEARCH, {"q": "banjir", "dari": "31-31-2026"})
    assert response.status_code == 200
    assert "Filter ini diabaikan" in response.content.decode()
    assert titles(response) == ["Banjir besar"]


def test_snippet_highlights_the_match_and_escapes_the_text(client, regions):
    make_article(
        "Kabar desa",
        body="<p>Warga menulis &lt;b&gt;tebal&lt;/b&gt; lalu banjir datang ke desa.</p>",
    )
    html = client.get(SEARCH, {"q": "banjir"}).content.decode()
    snippet = html[html.index('class="result__snippet"') :]
    snippet = snippet[: snippet.index("</p>")]
    assert "<mark>banjir</mark>" in snippet
    assert "tebal" in snippet
    assert "<b>" not in snippet  # the text's markup-like words never become markup


def test_results_are_paginated(client, regions):
    for n in range(12):
        make_article(f"Banjir ke-{n}", age=timedelta(hours=n + 1))
    first = client.get(SEARCH, {"q": "banjir"})
    second = client.get(SEARCH, {"q": "banjir", "page": 2})
    assert len(titles(first)) == 10
    assert len(titles(second)) == 2
    assert "q=banjir&amp;page=2" in first.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"banjir',
        "banjir' OR 1=1; DROP TABLE articles_article; --",
        "a" * 1000,
        "banjir\x00desa",
        "\x07\x1b[31m",
        "!!! & | : * ( )",
        "-",
        "🌊 banjir",
        "<script>alert(1)</script>",
        "or",
    ],
)
def test_any_query_gives_a_page(client, regions, query):
    make_article("Banjir rendam desa")
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "status"),
    [({"page": "abc"}, 404), ({"page": "99"}, 404), ({"wilayah": "x" * 500}, 200)],
)
def test_bad_parameters_never_give_a_500(client, regions, params, status):
    """A page that does not exist is 404; an unknown region is ignored."""
    response = client.get(SEARCH, {"q": "banjir", **params})
    assert response.status_code == status


@pytest.mark.postgresql(reason="Indonesian stemming: PostgreSQL")
def test_root_word_finds_affixed_forms_on_postgresql(client, regions):
    make_article("Anak-anak bermain di alun-alun")
    make_article("Permainan tradisional dilestarikan")
    make_article("Harga cabai naik")
    assert sorted(titles(client.get(SEARCH, {"q": "main"}))) == [
        "Anak-anak bermain di alun-alun",
        "Permainan tradisional dilestarikan",
    ]


@pytest.mark.postgresql(reason="ranking: PostgreSQL")
def test_title_matches_rank_above_body_matches_on_postgresql(client, regions):
    make_article("Kabar lain", body="<p>Ada banjir kecil.</p>", age=timedelta(minutes=1))
    make_article("Banjir besar", body="<p>Air naik.</p>", age=timedelta(days=3))
    assert titles(client.get(SEARCH, {"q": "banjir"})) == ["Banjir besar", "Kabar lain"]


@pytest.mark.postgresql(reason="search vector: PostgreSQL")
def test_edited_text_is_searchable_at_once_on_postgresql(client, regions):
    article = make_article("Kabar pagi")
    services.article_save(
        article=article, by=make_editor(), changes={"body": "<p>Gempa kecil.</p>"}
    )
    assert titles(client.get(SEARCH, {"q": "gempa"})) == ["Kabar pagi"]


@pytest.mark.parametrize(
    "dates", [{"sampai": "9999-12-31"}, {"dari": "0001-01-01"}, {"dari": "1800-01-01"}]
)
def test_dates_far_from_the_archive_are_reported_not_fatal(client, regions, dates):
    make_article("Banjir besar")
    response = client.get(SEARCH, {"q": "banjir", **dates})
    assert response.status_code == 200
    assert "Filter ini diabaikan" in response.content.decode()
    assert titles(response) == ["Banjir besar"]


def test_invalid_utf8_in_the_address_gives_a_page(client, regions):
    assert client.get(SEARCH + "?q=%ED%A0%80%FF%00banjir").status_code == 200


@pytest.mark.postgresql(reason="ranking pool: PostgreSQL")
def test_a_word_found_everywhere_ranks_the_newest_and_says_there_are_more(
    client, regions, monkeypatch
):
    monkeypatch.setattr(search, "RANK_POOL", 2)
    make_article("Banjir lama sekali", age=timedelta(days=30))
    make_article("Banjir kemarin", age=timedelta(days=1))
    make_article("Banjir hari ini", age=timedelta(hours=1))
    response = client.get(SEARCH, {"q": "banjir"})
    assert sorted(titles(response)) == ["Banjir hari ini", "Banjir kemarin"]
    assert "Lebih dari 2 berita" in response.content.decode()
