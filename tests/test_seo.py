"""What link previews and search engines read: meta tags, canonical links, JSON-LD."""

import json
from datetime import datetime, timedelta
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
        lead_photo=make_photo(image=image_upload(size=(1600, 1200))),
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
    assert len(article["image"]) == 3  # 16:9, 4:3 and 1:1 (test_article_images_...)
    assert article["image"][0]["creditText"] == story.lead_photo.credit
    for field in ("datePublished", "dateModified"):  # ISO 8601 with offset, to the second
        shown = datetime.fromisoformat(article[field])
        assert abs(shown - story.published_at) < timedelta(seconds=1)
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
        ("/en/", "http://testserver/"),  # the English interface: see test_languages.py
    ],
)
def test_every_page_has_a_canonical_link(client, story, url, expected):
    for _ in range(12):
        make_article(region=story.region)
    assert canonical(parse(client.get(url))) == expected


def test_article_canonical_ignores_sharing_parameters(client, story):
    response = client.get(story.get_absolute_url() + "?utm_source=whatsapp")
    assert canonical(parse(response)) == f"http://testserver{story.get_absolute_url()}"


def test_no_page_offers_an_english_copy_of_an_indonesian_story(client, story):
    """/en/ wraps the same Indonesian text: no hreflang pair says otherwise."""
    for url in (story.get_absolute_url(), f"/en{story.get_absolute_url()}"):
        page = parse(client.get(url))
        assert [link for link in page.links if link.get("hreflang")] == [], url


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


def stored(url):
    """The file behind a rendition URL, opened from the photos' storage."""
    from django.core.files.storage import default_storage

    path = url.removeprefix("http://testserver/media/")
    assert default_storage.exists(path), url
    return default_storage.open(path)


def graph_of(page):
    return [item for block in page.json_ld for item in json.loads(block)["@graph"]]


@pytest.mark.parametrize("kind", [Article.Kind.NEWS, Article.Kind.LIVE])
def test_article_images_come_in_googles_three_shapes_1200_px_wide(client, story, kind):
    from PIL import Image

    Article.objects.filter(pk=story.pk).update(kind=kind)
    graph = graph_of(parse(client.get(story.get_absolute_url())))
    article = next(item for item in graph if "image" in item and "headline" in item)
    assert article["@type"] == {"news": "NewsArticle", "live": "LiveBlogPosting"}[kind]
    ratios = []
    for image in article["image"]:
        with stored(image["url"]) as handle, Image.open(handle) as picture:
            assert picture.size == (image["width"], image["height"])
            assert picture.width >= 1200 and picture.width * picture.height >= 50_000
            ratios.append(round(picture.width / picture.height, 2))
        assert image["creditText"] == "KJ/Rahmat"
    assert ratios == [round(16 / 9, 2), round(4 / 3, 2), 1.0]


def test_a_photo_too_small_for_1200_px_gives_what_it_has(client):
    story = make_article(lead_photo=make_photo(image=image_upload(size=(800, 600))))
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    article = graph_of(parse(response))[0]
    assert [(image["width"], image["height"]) for image in article["image"]] == [
        (800, 450),
        (800, 600),
        (600, 600),
    ]
    for image in article["image"]:
        stored(image["url"]).close()


def test_publisher_logo_is_a_square_png_of_at_least_112_px(client, story):
    from django.contrib.staticfiles import finders
    from PIL import Image

    article = graph_of(parse(client.get(story.get_absolute_url())))[0]
    logo = article["publisher"]["logo"]
    assert logo["url"].endswith(".png") and logo["width"] == logo["height"] >= 112
    path = finders.find(logo["url"].removeprefix("http://testserver/static/"))
    with Image.open(path) as picture:
        assert picture.format == "PNG" and picture.size == (logo["width"], logo["height"])


LISTINGS = {
    "home": ("/", None),
    "region": ("/wilayah/blitar/", "Berita Blitar"),
    "tag": ("/tag/budaya/", "Budaya"),
    "author": ("/penulis/lestari/", "Lestari Wulandari"),
}


@pytest.mark.parametrize("name", list(LISTINGS))
def test_listing_pages_preview_with_the_newest_storys_photo(client, story, name):
    page = parse(client.get(LISTINGS[name][0]))
    image = page.meta["og:image"][0]
    assert "/social-1200" in image
    stored(image).close()
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == (["1200"], ["630"])
    assert page.meta["og:image:alt"] == [story.lead_photo.alt_text]
    assert page.meta["twitter:card"] == ["summary_large_image"]


def test_a_listing_without_photos_previews_with_the_sites_card(client):
    from django.contrib.staticfiles import finders
    from PIL import Image

    make_article(tags=["Budaya"])
    page = parse(client.get("/tag/budaya/"))
    image = page.meta["og:image"][0]
    assert image.startswith("http://testserver/static/") and image.endswith(".png")
    with Image.open(finders.find(image.removeprefix("http://testserver/static/"))) as card:
        assert card.size == (1200, 630)
    assert page.meta["og:image:alt"] == ["KabarJatim.id"]


@pytest.mark.parametrize("name", ["region", "tag", "author"])
def test_listing_pages_have_their_own_title_and_description(client, story, name):
    url, title = LISTINGS[name]
    page = parse(client.get(url))
    home = parse(client.get("/"))
    assert page.meta["og:title"] == [title]
    assert page.meta["og:description"] != home.meta["og:description"]
    assert page.meta["description"] == page.meta["og:description"]
    assert canonical(page) == f"http://testserver{url}"


@pytest.mark.parametrize("name", ["home", "region", "tag", "author"])
def test_page_2_of_a_listing_is_its_own_canonical(client, story, name):
    for _ in range(13):
        make_article(region=story.region, author=story.author, tags=["Budaya"])
    url = LISTINGS[name][0]
    page = parse(client.get(f"{url}?page=2&utm_source=wa"))
    assert canonical(page) == f"http://testserver{url}?page=2"
    assert page.meta["og:url"] == [f"http://testserver{url}?page=2"]
    if name != "home":
        assert page.meta["og:title"][0].endswith("Halaman 2")
        collection = graph_of(page)[0]
        assert collection["@type"] == "CollectionPage"
        assert collection["url"] == f"http://testserver{url}?page=2"
        assert collection["mainEntity"]["itemListElement"][0]["position"] == 13


def test_home_describes_the_site_its_search_and_its_publisher(client, story):
    graph = graph_of(parse(client.get("/")))
    site = next(item for item in graph if item["@type"] == "WebSite")
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/cari/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    organization = next(item for item in graph if item["@id"].endswith("#organization"))
    assert organization["name"] == "KabarJatim.id"
    assert organization["logo"]["width"] >= 112
    assert client.get("/cari/?q=warga").status_code == 200


@pytest.mark.parametrize("name", ["region", "tag", "author"])
def test_listing_pages_list_their_stories_in_json_ld(client, story, name):
    other = make_article(region=story.region, author=story.author, tags=["Budaya"])
    graph = graph_of(parse(client.get(LISTINGS[name][0])))
    collection = next(item for item in graph if item["@type"] == "CollectionPage")
    items = collection["mainEntity"]["itemListElement"]
    assert collection["mainEntity"]["@type"] == "ItemList"
    assert [item["url"] for item in items] == [
        f"http://testserver{other.get_absolute_url()}",
        f"http://testserver{story.get_absolute_url()}",
    ]
    assert [item["position"] for item in items] == [1, 2]
