"""What one admin write costs: SQL queries and body sanitizer runs per POST.

Builds a throwaway test database (SQLite by default, or DATABASE_URL's
server with a `test_` prefix), then posts the article form as an editor
would and counts.

Usage:
    uv run python bench/write_path.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom uv run python bench/write_path.py
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")

import django

django.setup()

import tempfile  # noqa: E402

import nh3  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402

from articles.models import Article  # noqa: E402
from tests.factories import article_form_data, make_article, make_editor  # noqa: E402


class SanitizerCounter:
    def __init__(self):
        self.calls = 0
        self.original = nh3.clean

    def __enter__(self):
        def counted(*args, **kwargs):
            self.calls += 1
            return self.original(*args, **kwargs)

        nh3.clean = counted
        return self

    def __exit__(self, *exc):
        nh3.clean = self.original


def measure(client, url, data):
    with CaptureQueriesContext(connection) as queries, SanitizerCounter() as sanitizer:
        response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    return len(queries), sanitizer.calls


def main():
    setup_test_environment()
    settings.MEDIA_ROOT = tempfile.mkdtemp()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        editor = make_editor("bench-editor")
        client = Client()
        client.force_login(editor)
        rows = []
        for label, action in [("save", None), ("save & publish", "publish")]:
            article = make_article(status=Article.Status.DRAFT, author=editor.author)
            article.refresh_from_db()
            url = reverse("admin:articles_article_change", args=[article.pk])
            data = article_form_data(article, title="Judul baru", body="<p>Isi baru.</p>")
            if action:
                data["_action"] = action
            client.get(url)  # warm the session and content types
            rows.append((label, *measure(client, url, data)))
        print(f"database: {connection.vendor}")
        print(f"{'admin POST':18} {'queries':>7} {'sanitizer runs':>15}")
        for label, queries, sanitized in rows:
            print(f"{label:18} {queries:7} {sanitized:15}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
