"""Bytes a reader downloads per page, at phone width (390 px, 3x) and on a desktop.

Loads each page in Debian's Chromium, scrolls to the bottom so lazy images
load, and sums the response bodies by kind, as served (`make run` does not
compress) and as nginx would send them (text gzipped at level 5, as in
deploy/nginx.conf; images as they are). Usage, with `make run` serving:
    uv run python bench/page_weight.py http://127.0.0.1:8000 / /berita/<slug>/
"""

import gzip
import sys
from collections import defaultdict

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORTS = [("phone 390px", 390, 844, 3), ("desktop 1280px", 1280, 900, 1)]


def kind(response):
    content_type = response.headers.get("content-type", "")
    for name in ("html", "css", "javascript", "image"):
        if name in content_type:
            return name.replace("javascript", "js")
    return "other"


def measure(browser, url, width, height, scale):
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    page = context.new_page()
    sizes = defaultdict(int)
    sent = [0]  # bytes on the wire behind nginx's gzip
    images = []

    def record(response):
        try:
            body = response.body()
        except Exception:  # redirects have no body
            return
        sizes[kind(response)] += len(body)
        text = kind(response) in ("html", "css", "js") and len(body) >= 512
        sent[0] += len(gzip.compress(body, 5)) if text else len(body)
        if kind(response) == "image":
            images.append((response.url.rsplit("/", 2)[-1], len(body)))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    context.close()
    return sizes, images, sent[0]


def main():
    base, *paths = sys.argv[1:]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for path in paths or ["/"]:
            for label, width, height, scale in VIEWPORTS:
                sizes, images, sent = measure(browser, base + path, width, height, scale)
                total = sum(sizes.values())
                parts = ", ".join(f"{k} {v / 1024:.0f} KB" for k, v in sorted(sizes.items()))
                largest = max((size for _name, size in images), default=0)
                print(
                    f"{path} [{label}]: {total / 1024:.0f} KB total ({parts}); "
                    f"{len(images)} images, largest {largest / 1024:.0f} KB; "
                    f"{sent / 1024:.0f} KB sent behind nginx gzip"
                )
        browser.close()


if __name__ == "__main__":
    main()
