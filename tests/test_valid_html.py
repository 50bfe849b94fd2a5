"""Every page type, and the admin forms reporters and editors use, pass the
Nu Html Checker (vnu), the validator browsers' and search engines' people use.

The checker is the `vnu-jar` package's jar (package-lock.json, installed by
`make test` with `npm ci`), run on Debian's Java; nothing is downloaded here,
and the test is skipped where either is missing. One JVM checks every page:
it takes seconds to start.
"""

import json
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, LiveEntry, Notice, Page
from tests.factories import make_article, make_author, make_photo, make_region

VNU = (
    Path(__file__).resolve().parent.parent
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.skipif(not JAVA, reason="Java is not installed (make test installs Debian's)"),
    pytest.mark.skipif(
        not VNU.exists(), reason="vnu.jar is missing: run `npm ci --ignore-scripts`"
    ),
    pytest.mark.django_db,
]

# Errors from Django's own admin markup, which this project does not write:
# (message pattern, the Django file it comes from). None left: the
# autocomplete's option list (django/contrib/admin/widgets.py) and the label
# of a hidden field (admin/includes/fieldset.html) are worked around in
# articles/admin/widgets.py.
DJANGO_ADMIN_ERRORS = []

# The project's own errors still waiting for their fix, each named by what
# vnu quotes. The test fails once one is gone, so the list only shrinks.
PENDING = []


def public_pages(editor):
    """{name: path} for one of each public page type, in both languages."""
    region = make_region("Jawa Timur", slug="jawa-timur")
    author = make_author("Lestari Wulandari", slug="lestari")
    photo = make_photo()
    story = make_article(
        "Ratusan warga memadati alun-alun untuk pawai budaya",
        region=region,
        author=author,
        lead_photo=photo,
        tags=["Pemilu 2024"],
    )
    live = make_article(
        "Langsung: Banjir di Kademangan", kind=Article.Kind.LIVE, region=region, author=author
    )
    for minutes_ago, text in [(30, "Air mulai naik."), (5, "Warga mengungsi ke masjid.")]:
        services.live_entry_save(
            entry=LiveEntry(
                article=live, at=timezone.now() - timedelta(minutes=minutes_ago), text=text
            ),
            by=editor,
        )
    corrected = make_article("Jembatan Kademangan ditutup", region=region, author=author)
    services.correction_add(
        article=corrected, by=editor, kind="ralat", text="Jembatan ditutup Senin, bukan Selasa."
    )
    withdrawn = make_article("Kasus di Sananwetan", region=region, author=author)
    services.article_act(
        article=withdrawn, by=editor, action="withdraw", note="Atas putusan Dewan Pers."
    )
    pages = {
        "home": "/",
        "article": story.get_absolute_url(),
        "live story": live.get_absolute_url(),
        "corrected story": corrected.get_absolute_url(),
        "withdrawn story (410)": withdrawn.get_absolute_url(),
        "region": reverse("articles:region", args=["jawa-timur"]),
        "tag": reverse("articles:tag", args=[story.tags.first().slug]),
        "author": reverse("articles:author", args=["lestari"]),
        "search with results": reverse("articles:search") + "?q=warga",
        "search without results": reverse("articles:search") + "?q=zzzzqqq",
        "corrections": reverse("articles:corrections"),
        "standing page": Page.objects.first().get_absolute_url(),
        "404": "/berita/tidak-ada-beritanya/",
    }
    return pages | {f"{name} /en/": f"/en{path}" for name, path in pages.items()}


def admin_pages(user, draft):
    """{name: path} for the admin pages this user works in."""
    return {
        "desk": reverse("admin:index"),
        "article add": reverse("admin:articles_article_add"),
        "article change": reverse("admin:articles_article_change", args=[draft.pk]),
        "photo add": reverse("admin:articles_photo_add"),
    }


def vnu(files):
    """vnu's messages for each file, in one run: {file name: [message, ...]}."""
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    found = {Path(f).name: [] for f in files}
    for message in json.loads(result.stdout)["messages"]:
        found[Path(message["url"]).name].append(message)
    return found


def is_djangos(message):
    return any(re.search(pattern, message["message"]) for pattern, _ in DJANGO_ADMIN_ERRORS)


def is_pending(message):
    return any(extract in message.get("extract", "") for extract in PENDING)


def test_every_page_type_and_admin_form_is_valid_html(client, editor, reporter, tmp_path, settings):
    settings.ALLOWED_HOSTS = ["*"]
    files = {}

    def keep(name, response):
        assert response.status_code in (200, 404, 410), (name, response.status_code)
        path = tmp_path / f"{len(files):02d}.html"
        path.write_bytes(response.content)
        files[path.name] = name

    for name, path in public_pages(editor).items():
        keep(name, client.get(path))
    own_draft = make_article(
        "Draf wartawan", status=Article.Status.DRAFT, author=reporter.author, by=reporter
    )
    published = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    for user, article in [(reporter, own_draft), (editor, published)]:
        Notice.objects.create(user=user, article=article, text="Menunggu redaksi")  # the badge
        client.force_login(user)
        for name, path in admin_pages(user, article).items():
            keep(f"{user.username}: {name}", client.get(path))
        client.logout()

    found = vnu([tmp_path / name for name in files])
    messages = [(files[name], m) for name, ms in found.items() for m in ms if m["type"] == "error"]
    errors = [
        f"{page}: line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for page, m in messages
        if not is_djangos(m) and not is_pending(m)
    ]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors)
    still = {e for e in PENDING if any(e in m.get("extract", "") for _, m in messages)}
    assert still == set(PENDING), f"fixed now, remove from PENDING: {set(PENDING) - still}"
