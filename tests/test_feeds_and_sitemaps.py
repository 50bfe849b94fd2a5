"""RSS feeds, sitemaps and robots.txt: valid XML that lists only what readers may see."""

import html
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.db.models import Max
from django.utils import timezone
from taggit.models import Tag

from articles import services
from articles.models import Article
from articles.sitemaps import TagSitemap
from tests.factories import make_article, make_author, make_editor, make_region

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS_NS = {**SITEMAP_NS, "n": "http://www.google.com/schemas/sitemap-news/0.9"}
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


@pytest.fixture
def newsroom():
    jatim = make_region("Jawa Timur", slug="jawa-timur")
    blitar = make_region("Blitar", slug="blitar", parent=jatim)
    lestari = make_author("Lestari", slug="lestari")
    common = {"region": blitar, "author": lestari, "tags": ["Pemilu 2024"]}
    published = make_article("Berita terbit", **common)
    old = make_article("Berita lama", age=timedelta(days=5), **common)
    draft = make_article("Draf rahasia", status=Article.Status.DRAFT, **common)
    future = make_article(
        "Terjadwal besok", published_at=timezone.now() + timedelta(days=1), **common
    )
    withdrawn = make_article("Ditarik", **common)
    services.article_act(action="unpublish", article=withdrawn, by=make_editor())
    make_article("Draf bertag rahasia", status=Article.Status.DRAFT, tags=["Skandal"])
    return {"published": published, "old": old, "hidden": [draft, future, withdrawn]}


def rss_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return [item.findtext("title") for item in channel.findall("item")]


@pytest.mark.parametrize(
    "url", ["/rss/", "/wilayah/jawa-timur/rss/", "/tag/pemilu-2024/rss/", "/penulis/lestari/rss/"]
)
def test_feeds_list_only_published_articles(client, newsroom, url):
    assert rss_titles(client, url) == ["Berita terbit", "Berita lama"]


def test_feed_items_carry_date_author_and_categories(client, newsroom):
    channel = ET.fromstring(client.get("/rss/").content).find("channel")
    item = channel.find("item")
    assert item.findtext("link") == "http://testserver/berita/berita-terbit/"
    assert item.findtext(DC_CREATOR) == "Lestari"
    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert abs(published - newsroom["published"].published_at) < timedelta(seconds=1)
    assert {c.text for c in item.findall("category")} == {"Blitar", "Pemilu 2024"}


@pytest.mark.parametrize(
    ("summary", "body", "region_name", "written"),
    [
        (
            "",
            "<p>Spanduk bertuliskan &lt;img src=x onerror=alert(1)&gt; dibentangkan.</p>",
            "Blitar",
            "<img src=x onerror=alert(1)>",
        ),
        ("Warga menulis <b>tolak</b> di spanduk.", "<p>Isi.</p>", "Blitar", "<b>tolak</b>"),
        ("", "<p>Isi berita.</p>", "Blitar <b>Kota</b>", "Blitar <b>Kota</b>"),
    ],
    ids=["body", "summary", "region name"],
)
def test_text_that_looks_like_markup_stays_text_in_feed_readers(
    client, summary, body, region_name, written
):
    """A feed reader decodes <description> as HTML: it shows such text, never runs it."""
    make_article(summary=summary, body=body, region=make_region(region_name))
    channel = ET.fromstring(client.get("/rss/").content).find("channel")
    description = channel.find("item").findtext("description")
    assert "<" not in description  # no element for the reader to build
    assert written in html.unescape(description)  # the words as the newsroom wrote them


def test_feed_of_a_tag_used_only_by_drafts_is_404(client, newsroom):
    assert client.get("/tag/skandal/rss/").status_code == 404


def test_unknown_feed_is_404(client, newsroom):
    assert client.get("/wilayah/tidak-ada/rss/").status_code == 404


def sitemap_urls(client):
    """Every <url> of every section the sitemap index names, as a crawler reads them."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = []
    for section in index.findall("s:sitemap", SITEMAP_NS):
        path = section.findtext("s:loc", namespaces=SITEMAP_NS).removeprefix("http://testserver")
        response = client.get(path)
        assert response.status_code == 200, path
        urls += ET.fromstring(response.content).findall("s:url", SITEMAP_NS)
    return urls


def test_sitemap_index_pages_the_archive(client, newsroom):
    make_article("Berita bulan lalu", published_at=months_back(1))
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-articles.xml?p=2" in index  # a month a page
    assert {u.findtext("s:loc", namespaces=SITEMAP_NS) for u in sitemap_urls(client)} >= {
        "http://testserver/berita/berita-terbit/",
        "http://testserver/berita/berita-lama/",
    }


def test_tag_sitemap_pages_by_blocks_of_tags_each_with_its_newest_story(
    client, newsroom, monkeypatch
):
    """Thousands of tags: the section is paged, and every tag with a published
    story is on exactly one page, dated by its newest story."""
    monkeypatch.setattr(TagSitemap, "limit", 2)
    for n in range(5):
        make_article(f"Cerita {n}", tags=[f"Topik {n}"], age=timedelta(days=n + 1))
    pages = -(-Tag.objects.aggregate(top=Max("pk"))["top"] // 2)  # blocks of two ids
    index = client.get("/sitemap.xml").content.decode()
    assert f"sitemap-tags.xml?p={pages}" in index
    assert f"sitemap-tags.xml?p={pages + 1}" not in index
    found = {}
    for page in range(1, pages + 1):
        response = client.get(f"/sitemap-tags.xml?p={page}")
        assert response.status_code == 200
        for url in ET.fromstring(response.content).findall("s:url", SITEMAP_NS):
            loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
            assert loc not in found, f"{loc} on two pages"
            found[loc] = url.findtext("s:lastmod", namespaces=SITEMAP_NS)
    assert set(found) == {
        "http://testserver/tag/pemilu-2024/",
        *{f"http://testserver/tag/topik-{n}/" for n in range(5)},
    }  # not "Skandal": only a draft has it
    newest = timezone.localtime(Article.objects.get(title="Cerita 2").published_at)
    assert found["http://testserver/tag/topik-2/"] == newest.date().isoformat()
    assert client.get(f"/sitemap-tags.xml?p={pages + 1}").status_code == 404


def test_a_tag_leaves_the_sitemap_with_its_last_story_and_comes_back_with_it(client):
    editor = make_editor()
    story = make_article("Satu-satunya", tags=["Langka"])
    tags_page = "/sitemap-tags.xml"
    assert "/tag/langka/" in client.get(tags_page).content.decode()
    story = services.article_act(action="unpublish", article=story, by=editor)
    assert "/tag/langka/" not in client.get(tags_page).content.decode()
    services.article_act(action="publish", article=story, by=editor)
    assert "/tag/langka/" in client.get(tags_page).content.decode()


def test_sitemap_lists_published_articles_regions_tags_and_authors(client, newsroom):
    root = sitemap_urls(client)
    locs = {url.findtext("s:loc", namespaces=SITEMAP_NS) for url in root}
    base = "http://testserver"
    assert {
        f"{base}/berita/berita-terbit/",
        f"{base}/berita/berita-lama/",
        f"{base}/wilayah/blitar/",
        f"{base}/wilayah/jawa-timur/",
        f"{base}/tag/pemilu-2024/",
        f"{base}/penulis/lestari/",
    } <= locs
    for hidden in newsroom["hidden"]:
        assert f"{base}{hidden.get_absolute_url()}" not in locs
    assert f"{base}/tag/skandal/" not in locs
    lastmods = [url.findtext("s:lastmod", namespaces=SITEMAP_NS) for url in root]
    assert lastmods[0]


def test_news_sitemap_lists_the_last_48_hours_only(client, newsroom):
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    urls = root.findall("s:url", NEWS_NS)
    assert [u.findtext("s:loc", namespaces=NEWS_NS) for u in urls] == [
        "http://testserver/berita/berita-terbit/"
    ]
    news = urls[0].find("n:news", NEWS_NS)
    assert news.findtext("n:title", namespaces=NEWS_NS) == "Berita terbit"
    assert news.findtext("n:publication/n:name", namespaces=NEWS_NS) == "KabarJatim.id"
    assert news.findtext("n:publication/n:language", namespaces=NEWS_NS) == "id"


def test_a_withdrawn_article_leaves_the_sitemaps_at_once(client, newsroom):
    services.article_act(action="unpublish", article=newsroom["published"], by=make_editor())
    assert b"berita-terbit" not in client.get("/sitemap-articles.xml").content
    assert b"berita-terbit" not in client.get("/sitemap-news.xml").content


def test_robots_txt_points_at_both_sitemaps(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /admin/" in text


def test_control_characters_pasted_into_text_cannot_break_feeds(client):
    """A vertical tab or backspace from a word processor is dropped on save."""
    article = make_article("Banjir\x0b di desa\x08", summary="Ringkas\x00an", tags=["Ban\x0bjir"])
    article.refresh_from_db()
    assert article.title == "Banjir di desa"
    tag = article.tags.get()
    assert tag.name == "Banjir"
    for url in ["/rss/", "/sitemap.xml", "/sitemap-news.xml", f"/tag/{tag.slug}/rss/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)  # well-formed


@pytest.mark.parametrize(("name", "slug"), [("Café", "cafe"), ("中文", None), ("!!!", None)])
def test_any_tag_name_gets_a_working_page(client, name, slug):
    article = make_article(tags=[name])
    tag = article.tags.get()
    assert tag.slug == slug if slug else tag.slug.startswith("tag-")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(f"/tag/{tag.slug}/").status_code == 200
    assert client.get("/sitemap-tags.xml").status_code == 200


def test_author_with_only_drafts_stays_unknown(client):
    author = make_author("Baru", slug="baru")
    make_article(status=Article.Status.DRAFT, author=author)
    assert client.get("/penulis/baru/").status_code == 404
    assert client.get("/penulis/baru/rss/").status_code == 404


def months_back(n, *, day=1, hour=10):
    """A time in the month `n` months before this one (WIB)."""
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - n, 12)
    return timezone.make_aware(datetime(year, month + 1, day, hour))


def test_every_story_is_on_its_months_sitemap_page(client):
    """A month a page, newest first: none lost, none repeated, ties in time included."""
    region = make_region()
    this_month = months_back(0, day=1, hour=0)
    pages = {
        1: [make_article(published_at=this_month, region=region) for _ in range(2)],  # a tie
        2: [make_article(published_at=months_back(1, day=28), region=region)],
        4: [make_article(published_at=months_back(3, day=1, hour=0), region=region)],
    }
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-articles.xml?p=4" in index and "sitemap-articles.xml?p=5" not in index
    for page in (1, 2, 3, 4):
        root = ET.fromstring(client.get(f"/sitemap-articles.xml?p={page}").content)
        urls = sorted(u.findtext("s:loc", namespaces=SITEMAP_NS) for u in root)
        expected = sorted(f"http://testserver{s.get_absolute_url()}" for s in pages.get(page, []))
        assert urls == expected, f"page {page}"
    assert client.get("/sitemap-articles.xml?p=5").status_code == 404
