"""Whole public pages are kept, and every change readers can see purges exactly them."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import selectors, services
from articles.models import Article
from tests.factories import (
    make_article,
    make_photo,
    make_region,
    make_reporter,
)

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.FRAGMENT_CACHE_SECONDS = 3600


@pytest.fixture
def places():
    jatim = make_region("Jawa Timur", slug="jawa-timur")
    return {"jatim": jatim, "blitar": make_region("Blitar", slug="blitar", parent=jatim)}


@pytest.fixture
def story(places):
    return make_article("Alun-alun penuh warga", region=places["blitar"], tags=["Budaya"])


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def later(seconds=5):
    """Past the clock-skew margin that makes pages rendered right after a purge re-render."""
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=False)


def publish_new(committed, editor, title, **fields):
    article = make_article(title, status=Status.DRAFT, **fields)
    with committed():
        return services.article_act(article=article, by=editor, action="publish")


def test_a_kept_page_is_served_without_touching_the_database(client, story):
    first, queries = get(client, story.get_absolute_url())
    assert queries > 0
    again, queries = get(client, story.get_absolute_url())
    assert queries == 0
    assert again.content == first.content


def test_a_shared_link_renders_the_story_but_reuses_its_kept_side_column(
    committed, client, editor, places, monkeypatch
):
    """A link shared on WhatsApp carries tracking parameters: a new page to
    keep, whose side column (related, latest, most read) is kept already."""
    story = make_article("Alun-alun penuh warga", region=places["blitar"], tags=["Budaya"])
    beside = make_article("Pasar malam dibuka", region=places["blitar"], tags=["Budaya"])
    made = []
    related_ids = selectors.related_ids
    monkeypatch.setattr(selectors, "related_ids", lambda a: made.append(a.pk) or related_ids(a))
    client.get(story.get_absolute_url())
    shared = story.get_absolute_url() + "?utm_source=whatsapp"
    assert "Pasar malam dibuka" in client.get(shared).content.decode()
    assert made == [story.pk]  # the side column was not made again
    with committed():  # changes a story the side column lists
        services.article_save(article=beside, by=editor, changes={"title": "Pasar sepi"})
    with later():
        html = client.get(shared).content.decode()
    assert "Pasar sepi" in html and "Pasar malam dibuka" not in html
    assert made == [story.pk, story.pk]


def test_public_pages_say_how_long_they_may_be_kept_and_what_they_show(client, story):
    response = client.get(story.get_absolute_url())
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=3600" in control and "max-age=60" in control
    assert "stale-while-revalidate" in control and "stale-if-error" in control
    keys = response["Surrogate-Key"].split()
    assert f"article-{story.pk}" in keys and f"region-{story.region_id}" in keys
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["ETag"] and response["Last-Modified"]


def test_an_unchanged_page_answers_304(client, story):
    first = client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = first["Last-Modified"]
    assert client.get(story.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=since).status_code == 304


def test_an_edit_of_a_live_story_shows_at_once_everywhere_it_is_listed(
    committed, client, editor, story
):
    pages = [story.get_absolute_url(), "/", "/wilayah/jawa-timur/", "/wilayah/blitar/", "/rss/"]
    for url in pages:
        client.get(url)
    with committed():
        services.article_save(article=story, by=editor, changes={"title": "Alun-alun sepi"})
    for url in pages:
        html = client.get(url).content.decode()
        assert "Alun-alun sepi" in html, url
        assert "Alun-alun penuh warga" not in html, url


def test_a_published_story_appears_on_every_page_that_lists_it(
    committed, client, editor, places, story
):
    pages = ["/", "/wilayah/jawa-timur/", "/tag/budaya/", story.get_absolute_url(), "/rss/"]
    for url in [*pages, "/sitemap-articles.xml"]:
        client.get(url)
    new = publish_new(
        committed, editor, "Pasar malam dibuka", region=places["blitar"], tags=["Budaya"]
    )
    for url in pages:
        assert "Pasar malam dibuka" in client.get(url).content.decode(), url
    assert new.get_absolute_url() in client.get("/sitemap-articles.xml").content.decode()


def test_a_story_taken_down_is_gone_at_once(committed, client, editor, story):
    client.get(story.get_absolute_url())
    client.get("/")
    with committed():
        services.article_act(article=story, by=editor, action="unpublish")
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Alun-alun penuh warga" not in client.get("/").content.decode()


def test_a_scheduled_story_appears_at_its_minute(committed, client, editor, places, story):
    at = (timezone.now() + timedelta(minutes=30)).replace(microsecond=0)
    draft = make_article("Festival kopi", status=Status.DRAFT, region=places["blitar"])
    with committed():
        services.article_act(article=draft, by=editor, action="schedule", publish_at=at)
    with time_machine.travel(at - timedelta(minutes=1), tick=False):
        home = client.get("/")
        assert "Festival kopi" not in home.content.decode()
        assert "s-maxage=60" in home["Cache-Control"]  # not kept past the go-live
        assert get(client, "/")[1] == 0  # still kept until then
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        assert "Festival kopi" in client.get("/").content.decode()


def test_saving_a_draft_purges_nothing(committed, client, story):
    reporter = make_reporter()
    draft = make_article("Draf", status=Status.DRAFT, author=reporter.author, by=reporter)
    with later():
        client.get("/")
        with committed():
            services.article_save(article=draft, by=reporter, changes={"title": "Draf baru"})
        assert get(client, "/")[1] == 0


def test_previews_and_the_admin_are_never_kept(client, editor, story):
    client.force_login(editor)
    preview = reverse("articles:preview", args=[story.pk])
    admin = reverse("admin:articles_article_change", args=[story.pk])
    for url in (preview, admin):
        client.get(url)
        response, queries = get(client, url)
        assert queries > 0, url
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        assert "Surrogate-Key" not in response


def test_a_region_renamed_in_the_admin_shows_at_once(committed, client, editor, story, places):
    client.get(story.get_absolute_url())
    client.force_login(editor)
    url = reverse("admin:articles_region_change", args=[places["blitar"].pk])
    data = {"name": "Kota Blitar", "slug": "blitar", "parent": places["jatim"].pk, "ordering": 0}
    with committed():
        assert client.post(url, data).status_code == 302
    client.logout()
    assert "Kota Blitar" in client.get(story.get_absolute_url()).content.decode()


def test_a_new_photo_caption_shows_at_once(committed, client, editor, places):
    photo = make_photo(caption="Keterangan lama")
    article = make_article("Berita berfoto", region=places["blitar"], lead_photo=photo)
    client.get(article.get_absolute_url())
    with committed():
        services.photo_update(
            photo=photo, by=editor, caption="Keterangan baru", credit="KJ/A", alt_text="Foto"
        )
    assert "Keterangan baru" in client.get(article.get_absolute_url()).content.decode()


def edited_midway(committed, editor, story, monkeypatch):
    """The story's next rendering commits an edit of its title halfway through."""
    original = selectors.latest_articles

    def change_midway(request, exclude=None):
        monkeypatch.setattr(selectors, "latest_articles", original)
        result = original(request, exclude)
        with committed():
            services.article_save(article=story, by=editor, changes={"title": "Judul baru"})
        return result

    monkeypatch.setattr(selectors, "latest_articles", change_midway)


def test_a_purge_during_rendering_is_not_lost(committed, client, editor, story, monkeypatch):
    """A page rendered while a change commits must not be kept as if it were fresh."""
    from articles import caching

    monkeypatch.setattr(caching, "CLOCK_SKEW", 0)  # only the order of events decides
    edited_midway(committed, editor, story, monkeypatch)
    client.get(story.get_absolute_url())  # renders the old title while the edit commits
    assert "Judul baru" in client.get(story.get_absolute_url()).content.decode()


def test_a_story_read_into_terpopuler_shows_there_at_once(client, places):
    stories = [make_article(f"Cerita {n}", region=places["blitar"]) for n in range(7)]
    for story in stories[:5]:
        client.post(f"/baca/{story.pk}/")
    home = client.get("/").content.decode()
    assert "Cerita 6" not in home[home.index("Terpopuler") :]
    for phone in ("Ponsel A", "Ponsel B"):
        client.post(f"/baca/{stories[6].pk}/", HTTP_USER_AGENT=phone)
    home = client.get("/").content.decode()
    assert "Cerita 6" in home[home.index("Terpopuler") :]


def test_with_a_task_queue_the_proxy_purge_is_queued_for_the_worker(
    committed, settings, editor, story
):
    """In production the purge is queued in the database; `manage.py db_worker` sends it."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.PURGE_URLS = ["http://127.0.0.1:9/"]
    with committed():
        services.article_save(article=story, by=editor, changes={"title": "Judul antre"})
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.status) == ("articles.purges.purge_proxies", "READY")
    assert f"article-{story.pk}" in queued.args_kwargs["args"][0]


def test_a_change_elsewhere_leaves_a_kept_page_kept(committed, client, editor, story):
    """Purges are exact: editing a Blitar story does not re-render Gresik's page."""
    gresik = make_region("Gresik", slug="gresik")
    make_article("Pasar Gresik ramai", region=gresik)
    client.get("/wilayah/gresik/")
    with later():
        with committed():
            services.article_save(article=story, by=editor, changes={"title": "Judul lain"})
        response, queries = get(client, "/wilayah/gresik/")
    assert queries == 0
    assert "Pasar Gresik ramai" in response.content.decode()


def test_pages_are_kept_again_once_a_scheduled_story_has_gone_live(
    committed, client, editor, places
):
    at = (timezone.now() + timedelta(minutes=5)).replace(microsecond=0)
    draft = make_article("Festival teh", status=Status.DRAFT, region=places["blitar"])
    with committed():
        services.article_act(article=draft, by=editor, action="schedule", publish_at=at)
    client.get("/")  # learns the go-live time
    with time_machine.travel(at + timedelta(minutes=1), tick=False):
        assert "Festival teh" in client.get("/").content.decode()
        assert "s-maxage=3600" in client.get("/")["Cache-Control"]
        assert get(client, "/")[1] == 0


def test_tracking_parameters_and_unknown_ones_share_the_kept_page(client, story):
    """A link shared with ?utm_source=… or ?fbclid=… is the page itself, from the same entry."""
    first, _queries = get(client, "/?utm_source=wa&fbclid=abc")
    assert "utm_source" not in first.content.decode()  # not even in pagination links
    for url in ["/", "/?utm_source=x1", "/?UTM_MEDIUM=y&gclid=z", "/?anything=else"]:
        response, queries = get(client, url)
        assert (response.status_code, queries) == (200, 0), url
        assert response.content == first.content


def test_a_page_rendered_for_unknown_parameters_is_not_kept(client, story):
    get(client, "/?x=1")
    _response, queries = get(client, "/")
    assert queries > 0


def test_a_kept_page_is_refused_to_a_host_not_allowed(client, story, settings):
    settings.ALLOWED_HOSTS = ["kabarjatim.id"]
    assert client.get("/", HTTP_HOST="kabarjatim.id").status_code == 200
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_a_port_in_the_host_never_reaches_another_readers_page(client, story, settings):
    settings.ALLOWED_HOSTS = ["kabarjatim.id"]
    client.get("/", HTTP_HOST="kabarjatim.id:1337")
    html = client.get("/", HTTP_HOST="kabarjatim.id").content.decode()
    assert ":1337" not in html


def test_head_is_served_from_the_kept_page(client, story):
    get(client, story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = client.head(story.get_absolute_url())
    assert (response.status_code, len(queries)) == (200, 0)


def test_a_page_listing_many_things_names_them_in_a_short_header_and_is_still_purged(
    committed, client, editor, story, monkeypatch
):
    from articles import caching

    monkeypatch.setattr(caching, "HEADER_MAX_BYTES", 60)
    response = client.get(story.get_absolute_url())
    header = response["Surrogate-Key"]
    assert len(header) <= 60 or " " not in header
    assert any(key in header.split() for key in ("tag", "article", "region", "author"))
    tag = story.tags.get()
    tag.name = "Budaya Jawa"
    with committed(), later():
        services.catalogue_save(instance=tag, by=editor)
    with later(10):
        assert "Budaya Jawa" in client.get(story.get_absolute_url()).content.decode()


def test_a_render_that_raced_a_purge_is_sent_out_no_store(
    committed, client, editor, story, monkeypatch
):
    """Neither Varnish nor a CDN may keep what was rendered before a change."""
    from articles import caching

    monkeypatch.setattr(caching, "CLOCK_SKEW", 0)
    edited_midway(committed, editor, story, monkeypatch)
    response = client.get(story.get_absolute_url())
    assert "no-store" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]


def test_a_purge_the_cache_cannot_take_leaves_every_kept_page_behind(
    committed, client, editor, story, monkeypatch
):
    from django.core.cache import cache

    from articles import caching
    from articles.models import CacheGeneration

    get(client, story.get_absolute_url())
    before = CacheGeneration.objects.get().number
    monkeypatch.setattr(cache, "set_many", lambda data, timeout=None: list(data))  # Redis away
    with committed():
        services.article_save(article=story, by=editor, changes={"title": "Judul baru"})
    monkeypatch.undo()
    assert CacheGeneration.objects.get().number == before + 1
    assert caching.generation() == before + 1
    assert "Judul baru" in client.get(story.get_absolute_url()).content.decode()
