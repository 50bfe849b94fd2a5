"""Two editors on one story in two browsers: neither loses a change without
choosing to. Playwright drives Debian's Chromium; nothing is downloaded."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article
from tests.browser import MARKS
from tests.factories import make_article, make_editor
from tests.test_writing_in_the_browser import logged_in

pytestmark = MARKS

# NEWSROOM_SCREENSHOTS=docs/screenshots keeps the screens for the docs.
SCREENSHOTS = os.environ.get("NEWSROOM_SCREENSHOTS")


@pytest.mark.parametrize(
    "screen",
    [
        {"viewport": {"width": 1366, "height": 900}},
        {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True},
    ],
    ids=["desktop", "phone"],
)
def test_two_editors_on_one_story_lose_nothing_without_choosing(
    browser, live_server, screen, tmp_path
):
    make_editor("budi", first_name="Budi", last_name="Santoso")
    make_editor("sari", first_name="Sari", last_name="Dewi")
    story = make_article("Judul awal", body="<p>Paragraf pertama.</p>", status=Article.Status.DRAFT)
    change = f"{live_server.url}{reverse('admin:articles_article_change', args=[story.pk])}"
    budi_context, budi = logged_in(browser, live_server, "budi", **screen)
    sari_context, sari = logged_in(browser, live_server, "sari", **screen)
    budi.goto(change)
    sari.goto(change)
    assert "Budi Santoso juga membuka berita ini" in sari.locator(".presence").inner_text()

    budi.fill("#id_title", "Judul versi Budi")
    budi.get_by_role("button", name="Simpan", exact=True).click()
    budi.wait_for_load_state()

    sari.locator(".ck-editor__editable").click()
    sari.keyboard.press("Control+End")
    sari.keyboard.press("Enter")
    sari.keyboard.type("Paragraf tambahan Sari.")
    sari.get_by_role("button", name="Simpan", exact=True).click()
    panel = sari.locator(".conflict")
    panel.wait_for()
    assert "Judul versi Budi" in panel.inner_text()
    assert "Paragraf tambahan Sari." in panel.locator("ins").inner_text()
    name = "phone" if screen.get("is_mobile") else "desktop"
    folder = Path(SCREENSHOTS or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    sari.screenshot(path=str(folder / f"conflict-{name}.png"))
    width = sari.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    wide = sari.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
            .slice(0, 5).map(e => `${e.className} ${e.getBoundingClientRect().right}`)"""
    )
    assert width[0] <= width[1], (width, wide)

    sari.get_by_role("button", name="Simpan", exact=True).click()  # again, without choosing
    panel.wait_for()
    assert Article.objects.get(pk=story.pk).title == "Judul versi Budi"

    sari.get_by_role("button", name="Simpan versi saya").click()
    sari.wait_for_url(f"**{reverse('admin:articles_article_change', args=[story.pk])}")
    saved = Article.objects.get(pk=story.pk)
    assert "Paragraf tambahan Sari." in saved.body
    assert saved.versions.filter(title="Judul versi Budi").exists()  # Budi's, in Riwayat
    budi_context.close()
    sari_context.close()
