"""A phone photo uploaded on a slow connection, with and without the form's script.

Chromium at 390 px on a throttled network (400 kbit/s both ways, 400 ms
latency, through the DevTools protocol) adds a 4,000x3,000 JPEG of a few MB
in the admin's photo form as the demo editor. "before" has JavaScript off, so
the browser posts the original as it is; "after" lets
static/admin/newsroom/photo_upload.js shrink it first. Prints the bytes sent
and the seconds from pressing "Simpan" to the saved list. A robots.txt fetch
over the same throttled connection is timed as the reference.

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
        browser.close()


if __name__ == "__main__":
    main()
