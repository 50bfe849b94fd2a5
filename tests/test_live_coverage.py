"""Live coverage: editors add timestamped entries; readers see them newest first."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services, workflow
from articles.dates import WIB, iso
from articles.models import Article, LiveEntry
from tests.factories import article_form_data, make_article, make_reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article("Langsung: Banjir di Kademangan", kind=Article.Kind.LIVE)


def add(story, by, text, *, minutes_ago=0, headline=""):
    return services.live_entry_save(
        entry=LiveEntry(
            article=story,
            at=timezone.now() - timedelta(minutes=minutes_ago),
            headline=headline,
            text=text,
        ),
        by=by,
    )


def json_ld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))["@graph"][0]


def test_entries_show_newest_first_with_the_last_update_time(client, editor, story):
    add(story, editor, "Air mulai naik di Desa Plumpungrejo.", minutes_ago=60)
    add(story, editor, "BPBD mencatat 312 rumah terendam.", minutes_ago=5, headline="312 rumah")
    # Written late for an earlier moment: it goes where its time puts it.
    add(story, editor, "Jalan provinsi ditutup sejak pagi.", minutes_ago=30)
    html = client.get(story.get_absolute_url()).content.decode()
    first, second, third = (
        html.index(text)
        for text in ("312 rumah terendam", "Jalan provinsi ditutup", "Air mulai naik")
    )
    assert first < second < third
    assert "Terakhir diperbarui" in html
    assert 'class="label-live"' in html


def test_json_ld_is_a_live_blog_posting_with_its_updates(client, editor, story):
    before = json_ld(client.get(story.get_absolute_url()).content.decode())["dateModified"]
    add(story, editor, "Pengungsi dipindahkan ke balai desa.", headline="Pengungsian")
    data = json_ld(client.get(story.get_absolute_url()).content.decode())
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == iso(story.published_at)  # to the second, in WIB
    [update] = data["liveBlogUpdate"]
    assert update["headline"] == "Pengungsian"
    assert update["articleBody"] == "Pengungsi dipindahkan ke balai desa."
    assert update["url"].endswith(f"#pembaruan-{LiveEntry.objects.get().pk}")
    assert data["dateModified"] > before


def test_the_page_fetches_only_entries_added_since_its_newest(client, editor, story):
    old = add(story, editor, "Entri pertama.", minutes_ago=10)
    new = add(story, editor, "Entri kedua.")
    url = reverse("articles:live_updates", args=[story.slug])
    data = client.get(url, {"setelah": old.pk}).json()
    assert [entry["id"] for entry in data["entries"]] == [new.pk]
    assert "Entri kedua." in data["entries"][0]["html"]
    assert data["running"] is True
    assert client.get(url, {"setelah": new.pk}).json()["entries"] == []
    assert client.get(url, {"setelah": "x"}).status_code == 200  # no id: everything


def test_a_kept_page_and_its_updates_show_a_new_entry_at_once(
    client, editor, story, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    url = reverse("articles:live_updates", args=[story.slug])
    client.get(story.get_absolute_url())
    assert client.get(url, {"setelah": 0}).json()["entries"] == []
    with django_capture_on_commit_callbacks(execute=True):
        add(story, editor, "Dapur umum dibuka.")
    assert "Dapur umum dibuka." in client.get(story.get_absolute_url()).content.decode()
    assert len(client.get(url, {"setelah": 0}).json()["entries"]) == 1


def test_an_ended_coverage_stops_asking_for_entries(client, editor, story):
    add(story, editor, "Air sudah surut.")
    services.article_save(
        article=story,
        by=editor,
        base_revision=Article.objects.get(pk=story.pk).revision,
        changes={"live_until": timezone.now() + timedelta(seconds=1)},
    )
    Article.objects.filter(pk=story.pk).update(live_until=timezone.now() - timedelta(minutes=1))
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Air sudah surut." in html  # still there to read
    assert "data-live-url" not in html and "live.js" not in html
    url = reverse("articles:live_updates", args=[story.slug])
    assert client.get(url).json()["running"] is False


def test_only_editors_write_entries_and_only_on_live_stories(editor, story):
    with pytest.raises(workflow.NotAllowed):
        add(story, make_reporter(), "Dari wartawan.")
    with pytest.raises(workflow.Refused, match="bukan liputan langsung"):
        add(make_article("Berita biasa"), editor, "Salah tempat.")
    with pytest.raises(workflow.Refused, match="Tulis isi"):
        add(story, editor, "   ")
    with pytest.raises(workflow.Refused, match="masa mendatang"):
        add(story, editor, "Dari masa depan.", minutes_ago=-60)
    assert not LiveEntry.objects.exists()


def test_an_editor_adds_edits_and_removes_entries_in_the_admin(client, editor, story):
    client.force_login(editor)
    add_url = reverse("admin:articles_liveentry_add")
    form = {"article": story.pk, "at_0": "", "at_1": "", "headline": "", "text": ""}
    refused = client.post(add_url, {**form, "headline": "Posko dibuka"})
    assert refused.status_code == 200
    assert "Posko dibuka" in refused.content.decode()  # what was typed stays
    date_input = re.search(r'<input[^>]*name="at_0"[^>]*>', client.get(add_url).content.decode())
    assert "value=" not in date_input.group(0)  # blank: "now" by default
    response = client.post(add_url, {**form, "text": "Posko dibuka di balai desa."})
    assert response.status_code == 302
    assert response["Location"] == f"{add_url}?article={story.pk}"  # ready for the next
    entry = LiveEntry.objects.get()
    assert entry.by == editor
    assert abs(entry.at - timezone.now()) < timedelta(minutes=1)  # saved, not opened
    earlier = timezone.localtime(timezone.now() - timedelta(hours=2))
    form.update(at_0=earlier.strftime("%Y-%m-%d"), at_1=earlier.strftime("%H:%M:%S"))
    change = reverse("admin:articles_liveentry_change", args=[entry.pk])
    client.post(change, {**form, "text": "Posko dipindah ke masjid."})
    assert LiveEntry.objects.get().text == "Posko dipindah ke masjid."
    client.post(reverse("admin:articles_liveentry_delete", args=[entry.pk]), {"post": "yes"})
    assert not LiveEntry.objects.exists()
    assert client.get(add_url).status_code == 200
    client.force_login(make_reporter())
    assert client.get(add_url).status_code == 403


def test_the_page_asks_for_entries_after_the_newest_written_not_the_newest_in_time(
    client, editor, story
):
    add(story, editor, "Entri jam tujuh.", minutes_ago=5)
    late = add(story, editor, "Ditulis belakangan untuk jam enam.", minutes_ago=60)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'data-live-last="{late.pk}"' in html  # so the late one is not fetched twice


def test_an_entry_stays_with_its_story(editor, story):
    entry = add(story, editor, "Entri.")
    other = make_article("Langsung: Pilkada", kind=Article.Kind.LIVE)
    entry.article = other
    with pytest.raises(workflow.Refused, match="tidak dapat dipindah"):
        services.live_entry_save(entry=entry, by=editor)


def test_a_live_coverage_end_caps_how_long_its_page_is_kept(
    client, editor, story, settings, django_capture_on_commit_callbacks
):
    import time_machine

    settings.PAGE_CACHE_SECONDS = 3600
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(
            article=story,
            by=editor,
            base_revision=Article.objects.get(pk=story.pk).revision,
            changes={"live_until": timezone.now() + timedelta(minutes=10)},
        )
    assert 'class="label-live"' in client.get(story.get_absolute_url()).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        html = client.get(story.get_absolute_url()).content.decode()
    assert 'class="label-live"' not in html


def test_a_photo_in_an_entry_is_kept_and_its_changes_show_at_once(
    client, editor, story, settings, django_capture_on_commit_callbacks
):
    from articles.management.commands.clean_orphan_photos import Command
    from articles.models import Photo
    from tests.factories import make_photo

    settings.PAGE_CACHE_SECONDS = 3600
    photo = make_photo(caption="Tanggul jebol.")
    with django_capture_on_commit_callbacks(execute=True):
        services.live_entry_save(
            entry=LiveEntry(article=story, text="Tanggul jebol.", photo=photo), by=editor
        )
    Photo.objects.filter(pk=photo.pk).update(created_at=timezone.now() - timedelta(days=2))
    Command().handle(hours=24, days=7)
    assert Photo.objects.filter(pk=photo.pk).exists()  # not an abandoned upload
    assert "Tanggul jebol." in client.get(story.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_update(
            photo=photo,
            by=editor,
            caption="Tanggul di Desa Plosorejo jebol.",
            credit="KJ/Fauzi",
            alt_text="",
        )
    assert "Desa Plosorejo" in client.get(story.get_absolute_url()).content.decode()


def test_bad_addresses_to_the_entry_form_get_the_form(client, editor, story):
    client.force_login(editor)
    add_url = reverse("admin:articles_liveentry_add")
    assert client.get(add_url, {"article": story.pk, "at": "zzz"}).status_code == 200


def test_an_entry_dated_year_one_is_refused_beside_its_time_and_pages_keep_working(
    client, editor, story
):
    """Before, it was saved, and the story, the home page and the form answered 500."""
    client.force_login(editor)
    add_url = reverse("admin:articles_liveentry_add")
    form = {"article": story.pk, "at_0": "0001-01-01", "at_1": "00:00", "text": "Posko dibuka."}
    response = client.post(add_url, {**form, "headline": ""})
    assert response.status_code == 200
    assert "antara tahun 2000 dan 2100" in response.context["adminform"].form.errors["at"][0]
    html = response.content.decode()
    assert 'value="0001-01-01"' in html and "Posko dibuka." in html
    assert not LiveEntry.objects.exists()
    with pytest.raises(workflow.Refused, match="2000 dan 2100"):
        services.live_entry_save(
            entry=LiveEntry(article=story, at=datetime(1, 1, 1, tzinfo=WIB), text="x"), by=editor
        )
    for url in [story.get_absolute_url(), "/"]:
        assert client.get(url).status_code == 200


def test_live_coverage_ending_in_year_one_is_refused_beside_its_field(client, editor, story):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = article_form_data(story, live_until_0="0001-01-01", live_until_1="00:00")
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "antara tahun 2000 dan 2100" in response.context["adminform"].form.errors["live_until"][0]
    )
    assert 'value="0001-01-01"' in response.content.decode()
    assert Article.objects.get(pk=story.pk).live_until is None
    with pytest.raises(workflow.Refused, match="2000 dan 2100"):
        services.article_save(
            article=story, by=editor, changes={"live_until": datetime(2101, 1, 1, tzinfo=WIB)}
        )
    assert client.get(url).status_code == 200
