"""Every public page fits the screen, from a 320 px phone to a desktop, and an
embed asks its provider for nothing until the reader taps.

Playwright drives Debian's Chromium at /usr/bin/chromium; nothing is downloaded.
"""

from urllib.parse import urlparse

import pytest
from django.urls import reverse

from tests.browser import MARKS
from tests.factories import make_article, make_author, make_photo, make_region

pytestmark = MARKS

WIDTHS = (320, 360, 390, 768, 1280)
YOUTUBE = "https://youtu.be/dQw4w9WgXcQ"


@pytest.fixture
def site():
    """One of each page type, with long words where layouts tend to break."""
    region = make_region("Jawa Timur", slug="jawa-timur")
    author = make_author("Lestari Wulandari", slug="lestari")
    photo = make_photo()
    tags = ["Pemilu 2024", "Kabupaten Blitar"]
    with_photo = make_article(
        "Ratusan warga memadati alun-alun untuk pawai budaya tahunan",
        region=region,
        author=author,
        lead_photo=photo,
        tags=tags,
    )
    without_photo = make_article(
        "Pemerintah Kabupaten Blitar mengumumkan jadwal penyaluran bantuan",
        region=region,
        author=author,
        tags=tags,
    )
    with_embed = make_article(
        "Video: banjir di Kademangan",
        region=region,
        author=author,
        lead_photo=photo,
        body=(
            "<p>Warga merekam banjir dari atap rumah.</p>"
            f'<figure class="media"><oembed url="{YOUTUBE}"></oembed></figure>'
            "<p>Air mulai surut sore hari.</p>"
        ),
    )
    return {
        "home": "/",
        "article with photo": with_photo.get_absolute_url(),
        "article without photo": without_photo.get_absolute_url(),
        "article with embed": with_embed.get_absolute_url(),
        "region": reverse("articles:region", args=["jawa-timur"]),
        "tag": reverse("articles:tag", args=[with_photo.tags.first().slug]),
        "author": reverse("articles:author", args=["lestari"]),
        "search": reverse("articles:search") + "?q=warga",
        "404": "/berita/tidak-ada-beritanya/",
    }


def test_no_page_scrolls_sideways_at_any_width(browser, live_server, site):
    too_wide = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for name, path in site.items():
            page.goto(f"{live_server.url}{path}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                too_wide.append(f"{name} at {width} px: {overflow} px too wide")
        context.close()
    assert too_wide == []


def test_on_a_phone_the_search_is_an_icon_that_opens_the_search(browser, live_server, site):
    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url)
    assert not page.locator(".site-search").is_visible()
    page.get_by_role("link", name="Cari berita").click()
    page.wait_for_url("**/cari/")
    page.locator("#main input[name=q]").first.wait_for()
    context.close()


def test_the_share_bar_takes_one_row_on_the_smallest_phone(browser, live_server, site):
    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}{site['article with photo']}")
    tops = page.eval_on_selector_all(
        ".share-bar > .share, .share-bar > details",
        "items => items.map(i => Math.round(i.getBoundingClientRect().top))",
    )
    assert len(tops) == 3 and len(set(tops)) == 1, tops
    context.close()


def test_an_embed_asks_its_provider_for_nothing_until_tapped(browser, live_server, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10000)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    # Nothing leaves this machine: outside requests are recorded, then refused.
    page.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page.goto(f"{live_server.url}{site['article with embed']}")
    page.wait_for_load_state("networkidle")
    outside = [url for url in asked if urlparse(url).netloc != urlparse(live_server.url).netloc]
    assert outside == []
    page.get_by_role("button", name="Muat konten").click()
    frame = page.locator("iframe.embed__frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    context.close()


def test_berita_terbaru_shows_an_excerpt_under_each_item_on_a_phone(browser, live_server, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    for path in (site["article with photo"], site["article without photo"]):
        page.goto(f"{live_server.url}{path}")
        excerpts = page.locator(".latest .card__excerpt")
        assert excerpts.count() > 0, path
        for n in range(excerpts.count()):
            assert excerpts.nth(n).is_visible(), path
            assert excerpts.nth(n).inner_text().startswith("KABARJATIM.ID, Jawa Timur")
    context.close()
