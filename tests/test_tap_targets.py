"""A reader's thumb finds every link and button: at least 24 x 24 px on a
phone (WCAG 2.2, 2.5.8), and the share menu opens where it can be seen.

Playwright drives Debian's Chromium at /usr/bin/chromium; nothing is downloaded.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.browser import MARKS
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_photo,
    make_region,
)

pytestmark = MARKS

WIDTHS = (320, 360, 390)

# Links and buttons a reader can see that are smaller than 24 x 24 px. Links
# inside the story's sentences are WCAG's "inline" exception: their size is
# the line's, and growing them would space the text apart.
SMALL_TARGETS = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, summary, select, input')) {
    if (el.type === 'hidden') continue;
    if (el.closest('[hidden], .article__body p, .article__body li')) continue;
    if (getComputedStyle(el).visibility === 'hidden' || !el.getClientRects().length) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 24 || box.height < 24) {
      const text = (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30);
      small.push(`${el.tagName.toLowerCase()}.${el.className} "${text}" `
        + `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return [...new Set(small)];
}"""


@pytest.fixture
def site():
    """Each public page type, with regions, tags, a byline and a photo credit;
    the story is a live, breaking one with a correction, so that much stands
    above its share bar on a small phone."""
    region = make_region("Blitar", slug="blitar", parent=make_region("Jawa Timur"))
    author = make_author("Lestari Wulandari", slug="lestari")
    photo = make_photo()
    story = make_article(
        "Ratusan warga memadati alun-alun Blitar untuk pawai budaya tahunan",
        region=region,
        author=author,
        editor=make_author("Budi Santoso"),
        kind=Article.Kind.LIVE,
        breaking_until=timezone.now() + timedelta(hours=2),
        lead_photo=photo,
        tags=["Pemilu 2024", "Kabupaten Blitar"],
        body='<p>Warga datang sejak pagi, kata <a href="https://example.org/">panitia</a>.</p>',
    )
    services.correction_add(
        article=story, by=make_editor(), kind="ralat", text="Nama lapangan diperbaiki."
    )
    for n in range(3):
        make_article(f"Warga Blitar berita ke-{n}", region=region, author=author)
    return {
        "home": "/",
        "article": story.get_absolute_url(),
        "region": reverse("articles:region", args=["blitar"]),
        "tag": reverse("articles:tag", args=[story.tags.first().slug]),
        "author": reverse("articles:author", args=["lestari"]),
        "search": reverse("articles:search") + "?q=warga",
    }


def test_every_link_and_button_is_a_24_px_target_on_a_phone(browser, live_server, site):
    small = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 640}, is_mobile=True)
        page = context.new_page()
        for name, path in site.items():
            page.goto(f"{live_server.url}{path}")
            small += [f"{name} at {width} px: {target}" for target in page.evaluate(SMALL_TARGETS)]
        context.close()
    assert small == []


def test_the_share_menu_opens_inside_the_smallest_screen(browser, live_server, site):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    # Without the phone's own share sheet, "Lainnya" opens the page's list.
    context.add_init_script("delete Navigator.prototype.share")
    page = context.new_page()
    page.goto(f"{live_server.url}{site['article']}")
    bar = page.locator(".share-bar").bounding_box()
    assert bar["y"] + bar["height"] > 640 - 137, bar  # a drop-down list would not fit below
    page.get_by_text("Lainnya").click()
    menu = page.locator(".share-more__list")
    menu.wait_for()
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= 640, box
    for name in ("Facebook", "X", "Telegram"):
        link = menu.get_by_role("link", name=name, exact=True)
        target = link.bounding_box()
        assert target["width"] >= 24 and target["height"] >= 24, (name, target)
        assert link.is_visible()
    context.close()
