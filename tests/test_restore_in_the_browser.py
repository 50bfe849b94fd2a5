"""Restoring a story after a lost tab brings back every field, not only the
text; throwing the copy away asks first.

Playwright drives Debian's Chromium at /usr/bin/chromium; nothing is downloaded.
"""

import re

from django.urls import reverse

from articles.models import Article
from tests.browser import MARKS
from tests.factories import make_photo, make_region, make_reporter
from tests.test_writing_in_the_browser import PHONE, logged_in

pytestmark = MARKS

SLOW = {"offline": False, "latency": 400, "downloadThroughput": 51200, "uploadThroughput": 51200}
ADD = reverse("admin:articles_article_add")


def slow_phone(context, page):
    """400 kbit/s each way, 400 ms away, as a reporter in the field."""
    page.set_default_timeout(45000)
    context.new_cdp_session(page).send("Network.emulateNetworkConditions", SLOW)


def choose(page, name, typed, label):
    """Pick `label` in the autocomplete of field `name` by typing `typed`."""
    page.locator(f".field-{name} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=label).click()


def kept_on_device(page, words):
    """Wait until the copy on this device holds `words`."""
    page.wait_for_function(
        """words => Object.keys(localStorage).some(key =>
            key.startsWith("newsroom:article:baru:") && localStorage[key].includes(words))""",
        arg=words,
    )


def offer_buttons(page):
    offer = page.locator(".autosave-offer")
    return (
        offer,
        offer.get_by_role("button", name="Pulihkan"),
        offer.get_by_role("button", name="Buang", exact=True),
    )


def test_a_new_story_comes_back_whole_after_the_tab_was_lost_offline(browser, live_server):
    make_reporter("wartawan")
    region = make_region("Sananwetan")
    make_region("Sanankulon")
    make_photo(caption="Warga antre di depan TPS Sananwetan.")
    context, page = logged_in(browser, live_server, "wartawan", **PHONE)
    page.goto(f"{live_server.url}{ADD}")  # at full speed: the scripts are then in the cache
    slow_phone(context, page)
    page.reload()

    page.fill("#id_title", "Antrean panjang di TPS Sananwetan")
    page.fill("#id_summary", "Warga antre sejak pagi.")
    page.fill("#id_dateline_place", "Blitar")
    choose(page, "region", "Sananwetan", "Sananwetan")
    page.fill("#id_tags", "Pemilu 2024, Blitar")
    choose(page, "lead_photo", "antre", "Warga antre di depan TPS Sananwetan.")
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("Ratusan warga antre sejak subuh. ")
    kept_on_device(page, "sejak subuh")

    context.set_offline(True)
    page.keyboard.type("Petugas menambah bilik suara.")
    kept_on_device(page, "bilik suara")
    page.close(run_before_unload=False)  # the tab is lost
    context.set_offline(False)

    page = context.new_page()
    slow_phone(context, page)
    page.goto(f"{live_server.url}{ADD}")
    offer, restore, discard = offer_buttons(page)
    # Where the copy is from, when (WIB, HH:MM), how long, and what it brings back.
    assert re.search(r"Salinan dari perangkat ini, \d\d:\d\d, 9 kata", offer.inner_text())
    for label in ("judul", "isi", "wilayah", "tag", "foto utama"):
        assert label in offer.inner_text().lower(), label
    for button in (restore, discard):  # full size on a phone, not a 19 px link
        assert button.bounding_box()["height"] >= 44

    discard.click()  # asks first; Batal keeps the copy
    offer.get_by_text("Buang salinan ini?").wait_for()
    offer.get_by_role("button", name="Batal").click()
    restore.click()

    assert page.input_value("#id_title") == "Antrean panjang di TPS Sananwetan"
    assert page.input_value("#id_summary") == "Warga antre sejak pagi."
    assert page.input_value("#id_dateline_place") == "Blitar"
    assert page.input_value("#id_tags") == "Pemilu 2024, Blitar"
    assert page.input_value("#id_region") == str(region.pk)
    assert "Sananwetan" in page.locator(".field-region .select2-selection").inner_text()
    assert "Warga antre" in page.locator(".field-lead_photo .select2-selection").inner_text()
    body = page.locator(".ck-editor__editable").inner_text()
    assert "sejak subuh" in body and "bilik suara" in body

    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url(re.compile(r".*/article/\d+/change/"))
    saved = Article.objects.get()
    assert saved.title == "Antrean panjang di TPS Sananwetan"
    assert (saved.region.name, saved.dateline_place) == ("Sananwetan", "Blitar")
    assert saved.lead_photo.caption == "Warga antre di depan TPS Sananwetan."
    assert sorted(saved.tags.names()) == ["Blitar", "Pemilu 2024"]
    assert "bilik suara" in saved.body
    context.close()


def test_throwing_a_copy_away_asks_first(browser, live_server):
    make_reporter("wartawan")
    context, page = logged_in(browser, live_server, "wartawan", **PHONE)
    page.goto(f"{live_server.url}{ADD}")
    page.fill("#id_title", "Judul yang akan dibuang")
    kept_on_device(page, "akan dibuang")
    page.reload()

    offer, restore, discard = offer_buttons(page)
    discard.click()
    assert offer.is_visible() and not restore.is_visible()  # nothing is gone yet
    yes = offer.get_by_role("button", name="Ya, buang")
    assert yes.bounding_box()["height"] >= 44
    yes.click()
    offer.wait_for(state="detached")
    assert page.input_value("#id_title") == ""

    page.reload()
    page.locator(".autosave-status").wait_for(state="attached")
    assert page.locator(".autosave-offer").count() == 0  # gone for good
    context.close()


def test_an_editors_copy_on_the_server_brings_back_byline_kind_and_schedule(browser, live_server):
    from tests.factories import make_article, make_author, make_editor

    editor = make_editor("redaktur")
    story = make_article("Banjir Kademangan", status=Article.Status.DRAFT, author=editor.author)
    make_author("Ani Rahma")
    make_author("Budi Santoso")
    region = make_region("Kanigoro")
    context, page = logged_in(browser, live_server, "redaktur", **PHONE)
    change = f"{live_server.url}{reverse('admin:articles_article_change', args=[story.pk])}"
    page.goto(change)
    choose(page, "coauthors", "Budi", "Budi Santoso")
    choose(page, "coauthors", "Ani", "Ani Rahma")  # the byline's order: Budi, then Ani
    choose(page, "region", "Kanigoro", "Kanigoro")
    page.select_option("#id_kind", "live")
    page.fill("#id_publish_at", "2030-01-02T06:30")
    page.locator(".autosave-status").filter(has_text="Tersimpan otomatis").wait_for()
    page.close(run_before_unload=False)

    page = context.new_page()
    page.set_default_timeout(45000)
    page.goto(f"{live_server.url}/admin/")
    page.evaluate("localStorage.clear()")  # as on another phone: only the server's copy
    page.goto(change)
    offer, restore, _discard = offer_buttons(page)
    assert re.search(r"Salinan di server, \d\d:\d\d, \d+ kata", offer.inner_text())
    restore.click()
    byline = page.eval_on_selector(
        "#id_coauthors", "s => [...s.selectedOptions].map(o => o.textContent)"
    )
    assert byline == ["Budi Santoso", "Ani Rahma"]
    assert "Ani Rahma" in page.locator(".field-coauthors .select2-selection").inner_text()
    assert page.input_value("#id_region") == str(region.pk)
    assert page.input_value("#id_kind") == "live"
    assert page.input_value("#id_publish_at") == "2030-01-02T06:30"
    context.close()
