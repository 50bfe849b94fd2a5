"""Photos from a phone in Chromium: a photo put into the body goes up as
small as a lead photo, with its progress in view, and a double tap never
makes two photos.

Playwright drives Debian's Chromium at /usr/bin/chromium; nothing is downloaded.
"""

import re

from django.urls import reverse

from articles.models import Article, Photo
from tests.browser import MARKS
from tests.factories import make_article, make_editor, make_reporter
from tests.images import phone_photo
from tests.test_writing_in_the_browser import PHONE, logged_in

pytestmark = MARKS

# 400 kbit/s both ways, 400 ms latency: a reporter's phone in the field.
SLOW = {"offline": False, "latency": 400, "downloadThroughput": 51200, "uploadThroughput": 51200}
BUDGET = 600 * 1024
# The size of each file the page sends to the editor's upload endpoint.
COUNT_UPLOADS = """
const send = XMLHttpRequest.prototype.send;
window.uploadSizes = [];
XMLHttpRequest.prototype.send = function (body) {
  const file = body instanceof FormData && body.get("upload");
  if (file) window.uploadSizes.push(file.size);
  return send.call(this, body);
};
"""


def in_view(box, height=PHONE["viewport"]["height"]):
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_a_phone_photo_put_into_the_body_goes_up_small_with_its_progress_in_view(
    browser, live_server, tmp_path
):
    reporter = make_reporter("wartawan")
    draft = make_article("Banjir", status=Article.Status.DRAFT, author=reporter.author)
    original = phone_photo(tmp_path / "IMG_0001.jpg")
    assert original.stat().st_size > 3_000_000
    context, page = logged_in(browser, live_server, "wartawan", **PHONE)
    page.add_init_script(COUNT_UPLOADS)
    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[draft.pk])}")
    page.locator(".ck-editor__editable").click()
    # On a phone the toolbar folds the image button into its "more" menu.
    page.locator(".ck-toolbar__grouped-dropdown > button").click()
    context.new_cdp_session(page).send("Network.emulateNetworkConditions", SLOW)

    with page.expect_response("**/editor/upload-image/", timeout=120_000) as sent:
        page.locator(".ck-toolbar input[type=file]").set_input_files(str(original))
        # While it goes up: the percent, in view on the phone; no second photo.
        note = page.locator(".body-upload-note")
        note.filter(has_text=re.compile(r"Mengunggah foto… ([1-9]\d?)%")).wait_for()
        box = page.locator(".body-upload").bounding_box()
        assert in_view(box), box
        assert page.locator(".body-upload progress").is_visible()
        assert "ck-disabled" in page.locator(".ck-file-dialog-button").get_attribute("class")
    assert sent.value.status == 201
    # The photo and the multipart frame around it.
    (size,) = page.evaluate("window.uploadSizes")  # one photo sent
    assert 100 * 1024 < size <= BUDGET

    dialog = page.locator("dialog.photo-texts")
    dialog.wait_for(timeout=120_000)
    assert "ck-disabled" not in page.locator(".ck-file-dialog-button").get_attribute("class")
    dialog.locator("[name=caption]").fill("Air setinggi lutut di Sananwetan.")
    dialog.locator("[name=credit]").fill("KJ/Rahmat")
    dialog.locator("[name=alt_text]").fill("Warga menembus banjir")
    dialog.get_by_role("button", name="Simpan keterangan").dblclick()
    dialog.wait_for(state="detached", timeout=60_000)
    photo = Photo.objects.get()
    assert max(photo.width, photo.height) <= 2560
    assert (photo.caption, photo.credit) == ("Air setinggi lutut di Sananwetan.", "KJ/Rahmat")
    context.close()


def test_a_double_tap_on_the_photo_forms_simpan_makes_one_photo(browser, live_server, tmp_path):
    make_editor("redaktur")
    original = phone_photo(tmp_path / "IMG_0002.jpg")
    context, page = logged_in(browser, live_server, "redaktur", **PHONE)
    page.goto(f"{live_server.url}{reverse('admin:articles_photo_add')}")
    page.set_input_files("#id_image", str(original))
    page.locator(".upload-note").filter(has_text="diperkecil").wait_for()
    page.fill("#id_caption", "Warga memadati alun-alun.")
    page.fill("#id_credit", "KJ/Rahmat")
    page.fill("#id_alt_text", "Warga di alun-alun")
    context.new_cdp_session(page).send("Network.emulateNetworkConditions", SLOW)
    page.get_by_role("button", name="Simpan", exact=True).dblclick()
    # The progress is by the buttons, where the finger is.
    note = page.locator(".upload-note").filter(has_text=re.compile(r"\d+%"))
    note.wait_for()
    box = note.bounding_box()
    assert in_view(box), box
    page.wait_for_url("**/admin/articles/photo/", timeout=120_000)
    assert Photo.objects.count() == 1
    context.close()
