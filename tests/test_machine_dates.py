"""Every time written for machines (a `datetime` attribute, an `article:*_time`
meta, a JSON-LD date, the news sitemap's date) is ISO 8601 to the second with
WIB's offset: `2026-02-21T19:19:05+07:00`. The Nu Html Checker refuses
Python's six-digit microseconds, and search engines read these times.
"""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from articles import dates, services
from articles.models import Article, LiveEntry, Page
from tests.factories import make_article, make_author, make_photo, make_region

pytestmark = pytest.mark.django_db

MACHINE_TIME = re.compile(r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00\Z")
DATETIME_ATTRIBUTE = re.compile(r'<time[^>]*\sdatetime="([^"]*)"')
TIME_META = re.compile(r'<meta property="article:\w+_time" content="([^"]*)"')
JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)
JSON_LD_TIME_KEYS = re.compile(r"^(date\w+|\w+Time|uploadDate)$")


def json_ld_times(data):
    """Every date value in a JSON-LD document, wherever it is nested."""
    if isinstance(data, dict):
        for key, value in data.items():
            if JSON_LD_TIME_KEYS.match(key) and isinstance(value, str):
                yield key, value
            else:
                yield from json_ld_times(value)
    elif isinstance(data, list):
        for item in data:
            yield from json_ld_times(item)


def machine_times(html):
    """(where, value) for every machine-readable time in a page."""
    for value in DATETIME_ATTRIBUTE.findall(html):
        yield "datetime", value
    for value in TIME_META.findall(html):
        yield "meta", value
    for script in JSON_LD.findall(html):
        for key, value in json_ld_times(json.loads(script)):
            yield f"JSON-LD {key}", value


def public_pages(editor):
    """{name: path} for one of each public page type, with times that have
    microseconds (live entries, a correction, a standing page) and a story
    published "now" through the desk's own action."""
    region = make_region("Jawa Timur", slug="jawa-timur")
    author = make_author("Lestari Wulandari", slug="lestari")
    story = make_article(
        "Ratusan warga memadati alun-alun",
        region=region,
        author=author,
        lead_photo=make_photo(),
        tags=["Pemilu 2024"],
    )
    draft = make_article(
        "Pawai budaya di alun-alun", status=Article.Status.DRAFT, region=region, author=author
    )
    services.article_act(article=draft, by=editor, action="publish")
    live = make_article(
        "Langsung: Banjir di Kademangan", kind=Article.Kind.LIVE, region=region, author=author
    )
    services.live_entry_save(
        entry=LiveEntry(article=live, at=timezone.now() - timedelta(minutes=5), text="Air naik."),
        by=editor,
    )
    corrected = make_article("Jembatan ditutup", region=region, author=author)
    services.correction_add(article=corrected, by=editor, kind="ralat", text="Senin, bukan Selasa.")
    pages = {
        "home": "/",
        "article": story.get_absolute_url(),
        "published now": draft.get_absolute_url(),
        "live story": live.get_absolute_url(),
        "corrected story": corrected.get_absolute_url(),
        "region": reverse("articles:region", args=["jawa-timur"]),
        "tag": reverse("articles:tag", args=[story.tags.first().slug]),
        "author": reverse("articles:author", args=["lestari"]),
        "search": reverse("articles:search") + "?q=warga",
        "corrections": reverse("articles:corrections"),
        "standing page": Page.objects.first().get_absolute_url(),
    }
    return pages | {f"{name} /en/": f"/en{path}" for name, path in pages.items()}


def test_every_public_page_writes_times_to_the_second_in_wib(client, editor):
    bad, seen = [], set()
    for name, path in public_pages(editor).items():
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        for where, value in machine_times(response.content.decode()):
            seen.add(where)
            if not MACHINE_TIME.match(value):
                bad.append(f"{name}: {where} {value!r}")
    assert bad == []
    # The check saw every kind of time it looks for.
    assert {"datetime", "meta", "JSON-LD datePublished", "JSON-LD dateModified"} <= seen
    assert {"JSON-LD coverageStartTime"} <= seen


def test_the_news_sitemap_writes_publication_dates_to_the_second(client):
    make_article("Ratusan warga memadati alun-alun", age=timedelta(minutes=10))
    content = client.get(reverse("news_sitemap")).content.decode()
    found = re.findall(r"<news:publication_date>([^<]*)</news:publication_date>", content)
    assert found and all(MACHINE_TIME.match(value) for value in found), found


def test_publishing_now_stores_whole_seconds(editor):
    draft = make_article("Pawai budaya", status=Article.Status.DRAFT)
    services.article_act(article=draft, by=editor, action="publish")
    draft.refresh_from_db()
    assert draft.published_at.microsecond == 0
    assert draft.first_published_at == draft.published_at


def test_iso_writes_newsroom_time_without_fractions():
    utc = datetime(2026, 12, 4, 13, 51, 29, 696793, tzinfo=ZoneInfo("UTC"))
    assert dates.iso(utc) == "2026-12-04T20:51:29+07:00"
    assert dates.iso(None) == ""
    rendered = Template("{% load newsroom %}{{ value|iso }}").render(Context({"value": utc}))
    assert rendered == "2026-12-04T20:51:29+07:00"
