"""The article form in Chromium: Enter only saves (or says why not), and no
typed word is lost.

Playwright drives Debian's Chromium at /usr/bin/chromium; nothing is downloaded.
"""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.browser import MARKS
from tests.factories import make_article, make_editor, make_reporter
from tests.images import phone_photo

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
PASSWORD = "secret-pass-123"  # the factories'
Status = Article.Status

pytestmark = MARKS


def logged_in(browser, live_server, username, **context):
    context = browser.new_context(**context)
    page = context.new_page()
    page.set_default_timeout(45000)  # a throttled phone on a busy CI machine
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def text_fields(page):
    """The ids of the form's one-line fields a writer can type in."""
    return page.eval_on_selector_all(
        "#article_form input",
        """inputs => inputs.filter(i => ['text', 'datetime-local', 'search', ''].includes(i.type)
            && !i.disabled && !i.readOnly && i.offsetParent !== null && i.id).map(i => i.id)""",
    )


@pytest.mark.parametrize(
    ("who", "status"), [("redaktur", Status.PUBLISHED), ("wartawan", Status.DRAFT)]
)
def test_enter_in_any_field_only_saves(browser, live_server, who, status):
    user = make_editor("redaktur") if who == "redaktur" else make_reporter("wartawan")
    article = make_article("Jalan rusak di Kanigoro", status=status, author=user.author)
    context, page = logged_in(browser, live_server, who)
    change = f"{live_server.url}{reverse('admin:articles_article_change', args=[article.pk])}"
    page.goto(change)
    fields = text_fields(page)
    assert "id_title" in fields
    for field in fields:
        page.goto(change)
        kind = page.get_attribute(f"#{field}", "type")
        typed = "2030-01-01T08:00" if kind == "datetime-local" else f"Ketikan {field[3:]}"
        if field == "id_slug":
            typed = page.input_value("#id_slug")  # fixed once published: typed as it is
        page.fill(f"#{field}", typed)
        with page.expect_navigation():
            page.press(f"#{field}", "Enter")
        # Saved (and shown again), or refused with the typed value still there.
        assert page.input_value(f"#{field}") == typed, field
        assert Article.objects.get(pk=article.pk).status == status, field
    context.close()


def test_no_typed_word_is_lost_offline_on_a_slow_phone(browser, live_server):
    reporter = make_reporter("wartawan")
    draft = make_article("Draf awal", status=Status.DRAFT, author=reporter.author)
    context, page = logged_in(browser, live_server, "wartawan", **PHONE)
    change = f"{live_server.url}{reverse('admin:articles_article_change', args=[draft.pk])}"
    page.goto(change)  # once at full speed: the editor's scripts are then in the cache
    cdp = context.new_cdp_session(page)
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 400,
            "downloadThroughput": 51200,  # 400 kbit/s
            "uploadThroughput": 51200,
        },
    )
    page.reload()
    page.fill("#id_title", "Jembatan Kali Brantas retak")
    assert page.locator(".title-count").inner_text() == "27/70"  # the house limit
    editable = page.locator(".ck-editor__editable")
    editable.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Warga melihat retakan sejak subuh. ")
    status = page.locator(".autosave-status")
    status.filter(has_text="Tersimpan otomatis").wait_for()  # on the server
    assert page.locator(".body-stats").inner_text() == "5 kata · ±1 menit baca"

    context.set_offline(True)
    page.keyboard.type("Polisi menutup jembatan untuk kendaraan berat.")
    status.filter(has_text="Tidak ada koneksi").wait_for()  # kept on the phone only

    # The tab is lost; the connection comes back; the form is opened again.
    context.set_offline(False)
    page.close(run_before_unload=False)
    page = context.new_page()
    page.set_default_timeout(45000)
    context.new_cdp_session(page).send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 51200, "uploadThroughput": 51200},
    )
    page.goto(change)
    page.get_by_role("button", name="Pulihkan").click()
    page.get_by_role("button", name="Simpan & kirim ke redaksi").click()
    page.wait_for_url("**/admin/articles/article/")

    saved = Article.objects.get(pk=draft.pk)
    assert saved.status == Status.REVIEW
    assert saved.title == "Jembatan Kali Brantas retak"
    for words in ("Warga melihat retakan sejak subuh.", "Polisi menutup jembatan"):
        assert words in saved.body
    context.close()


def test_a_phone_photo_goes_up_small_and_shows_its_progress(browser, live_server, tmp_path):
    from articles.models import Photo

    make_editor("redaktur")
    original = phone_photo(tmp_path / "IMG_0001.jpg")
    assert original.stat().st_size > 3_000_000
    context, page = logged_in(browser, live_server, "redaktur", **PHONE)
    page.goto(f"{live_server.url}{reverse('admin:articles_photo_add')}")
    page.set_input_files("#id_image", str(original))
    note = page.locator(".upload-note").filter(has_text="diperkecil")
    note.wait_for()
    sent = page.evaluate("document.getElementById('id_image').files[0].size")
    assert sent <= 600 * 1024, note.inner_text()
    page.fill("#id_caption", "Warga memadati alun-alun.")
    page.fill("#id_credit", "KJ/Rahmat")
    page.fill("#id_alt_text", "Warga di alun-alun")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url("**/admin/articles/photo/")
    photo = Photo.objects.get()
    assert max(photo.width, photo.height) == 2560
    context.close()


def test_a_photo_put_into_the_body_gets_its_credit_at_once(browser, live_server, tmp_path):
    from PIL import Image

    from articles.models import Photo

    reporter = make_reporter("wartawan")
    draft = make_article("Draf dengan foto", status=Status.DRAFT, author=reporter.author)
    image = tmp_path / "jalan.jpg"
    Image.new("RGB", (1200, 800), (90, 120, 160)).save(image, "JPEG")
    context, page = logged_in(browser, live_server, "wartawan")
    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[draft.pk])}")
    page.locator(".ck-editor__editable").click()
    page.locator(".ck-toolbar input[type=file]").set_input_files(str(image))
    dialog = page.locator("dialog.photo-texts")
    dialog.wait_for()
    dialog.locator("[name=caption]").fill("Jalan berlubang di Kanigoro.")
    dialog.locator("[name=credit]").fill("KJ/Rahmat")
    dialog.locator("[name=alt_text]").fill("Jalan berlubang")
    dialog.get_by_role("button", name="Simpan keterangan").click()
    dialog.wait_for(state="detached")
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit, photo.alt_text) == (
        "Jalan berlubang di Kanigoro.",
        "KJ/Rahmat",
        "Jalan berlubang",
    )
    context.close()


def test_a_video_link_pasted_on_its_own_line_becomes_an_embed(browser, live_server):
    reporter = make_reporter("wartawan")
    draft = make_article("Banjir Kademangan", status=Status.DRAFT, author=reporter.author)
    context, page = logged_in(browser, live_server, "wartawan")
    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[draft.pk])}")
    editable = page.locator(".ck-editor__editable")
    editable.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    # What a phone's paste delivers: the link as plain text.
    page.evaluate(
        """() => {
            const data = new DataTransfer();
            data.setData("text/plain", "https://youtu.be/dQw4w9WgXcQ?si=abc");
            const paste = new ClipboardEvent(
                "paste", {clipboardData: data, bubbles: true, cancelable: true});
            document.querySelector(".ck-editor__editable").dispatchEvent(paste);
        }"""
    )
    page.locator(".ck-editor__editable .ck-media__wrapper").wait_for()
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_load_state()
    body = Article.objects.get(pk=draft.pk).body
    assert '<oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed>' in body
    assert "si=abc" not in body
    context.close()
