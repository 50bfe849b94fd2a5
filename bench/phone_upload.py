"""A phone photo uploaded on a slow connection, with and without the form's script.

Chromium at 390 px on a throttled network (400 kbit/s both ways, 400 ms
latency, through the DevTools protocol) adds a 4,000x3,000 JPEG of a few MB
in the admin's photo form as the demo editor. "before" has JavaScript off, so
the browser posts the original as it is; "after" lets
static/admin/newsroom/photo_upload.js shrink it first. Prints the bytes sent
and the seconds from pressing "Simpan" to the saved list. A robots.txt fetch
over the same throttled connection is timed as the reference.

The same photo is then put into a story's body through the editor's image
button as the demo reporter: "before" without
static/admin/newsroom/body_upload.js (CKEditor's own adapter sends the
original), "after" with it. Prints the request's bytes and the seconds from
choosing the file to the server's answer.

    uv run python bench/phone_upload.py http://127.0.0.1:8000
"""

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.images import phone_photo

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
SLOW = {"offline": False, "latency": 400, "downloadThroughput": 51200, "uploadThroughput": 51200}
# The size of each file the editor sends (whichever upload adapter sends it).
COUNT_UPLOADS = """
const send = XMLHttpRequest.prototype.send;
window.uploadSizes = [];
XMLHttpRequest.prototype.send = function (body) {
  const file = body instanceof FormData && body.get("upload");
  if (file) window.uploadSizes.push(file.size);
  return send.call(this, body);
};
"""


def run(browser, base, photo, *, script):
    context = browser.new_context(**PHONE, java_script_enabled=script)
    page = context.new_page()
    page.set_default_timeout(300_000)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "redaktur")
    page.fill("#id_password", "redaksi-demo-2026")
    page.click("input[type=submit]")
    page.goto(f"{base}/admin/articles/photo/add/")
    context.new_cdp_session(page).send("Network.emulateNetworkConditions", SLOW)
    started = time.monotonic()
    page.goto(f"{base}/robots.txt")
    reference = time.monotonic() - started
    page.goto(f"{base}/admin/articles/photo/add/")
    page.set_input_files("#id_image", str(photo))
    if script:
        page.locator(".upload-note").filter(has_text="diperkecil").wait_for()
    sent = page.evaluate("document.getElementById('id_image').files[0].size")
    page.fill("#id_caption", "Uji unggah dari ponsel")
    page.fill("#id_credit", "KJ/Bench")
    page.fill("#id_alt_text", "Foto uji")
    started = time.monotonic()
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url("**/admin/articles/photo/")
    seconds = time.monotonic() - started
    context.close()
    return sent, seconds, reference


def run_body(browser, base, photo, *, script):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(300_000)
    page.add_init_script(COUNT_UPLOADS)
    if not script:
        page.route("**/body_upload.js", lambda route: route.abort())
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "wartawan")
    page.fill("#id_password", "redaksi-demo-2026")
    page.click("input[type=submit]")
    page.goto(f"{base}/admin/articles/article/add/")
    page.locator(".ck-editor__editable").click()
    page.locator(".ck-toolbar__grouped-dropdown > button").click()  # the phone's "more"
    context.new_cdp_session(page).send("Network.emulateNetworkConditions", SLOW)
    started = time.monotonic()
    with page.expect_response("**/editor/upload-image/") as answer:
        page.locator(".ck-toolbar input[type=file]").set_input_files(str(photo))
    seconds = time.monotonic() - started
    assert answer.value.ok, answer.value.status
    sent = page.evaluate("window.uploadSizes[0]")
    context.close()
    return sent, seconds


def main():
    base = sys.argv[1].rstrip("/")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        photo = phone_photo(Path(folder) / "IMG_0001.jpg")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        print(f"photo: 4000x3000, {photo.stat().st_size / 1024:.0f} KB")
        print(f"{'':8} {'sent KB':>8} {'upload s':>9} {'robots.txt s':>13}")
        for label, script in (("before", False), ("after", True)):
            sent, seconds, reference = run(browser, base, photo, script=script)
            print(f"{label:8} {sent / 1024:8.0f} {seconds:9.1f} {reference:13.2f}")
        print(f"{'body':8} {'sent KB':>8} {'upload s':>9}")
        for label, script in (("before", False), ("after", True)):
            sent, seconds = run_body(browser, base, photo, script=script)
            print(f"{label:8} {sent / 1024:8.0f} {seconds:9.1f}")
        browser.close()


if __name__ == "__main__":
    main()
