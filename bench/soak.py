"""Soak: readers load the site while an editor and a reporter work in the admin.

For `--seconds` (60) wrk loads the home page and an article from 127.0.0.1
while, over HTTP through the admin's own forms, an editor edits, unpublishes
and republishes ten live stories and a reporter files new drafts and edits
them. Then it checks, in the database:
- no response was a 5xx (readers' and writers');
- every draft the reporter filed exists exactly once, with its last text;
- every story the editor touched has the title of its last saved edit, one
  kept version per accepted save, and the status of its last transition.

Needs a database with the demo logins (`seed_demo`), wrk, and Redis for the page cache:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_demo \\
        uv run python bench/soak.py [--seconds 60]
"""

import argparse
import http.cookiejar
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")

import django  # noqa: E402

django.setup()

import stack  # noqa: E402  (bench/stack.py)

from articles.models import Article, ArticleVersion  # noqa: E402
from tests.factories import article_form_data  # noqa: E402

PORT = 8131
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "redaksi-demo-2026"
Status = Article.Status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A saved form answers 302: keep that as the answer."""

    def redirect_request(self, *args, **kwargs):
        return None


class Desk:
    """One person in the admin: logged in through the form, posting forms."""

    def __init__(self, username):
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )
        self.statuses = Counter()
        status, _html = self.post("/admin/login/", {"username": username, "password": PASSWORD})
        assert status == 302, f"{username} could not log in ({status})"

    def token(self, path):
        html = self.opener.open(f"{BASE}{path}", timeout=60).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, path, data):
        data = {**data, "csrfmiddlewaretoken": self.token(path)}
        request = urllib.request.Request(
            f"{BASE}{path}",
            data=urllib.parse.urlencode(data, doseq=True).encode(),
            headers={"Referer": f"{BASE}{path}"},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                status, html = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, html = error.code, error.read().decode()
        self.statuses[status] += 1
        return status, html


def editor_work(stop, run, stories, expected):
    desk = Desk("redaktur")
    n = 0
    while not stop.is_set():
        article = Article.objects.get(pk=random.choice(stories))
        n += 1
        if article.status == Status.PUBLISHED and n % 3:
            title = f"{article.title.split(' · ')[0]} · suntingan {run}-{n}"
            data, action = article_form_data(article, title=title), None
        elif article.status == Status.PUBLISHED:
            data, action, title = article_form_data(article, _action="unpublish"), "unpublish", None
        else:
            data, action, title = article_form_data(article, _action="publish"), "publish", None
        status, _html = desk.post(f"/admin/articles/article/{article.pk}/change/", data)
        if status == 302:  # saved
            record = expected.setdefault(article.pk, {"saves": 0, "titles": []})
            record["saves"] += 1
            if title:
                record["titles"].append(title)
            if action:
                record["status"] = Status.UNPUBLISHED if action == "unpublish" else Status.PUBLISHED
    return desk.statuses


def reporter_work(stop, run, filed):
    desk = Desk("wartawan")
    template = Article.objects.filter(author__user__username="wartawan").first()
    n = 0
    while not stop.is_set():
        n += 1
        title = f"Soak {run} draf {n}"
        data = article_form_data(template, title=title, slug="", base_revision="")
        data.pop("publish_at"), data.pop("workflow_note")
        status, _html = desk.post("/admin/articles/article/add/", data)
        if status != 302:
            continue
        filed[title] = data["body"]
        draft = Article.objects.get(title=title)
        body = f"<p>Tambahan laporan nomor {n}.</p>"
        edit = article_form_data(draft, body=body)
        if desk.post(f"/admin/articles/article/{draft.pk}/change/", edit)[0] == 302:
            filed[title] = body
    return desk.statuses


def readers(seconds, path):
    output = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{seconds}s", f"{BASE}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return requests, int(bad.group(1)) if bad else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    app = stack.start(
        PORT,
        prefix="bench-soak-",
        env={"CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/15")},
        migrate=True,
    )
    stories = list(
        Article.objects.published().order_by("-published_at").values_list("pk", flat=True)[:10]
    )
    run = int(time.time())
    try:
        # A story the editor leaves alone: one taken down would rightly be a 404.
        article = Article.objects.published().exclude(pk__in=stories).first().get_absolute_url()
        stop, expected, filed, results = threading.Event(), {}, {}, {}
        workers = [
            threading.Thread(
                target=lambda: results.update(editor=editor_work(stop, run, stories, expected))
            ),
            threading.Thread(
                target=lambda: results.update(reporter=reporter_work(stop, run, filed))
            ),
            threading.Thread(target=lambda: results.update(home=readers(args.seconds, "/"))),
            threading.Thread(target=lambda: results.update(article=readers(args.seconds, article))),
        ]
        for worker in workers:
            worker.start()
        time.sleep(args.seconds)
        stop.set()
        for worker in workers:
            worker.join()
    finally:
        stack.stop(app)

    print(
        f"readers: home {results['home'][0]} requests, {results['home'][1]} not 2xx/3xx; "
        f"article {results['article'][0]} requests, {results['article'][1]} not 2xx/3xx"
    )
    for who in ("editor", "reporter"):
        print(f"{who}: responses {dict(sorted(results[who].items()))}")
    errors = sum(n for who in ("editor", "reporter") for s, n in results[who].items() if s >= 500)
    errors += results["home"][1] + results["article"][1]
    lost = []
    for title, body in filed.items():
        rows = list(Article.objects.filter(title=title).values_list("body", flat=True))
        if len(rows) != 1 or rows[0] != body:
            lost.append(title)
    wrong = []
    for pk, record in expected.items():
        article = Article.objects.get(pk=pk)
        last = article.transitions.first()
        titles = record["titles"]
        if titles and article.title != titles[-1]:
            wrong.append((pk, "title"))
        kept = ArticleVersion.objects.filter(article=pk, title__in=titles)
        if sorted(kept.values_list("title", flat=True)) != sorted(titles):
            wrong.append((pk, "versions"))  # each accepted edit kept exactly once
        status = record.get("status")
        if status and (article.status != status or last.to_status != status):
            wrong.append((pk, "status"))
    print(f"drafts filed: {len(filed)}, missing, doubled or stale: {len(lost)}")
    print(
        f"stories changed: {len(expected)} with {sum(r['saves'] for r in expected.values())} "
        f"saves; wrong title, status or versions: {len(wrong)} {wrong[:5]}"
    )
    print(f"5xx responses: {errors}")
    sys.exit(1 if errors or lost or wrong else 0)


if __name__ == "__main__":
    main()
