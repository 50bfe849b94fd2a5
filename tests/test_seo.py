"""What link previews and search engines read: meta tags, canonical links, JSON-LD."""

import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import image_upload, make_article, make_author, make_photo, make_region

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects <meta>, <link> and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_ld = {}, [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_endtag(self, tag):
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)


def parse(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def canonical(page):
    return next(link["href"] for link in page.links if link.get("rel") == "canonical")


@pytest.fixture
def story():
    return make_article(
        "Ratusan Warga Padati Alun-Alun",
        summary="Perayaan hari jadi berlangsung meriah.",
        region=make_region("Blitar", slug="blitar"),
        author=make_author("Lestari Wulandari", slug="lestari"),
        lead_photo=make_photo(image=image_upload(size=(1200, 630))),
        tags=["Pemilu 2024", "Budaya"],
    )


def test_link_preview_has_title_summary_and_a_1200x630_image(client, story):
    page = parse(client.get(story.get_absolute_url()))
    assert page.meta["og:title"] == ["Ratusan Warga Padati Alun-Alun"]
    assert page.meta["og:description"] == ["Perayaan hari jadi berlangsung meriah."]
    assert page.meta["og:type"] == ["article"]
    assert page.meta["og:url"] == [f"http://testserver{story.get_absolute_url()}"]
    image = page.meta["og:image"][0]
    assert image.startswith("http://testserver/media/renditions/") and image.endswith(".jpg")
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == (["1200"], ["630"])
    assert page.meta["twitter:card"] == ["summary_large_image"]
    assert page.meta["twitter:image"] == [image]


def test_link_preview_image_is_served(client, story):
    image = parse(client.get(story.get_absolute_url())).meta["og:image"][0]
    path = image.removeprefix("http://testserver/media/")
    assert story.lead_photo.image.storage.exists(path)


def test_json_ld_describes_the_news_article(client, story):
    page = parse(client.get(story.get_absolute_url()))
    graph = json.loads(page.json_ld[0])["@graph"]
    article = next(item for item in graph if item["@type"] == "NewsArticle")
    assert article["headline"] == story.title
    assert [image["url"] for image in article["image"]] == page.meta["og:image"]
    assert article["image"][0]["creditText"] == story.lead_photo.credit
    assert article["datePublished"] == story.published_at.isoformat()
    assert article["dateModified"] == story.published_at.isoformat()
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Lestari Wulandari",
            "url": "http://testserver/penulis/lestari/",
        }
    ]
    assert article["publisher"]["name"] == "KabarJatim.id"
    assert article["publisher"]["logo"]["url"].startswith("http://testserver/static/")
    assert article["articleSection"] == "Blitar"
    assert sorted(article["keywords"]) == ["Budaya", "Pemilu 2024"]
    crumbs = next(item for item in graph if item["@type"] == "BreadcrumbList")
    assert [c["name"] for c in crumbs["itemListElement"]] == ["Beranda", "Blitar", story.title]


@pytest.mark.parametrize(
    "title",
    [
        '</script><script>alert("x")</script>',
        "<!-- <script> -->",
        'Tom & Jerry\'s "kabar" \u2028 baru',
    ],
)
def test_no_text_breaks_out_of_the_json_ld(client, title):
    article = make_article(title, summary=title)
    html = client.get(article.get_absolute_url()).content.decode()
    start = html.index('type="application/ld+json">') + len('type="application/ld+json">')
    block = html[start : html.index("</script>", start)]
    assert "<" not in block  # nothing in it can open or close a tag
    data = json.loads(block)["@graph"][0]
    assert data["headline"] == title
    assert data["description"] == title


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "http://testserver/"),
        ("/?page=2", "http://testserver/?page=2"),
        ("/?utm_source=wa&page=1", "http://testserver/"),
        ("/wilayah/blitar/?fbclid=x", "http://testserver/wilayah/blitar/"),
        ("/tag/budaya/", "http://testserver/tag/budaya/"),
        ("/penulis/lestari/", "http://testserver/penulis/lestari/"),
        ("/cari/?q=warga", "http://testserver/cari/"),
        ("/en/", "http://testserver/en/"),
    ],
)
def test_every_page_has_a_canonical_link(client, story, url, expected):
    for _ in range(12):
        make_article(region=story.region)
    assert canonical(parse(client.get(url))) == expected


def test_article_canonical_ignores_sharing_parameters(client, story):
    response = client.get(story.get_absolute_url() + "?utm_source=whatsapp")
    assert canonical(parse(response)) == f"http://testserver{story.get_absolute_url()}"


def test_pages_link_their_other_language(client, story):
    page = parse(client.get(story.get_absolute_url()))
    alternates = {link["hreflang"]: link["href"] for link in page.links if link.get("hreflang")}
    assert alternates == {
        "id": f"http://testserver{story.get_absolute_url()}",
        "en": f"http://testserver/en{story.get_absolute_url()}",
    }


def test_share_links_use_the_canonical_url(client, story):
    html = client.get(story.get_absolute_url() + "?utm_source=x").content.decode()
    encoded = "http%3A%2F%2Ftestserver%2Fberita%2Fratusan-warga-padati-alun-alun%2F"
    assert f"https://wa.me/?text=Ratusan%20Warga%20Padati%20Alun-Alun%20{encoded}" in html
    assert f"facebook.com/sharer/sharer.php?u={encoded}" in html
    assert f"x.com/intent/post?url={encoded}" in html
    assert f"t.me/share/url?url={encoded}" in html
    assert html.index("wa.me") < html.index("facebook.com") < html.index("x.com")


def test_unpublished_article_has_no_public_metadata(client):
    draft = make_article("Rahasia", status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Rahasia" not in client.get(reverse("articles:home")).content.decode()
