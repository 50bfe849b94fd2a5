"""Lighthouse 12 (mobile, simulated throttling) on the home page and a story,
served as in production: gunicorn behind Varnish and nginx (tests/stack.py),
on a generated archive whose leads are phone-sized photos, not drawings.

    npm install --prefix /tmp/lh lighthouse@12      # once, from the npm registry
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_1000 \\
        uv run python bench/lighthouse.py --media /tmp/newsroom_bench_1000-media \\
        --lighthouse /tmp/lh/node_modules/.bin/lighthouse

Prints each page's four category scores and its LCP. Needs Debian's
chromium, varnish, varnish-modules and nginx; loads only 127.0.0.1.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from articles.models import Article  # noqa: E402
from tests.stack import running  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_lighthouse(command, tries=3):
    """Lighthouse, again when its trace fails (NO_NAVSTART on a busy machine)."""
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    for attempt in range(tries):
        if subprocess.run(command, env=env).returncode == 0:
            return
        print(f"lighthouse failed (try {attempt + 1} of {tries})", file=sys.stderr)
    raise SystemExit("lighthouse failed every time")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--media", required=True, help="the archive's MEDIA_ROOT")
    parser.add_argument("--lighthouse", default="lighthouse")
    args = parser.parse_args()
    story = Article.objects.published().exclude(lead_photo=None).first()
    folder = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    (folder / "media").symlink_to(Path(args.media).resolve())
    env = {"DATABASE_URL": os.environ["DATABASE_URL"]}
    with running(folder, env=env, nginx=True) as stack:
        for name, path in (("home", "/"), ("article", story.get_absolute_url())):
            report = folder / f"{name}.json"
            run_lighthouse(
                [
                    args.lighthouse,
                    stack.nginx + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu "
                    "--disable-background-networking",
                ],
            )
            result = json.loads(report.read_text())
            scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
            lcp = result["audits"]["largest-contentful-paint"]["numericValue"] / 1000
            print(f"{name:8} {scores}  LCP {lcp:.1f} s  ({path})")


if __name__ == "__main__":
    main()
