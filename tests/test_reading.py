"""Reading on: related stories, most read, breadcrumbs and the region menu."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import popularity
from articles.models import Article, ArticleRead, ReadWindow
from tests.factories import make_article, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    jatim = make_region("Jawa Timur", slug="jawa-timur")
    return {
        "jatim": jatim,
        "blitar": make_region("Blitar", slug="blitar", parent=jatim),
        "gresik": make_region("Gresik", slug="gresik", parent=jatim),
    }


def related_titles(client, article):
    return [a.title for a in client.get(article.get_absolute_url()).context["related"]]


def test_related_prefers_shared_tags_then_same_region(client, regions):
    story = make_article("Utama", region=regions["blitar"], tags=["Pemilu 2024", "KPU"])
    make_article("Dua tag sama", region=regions["gresik"], tags=["Pemilu 2024", "KPU"])
    make_article("Satu tag sama", region=regions["gresik"], tags=["KPU"])
    make_article("Wilayah sama", region=regions["blitar"])
    make_article("Tidak terkait", region=regions["gresik"])
    make_article("Draf terkait", status=Article.Status.DRAFT, tags=["Pemilu 2024", "KPU"])
    assert related_titles(client, story) == ["Dua tag sama", "Satu tag sama", "Wilayah sama"]


def test_reading_beacon_counts_one_read(client):
    article = make_article()
    assert client.post(f"/baca/{article.pk}/").status_code == 204
    assert ArticleRead.objects.get(article=article).count == 1


def test_beacon_ignores_unpublished_articles_and_gets(client):
    draft = make_article(status=Article.Status.DRAFT)
    assert client.post(f"/baca/{draft.pk}/").status_code == 404
    assert client.get(f"/baca/{draft.pk}/").status_code == 405
    assert not ArticleRead.objects.exists()


def test_article_page_itself_writes_nothing(client):
    article = make_article()
    client.get(article.get_absolute_url())
    assert not ArticleRead.objects.exists()
    assert (
        f'data-read-url="/baca/{article.pk}/"'
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_most_read_lists_this_weeks_most_read_published_stories(client):
    top, second, old_hit = (
        make_article("Paling dibaca"),
        make_article("Kedua"),
        make_article("Lama"),
    )
    draft = make_article("Draf populer", status=Article.Status.DRAFT)
    today = timezone.localdate()
    for _ in range(3):
        popularity.record_read(top)
    popularity.record_read(second)
    ArticleRead.objects.create(article=old_hit, day=today - timedelta(days=8), count=100)
    ArticleRead.objects.create(article=draft, day=today, count=100)
    assert [a.title for a in popularity.most_read()] == ["Paling dibaca", "Kedua"]
    html = client.get("/").content.decode()
    section = html[html.index("Terpopuler") :]
    assert section.index("Paling dibaca") < section.index("Kedua")
    assert "Draf populer" not in html


def test_article_page_shows_region_breadcrumbs(client, regions):
    article = make_article(region=regions["blitar"])
    html = client.get(article.get_absolute_url()).content.decode()
    crumbs = html[html.index('class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert [part in crumbs for part in ("Beranda", "Jawa Timur", "Blitar")] == [True] * 3
    assert crumbs.index("Jawa Timur") < crumbs.index("Blitar")


def test_region_page_marks_itself_in_menu_and_breadcrumbs(client, regions):
    html = client.get("/wilayah/blitar/").content.decode()
    assert 'href="/wilayah/blitar/" aria-current="page">Blitar' in html
    assert 'href="/wilayah/gresik/">Gresik' in html


def test_most_read_kept_up_to_date_by_reads_equals_a_fresh_count():
    """The ranking each read updates in place is the one a full count gives."""
    import random

    stories = [make_article(f"Cerita {n}", age=timedelta(hours=n + 1)) for n in range(9)]
    rng = random.Random(3)
    for _ in range(60):
        popularity.record_read(rng.choice(stories))
        kept = popularity.ranking()
        popularity.forget()
        assert kept == popularity.ranking()


def test_a_thousand_beacons_from_one_reader_count_once(client):
    article = make_article()
    for _ in range(1000):
        assert client.post(f"/baca/{article.pk}/").status_code == 204
    assert ArticleRead.objects.get(article=article).count == 1


def test_another_reader_counts_too(client):
    article = make_article()
    client.post(f"/baca/{article.pk}/", HTTP_USER_AGENT="Ponsel A")
    client.post(f"/baca/{article.pk}/", HTTP_USER_AGENT="Ponsel B")
    assert popularity.ranking()[0][:2] == (article.pk, 2)


def test_a_story_read_by_many_costs_one_database_write_a_minute(client):
    story, other = make_article("Viral"), make_article("Biasa")
    client.post(f"/baca/{story.pk}/", HTTP_USER_AGENT="Ponsel 0")  # starts the minute
    with CaptureQueriesContext(connection) as queries:
        for n in range(1, 50):
            client.post(f"/baca/{story.pk}/", HTTP_USER_AGENT=f"Ponsel {n}")
    assert not [q for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert popularity.ranking()[0][:2] == (story.pk, 50)  # all counted already
    assert ArticleRead.objects.get(article=story).count == 1
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        client.post(f"/baca/{other.pk}/")
    assert ArticleRead.objects.get(article=story).count == 50
    assert ArticleRead.objects.get(article=other).count == 1


def test_a_beacon_counts_on_an_origin_that_keeps_nothing_in_its_cache(client, settings):
    """CACHE_URL=dummy:// (an origin behind Varnish): reads go to the database."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    story = make_article("Dibaca di origin")
    assert client.post(f"/baca/{story.pk}/").status_code == 204
    assert ArticleRead.objects.get(article=story).count == 1
    assert [a.title for a in popularity.most_read()] == ["Dibaca di origin"]


def test_a_beacon_through_a_proxy_on_another_port_counts(client):
    """nginx passes the site's host without the port the browser used."""
    story = make_article("Dibaca lewat proxy")
    response = client.post(f"/baca/{story.pk}/", HTTP_ORIGIN="http://testserver:8443")
    assert response.status_code == 204


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "https://penipu.example"}],
)
def test_beacons_from_other_sites_are_refused(client, headers):
    article = make_article()
    assert client.post(f"/baca/{article.pk}/", **headers).status_code == 403
    assert not ArticleRead.objects.exists()


def test_most_read_window_moves_on_with_the_day_without_a_recount():
    """A day's reads leave "Terpopuler" a week later, by subtracting that
    day from the window totals; the ranking then equals a fresh count."""
    old, recent = make_article("Ramai pekan lalu"), make_article("Ramai kemarin")
    start = timezone.now()
    for reads, story, day in ((5, old, 0), (3, recent, 3)):
        with time_machine.travel(start + timedelta(days=day)):
            for _ in range(reads):
                popularity.record_read(story)
            popularity.flush()
    with time_machine.travel(start + timedelta(days=6)):
        popularity.forget()
        assert [pk for pk, *_ in popularity.ranking()] == [old.pk, recent.pk]
    with time_machine.travel(start + timedelta(days=7)):
        popularity.forget()
        with CaptureQueriesContext(connection) as queries:
            moved = popularity.ranking()
        assert [(pk, reads) for pk, reads, _ in moved] == [(recent.pk, 3)]
        sums = [q["sql"] for q in queries if "SUM(" in q["sql"].upper()]
        assert not sums, f"the window was counted again: {sums}"
        ReadWindow.objects.all().delete()  # a fresh count, as after a restore
        popularity.forget()
        assert popularity.ranking() == moved


def test_a_cold_most_read_ranking_reads_no_daily_counts(client):
    """With the cache empty (a restart), "Terpopuler" comes from the window
    totals' index, never from adding up the archive's daily rows."""
    story = make_article("Dibaca")
    popularity.record_read(story)
    popularity.flush()
    popularity.forget()
    with CaptureQueriesContext(connection) as queries:
        assert [a.title for a in popularity.most_read()] == ["Dibaca"]
    assert not [q for q in queries if "articles_articleread" in q["sql"]]
