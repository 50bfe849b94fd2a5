"""What a reader sees on each public page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_author, make_photo, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    jatim = make_region("Jawa Timur", slug="jawa-timur")
    blitar = make_region("Blitar", slug="blitar", parent=jatim)
    author = make_author("Lestari Wulandari", initials="Les")
    return make_article(
        "Ratusan Warga Padati Alun-Alun",
        region=blitar,
        author=author,
        lead_photo=make_photo(caption="Warga antre di depan TPS Sananwetan.", credit="KJ/Rahmat"),
        body="<p>Ratusan warga memadati alun-alun.</p><p>Acara berlangsung meriah.</p>",
        tags=["Pemilu 2024"],
        # Sabtu, 21 Feb 2026 19:19 WIB
        published_at=datetime(2026, 2, 21, 12, 19, tzinfo=UTC),
    )


def test_home_lists_story_with_date_and_excerpt(client, story):
    html = client.get(reverse("articles:home")).content.decode()
    assert "Ratusan Warga Padati Alun-Alun" in html
    assert "Sabtu, 21 Feb 2026 19:19 WIB" in html
    assert "KABARJATIM.ID, Blitar - Ratusan warga memadati alun-alun." in html


def test_home_is_paginated(client):
    region, author = make_region(), make_author()
    for n in range(14):
        make_article(f"Berita ke-{n}", region=region, author=author, age=timedelta(hours=n + 1))
    first = client.get(reverse("articles:home")).content.decode()
    second = client.get(reverse("articles:home") + "?page=2").content.decode()
    assert "Berita ke-0<" in first and "Berita ke-13<" not in first
    assert "Berita ke-13<" in second
    assert 'rel="next"' in first


def test_home_page_out_of_range_is_404(client, story):
    assert client.get(reverse("articles:home") + "?page=99").status_code == 404


def test_article_page_headline_byline_and_date(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<h1 class="article__title">Ratusan Warga Padati Alun-Alun</h1>' in html
    assert f'href="{story.author.get_absolute_url()}">Lestari Wulandari</a>' in html
    assert "Sabtu, 21 Feb 2026 19:19 WIB" in html


def test_article_page_photo_has_caption_and_credit(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<figure" in html
    assert (
        '<figcaption>Warga antre di depan TPS Sananwetan. <span class="credit">KJ/Rahmat</span>'
        in html
    )


def test_article_body_opens_with_dateline_and_ends_with_signoff(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert (
        '<p><strong class="dateline">KABARJATIM.ID, Blitar</strong> - '
        "Ratusan warga memadati alun-alun.</p>"
    ) in html
    # The initials end the last paragraph, as the paper prints them.
    assert 'Acara berlangsung meriah. <span class="signoff">(Les)</span></p>' in html


def test_dateline_uses_place_when_given(client):
    article = make_article(dateline_place="Jakarta", region=make_region("Nasional"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<strong class="dateline">KABARJATIM.ID, Jakarta</strong>' in html


def test_article_page_links_region_and_tags(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'href="{story.region.get_absolute_url()}">Blitar</a>' in html
    assert f'href="{reverse("articles:tag", args=["pemilu-2024"])}">Pemilu 2024</a>' in html


def test_article_page_share_bar(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert "https://wa.me/?text=" in html
    assert "data-copy-link" in html
    assert "URL berhasil dicopy" in html


def test_article_page_lists_latest_news(client, story):
    make_article("Berita paling baru")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Berita Terbaru" in html
    assert "Berita paling baru" in html


def test_region_page_includes_child_regions(client, story):
    jatim = story.region.parent
    make_article("Berita provinsi", region=jatim)
    make_article("Berita wilayah lain", region=make_region("Gresik"))
    html = client.get(jatim.get_absolute_url()).content.decode()
    assert "Ratusan Warga Padati Alun-Alun" in html
    assert "Berita provinsi" in html
    assert "Berita wilayah lain" not in html


def test_child_region_page_excludes_parent_stories(client, story):
    make_article("Berita provinsi", region=story.region.parent)
    html = client.get(story.region.get_absolute_url()).content.decode()
    assert "Ratusan Warga Padati Alun-Alun" in html
    assert "Berita provinsi" not in html


def test_tag_page_lists_tagged_stories(client, story):
    make_article("Tanpa tag")
    html = client.get(reverse("articles:tag", args=["pemilu-2024"])).content.decode()
    assert "Pemilu 2024" in html
    assert "Ratusan Warga Padati Alun-Alun" in html
    assert "Tanpa tag" not in html


def test_author_page_lists_author_stories(client, story):
    make_article("Tulisan orang lain")
    html = client.get(story.author.get_absolute_url()).content.decode()
    assert "Lestari Wulandari" in html
    assert "Ratusan Warga Padati Alun-Alun" in html
    assert "Tulisan orang lain" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/berita/tidak-ada/",
        "/wilayah/tidak-ada/",
        "/tag/tidak-ada/",
        "/penulis/tidak-ada/",
        "/halaman-acak/",
    ],
)
def test_unknown_slugs_answer_404_in_site_design(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "Kembali ke beranda" in html


def test_tag_with_only_drafts_answers_404(client):
    make_article("Draf", status=Article.Status.DRAFT, tags=["Rahasia"])
    assert client.get(reverse("articles:tag", args=["rahasia"])).status_code == 404


def test_english_version_under_en_prefix(client, story):
    html = client.get("/en" + story.get_absolute_url()).content.decode()
    assert "Saturday, 21 Feb 2026 19:19 WIB" in html


def test_indonesian_whatever_the_browser_language(client, story):
    html = client.get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Sabtu, 21 Feb 2026 19:19 WIB" in html


def test_public_pages_set_no_cookies(client, story):
    """Readers' pages carry no session or CSRF cookie, so any cache can keep them."""
    for url in ["/", story.get_absolute_url(), "/cari/?q=warga", "/en/"]:
        assert not client.get(url).cookies, url


def test_language_links_lead_to_the_same_page_in_the_other_language(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'href="http://testserver/en{story.get_absolute_url()}" lang="en"' in html


@pytest.mark.parametrize("page", ["²", "1²", "٣", "-1", "0", "abc"])
def test_odd_page_numbers_are_404_not_500(client, story, page):
    for url in ["/", "/wilayah/blitar/", "/tag/pemilu-2024/", "/cari/?q=warga&"]:
        sep = "&" if "?" in url else "?"
        assert client.get(f"{url}{sep}page={page}").status_code == 404, (url, page)


def test_the_signoff_ends_the_last_words_despite_empty_paragraphs_after_them(client):
    story = make_article(body="<p>Acara berlangsung meriah.</p><p>&nbsp;</p><p></p>")
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'meriah. <span class="signoff">(Les)</span></p>' in html
