"""What an attacker meets: throttled logins, strict headers, no trust in forged addresses."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from articles import views
from tests.factories import make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
LOGIN = "/admin/akun/login/"  # allauth's, where /admin/login/ leads
WRONG = "salah-terus-123"
PASSWORD = "secret-pass-123"  # the factories' password


def attempt(client, username, password, **extra):
    return client.post(LOGIN, {"login": username, "password": password}, **extra)


def test_five_wrong_passwords_lock_the_account_for_that_address(client, reporter):
    for _ in range(4):
        assert attempt(client, "wartawan", WRONG).status_code == 200  # the form again
    assert attempt(client, "wartawan", WRONG).status_code == 429  # the fifth locks
    refused = attempt(client, "wartawan", PASSWORD)  # even the right password now
    assert refused.status_code == 429
    assert "Terlalu banyak kata sandi salah" in refused.content.decode()
    assert "15 menit" in refused.content.decode()
    other_address = attempt(client, "wartawan", PASSWORD, REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 302  # the reporter elsewhere is not locked out


def test_a_locked_out_attempt_never_computes_a_password_hash(client, reporter, monkeypatch):
    for _ in range(5):
        attempt(client, "wartawan", WRONG)
    hashed = []
    monkeypatch.setattr(
        "django.contrib.auth.hashers.MD5PasswordHasher.verify",
        lambda self, password, encoded: hashed.append(1) or False,
    )
    for _ in range(20):
        assert attempt(client, "wartawan", WRONG).status_code == 429
    assert hashed == []


def test_an_editor_unlocks_a_reporter_in_the_admin(client, reporter):
    for _ in range(5):
        attempt(client, "wartawan", WRONG)
    editor = make_editor("redaktur")
    client.force_login(editor)
    lockouts = reverse("admin:axes_accessattempt_changelist")
    assert "wartawan" in client.get(lockouts).content.decode()
    row = AccessAttempt.objects.get(username="wartawan")
    client.post(reverse("admin:axes_accessattempt_delete", args=[row.pk]), {"post": "yes"})
    client.logout()
    assert attempt(client, "wartawan", PASSWORD).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, reporter, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(5):
        # Each guess claims another client address in front of our proxy's.
        attempt(client, "wartawan", WRONG, HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.9")
    forged = attempt(client, "wartawan", PASSWORD, HTTP_X_FORWARDED_FOR="1.1.1.99, 203.0.113.9")
    assert forged.status_code == 429  # the proxy saw 203.0.113.9 each time
    real_other = attempt(client, "wartawan", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert real_other.status_code == 302


def test_forwarded_addresses_are_ignored_from_anyone_but_a_trusted_proxy(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    make_reporter("wartawan")
    for n in range(5):  # straight from 127.0.0.1, which is no proxy of ours
        attempt(client, "wartawan", WRONG, HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
    assert attempt(client, "wartawan", PASSWORD).status_code == 429


def test_an_old_password_hash_is_upgraded_to_argon2_at_login(client, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = make_reporter("lama")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert attempt(client, "lama", PASSWORD).status_code == 302
    assert get_user_model().objects.get(pk=user.pk).password.startswith("argon2")


def policy(response):
    return dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


@pytest.mark.parametrize("kind", ["home", "article", "search", "rss", "sitemap", "404"])
def test_public_pages_send_a_strict_policy(client, kind):
    article = make_article("Banjir di Blitar")
    url = {
        "home": "/",
        "article": article.get_absolute_url(),
        "search": "/cari/?q=banjir",
        "rss": "/rss/",
        "sitemap": "/sitemap.xml",
        "404": "/tidak-ada/",
    }[kind]
    response = client.get(url)
    csp = policy(response)
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_kept_pages_carry_the_same_headers(client, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    article = make_article("Banjir di Blitar")
    first = client.get(article.get_absolute_url())
    kept = client.get(article.get_absolute_url())
    assert kept["Age"]  # served from the page cache
    assert kept["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert kept["Permissions-Policy"] == first["Permissions-Policy"]


def test_the_admin_gets_the_policy_its_editor_needs(client):
    client.force_login(make_editor("redaktur"))
    response = client.get(reverse("admin:articles_article_add"))
    csp = policy(response)
    assert csp["script-src"] == "'self'"
    assert "'unsafe-inline'" in csp["style-src"]  # CKEditor 5 sets inline styles
    assert "blob:" in csp["img-src"]  # an image shows before its upload ends
    client.logout()
    assert policy(client.get(LOGIN))["style-src"] == "'self'"  # no editor there


def test_health_check_says_ok_and_nothing_else(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_a_database_outage_is_a_503_with_retry_after(client, monkeypatch):
    from django.db import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.HomeView, "get_queryset", down)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sedang ada gangguan" in response.content.decode()


def test_an_editor_whose_save_meets_an_outage_is_told_the_text_is_not_saved(client, monkeypatch):
    from django.db import OperationalError

    from articles import services

    editor = make_editor("redaktur")
    article = make_article("Draf", author=editor.author)
    client.force_login(editor)

    def down(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "article_save", down)
    client.raise_request_exception = False
    from tests.factories import article_form_data

    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article, title="Judul baru"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "Perubahan Anda belum tersimpan" in html and "Kembali" in html


def test_errors_are_logged_as_one_json_line_with_path_user_and_traceback(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("rusak")

    monkeypatch.setattr(views.HomeView, "get_queryset", broken)
    client.raise_request_exception = False
    handler = next(
        h for h in logging.getLogger("django.request").handlers if h.get_name() == "stderr"
    )
    stream = io.StringIO()
    old = handler.setStream(stream)
    editor = make_editor("redaktur")
    client.force_login(editor)
    try:
        assert client.get("/").status_code == 500
    finally:
        handler.setStream(old)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    error = next(line for line in lines if line["level"] == "ERROR")
    assert error["path"] == "/" and error["user_id"] == editor.pk and error["status_code"] == 500
    assert "RuntimeError: rusak" in error["exc_info"]


def production_env(**overrides):
    """deploy/newsroom.env.example as an operator fills it in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DEBUG"))}
    for line in (ROOT / "deploy" / "newsroom.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = value
    env.update(SECRET_KEY="x7#Kq!" * 10, DATABASE_URL="sqlite:///:memory:", **overrides)
    return env


def test_check_deploy_is_clean_with_the_production_example():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
