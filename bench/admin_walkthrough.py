"""Walk the editorial workflow in the admin with headless Chromium, with screenshots.

Reporter writes and submits; editor sends back; reporter fixes and resubmits;
editor schedules, publishes now, edits the live story and unpublishes it.

Usage (with `make run` serving the seeded demo site):
    uv run python bench/admin_walkthrough.py http://127.0.0.1:8000 OUTDIR
"""

import sys
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "redaksi-demo-2026"


def main():
    base, outdir = sys.argv[1:3]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    title = f"Jembatan Kademangan diresmikan {int(time.time())}"
    step = iter(range(1, 100))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)

        def session(username):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{base}/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("input[type=submit]")
            return page

        def shot(page, name):
            page.screenshot(path=out / f"{next(step):02d}-{name}.png", full_page=True)

        def open_article(page):
            page.goto(f"{base}/admin/articles/article/?q={title.split()[-1]}")
            page.click(f"text={title}")

        def press(page, label):
            page.click(f"button:has-text('{label}')")

        reporter = session("wartawan")
        reporter.goto(f"{base}/admin/articles/article/add/")
        reporter.fill("#id_title", title)
        reporter.fill("#id_summary", "Jembatan baru menghubungkan dua desa.")
        reporter.locator(".ck-editor__editable").click()
        reporter.keyboard.type("Warga menyambut peresmian jembatan baru di Kademangan.")
        pick_autocomplete(reporter, "region", "Blitar")
        reporter.fill("#id_tags", "Infrastruktur, Blitar")
        shot(reporter, "reporter-writes")
        press(reporter, "kirim ke redaksi")
        expect(reporter.locator(".messagelist")).to_contain_text("dikirim ke redaksi")
        shot(reporter, "reporter-submitted")

        editor = session("redaktur")
        editor.goto(f"{base}/admin/articles/reviewqueue/")
        shot(editor, "editor-review-queue")
        open_article(editor)
        press(editor, "kembalikan ke wartawan")
        expect(editor.locator(".errornote, .errorlist").first).to_be_visible()
        shot(editor, "editor-send-back-needs-note")
        editor.fill("#id_workflow_note", "Tambahkan kutipan kepala desa.")
        press(editor, "kembalikan ke wartawan")
        expect(editor.locator(".messagelist")).to_contain_text("dikembalikan")

        open_article(reporter)
        expect(reporter.locator(".workflow-note")).to_contain_text("kutipan kepala desa")
        shot(reporter, "reporter-sees-note")
        reporter.locator(".ck-editor__editable").click()
        reporter.keyboard.press("End")
        reporter.keyboard.type(" Kepala desa: jembatan ini mimpi kami sejak lama.")
        press(reporter, "kirim ke redaksi")
        expect(reporter.locator(".messagelist")).to_contain_text("dikirim ke redaksi")

        open_article(editor)
        editor.fill("#id_publish_at", "2030-01-01T08:00")
        press(editor, "jadwalkan")
        expect(editor.locator(".messagelist")).to_contain_text("dijadwalkan")
        shot(editor, "editor-scheduled")
        open_article(editor)
        press(editor, "terbitkan sekarang")
        expect(editor.locator(".messagelist")).to_contain_text("terbit")
        open_article(editor)
        editor.fill("#id_title", title + " (diperbarui)")
        editor.click("input[name=_continue]")
        expect(editor.locator(".messagelist")).to_contain_text("berhasil")
        slug = editor.input_value("#id_slug") if editor.locator("#id_slug").count() else None
        shot(editor, "editor-edited-live")
        editor.click("text=Riwayat")
        shot(editor, "history")
        editor.click("button:has-text('Bandingkan')")
        shot(editor, "compare")
        editor.go_back()
        editor.go_back()
        press(editor, "tarik dari publikasi")
        expect(editor.locator(".messagelist")).to_contain_text("ditarik")
        shot(editor, "editor-unpublished")
        print("walkthrough complete", slug or "")
        browser.close()


def pick_autocomplete(page, field, text):
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


if __name__ == "__main__":
    main()
