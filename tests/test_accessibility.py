"""Accessible markup on every public page: landmarks, heading order, alt text, language."""

from html.parser import HTMLParser

import pytest

from tests.factories import make_article, make_photo, make_region

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.images, self.tags, self.html_lang = [], [], set(), None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.images.append(attrs)


@pytest.fixture
def site():
    region = make_region("Blitar", slug="blitar")
    photo = make_photo()
    articles = [
        make_article(f"Berita {n}", region=region, lead_photo=photo, tags=["Pemilu 2024"])
        for n in range(6)
    ]
    return articles[0]


PAGES = ["/", "/wilayah/blitar/", "/tag/pemilu-2024/", "/cari/?q=berita", "/tidak-ada/"]


@pytest.mark.parametrize("url", [*PAGES, "article", "author"])
def test_page_outline(client, site, url):
    url = {"article": site.get_absolute_url(), "author": site.author.get_absolute_url()}.get(
        url, url
    )
    page = Outline()
    page.feed(client.get(url).content.decode())
    assert page.html_lang == "id"
    assert {"header", "nav", "main", "footer"} <= page.tags
    assert page.headings.count(1) == 1, page.headings
    assert page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"
    assert all("alt" in image for image in page.images)


def test_skip_link_leads_to_main(client, site):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


def test_toast_is_announced_to_screen_readers(client, site):
    html = client.get(site.get_absolute_url()).content.decode()
    assert 'role="status" aria-live="polite" data-toast' in html


def test_english_translation_is_available(client, site):
    html = client.get("/en" + site.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert "Latest News" in html
    assert "Copy link" in html
    assert "Berita Terbaru" not in html
