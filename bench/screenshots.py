"""Screenshots of public pages at phone (390 px) and desktop width.

Usage: python bench/screenshots.py http://127.0.0.1:8000 OUTDIR [path ...]
Uses Debian's Chromium; never downloads a browser.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main():
    base, outdir, *paths = sys.argv[1:]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width, height, label in [(390, 844, "phone"), (1280, 900, "desktop")]:
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths or ["/"]:
                page.goto(base + path)
                # Scroll through so lazy images load before the full-page shot.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_load_state("networkidle")
                page.evaluate("window.scrollTo(0, 0)")
                name = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=out / f"{name}-{label}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
