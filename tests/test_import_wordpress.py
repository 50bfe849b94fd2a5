"""Moving in from WordPress: the export WordPress 6.1 itself wrote
(tests/data/wordpress, made by make_export.sh) comes in whole, its old
links answer 301s, a second run writes nothing, and a broken export is
reported line by line without losing what came before."""

import io
import os
import re
import shutil
import signal
import threading
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles import photos
from articles.models import Article, Author, ImportedItem, Page, Photo, Redirect, Region
from tests.factories import make_editor, make_photo, make_region

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "wordpress"
EXPORT = DATA / "export.xml"
UPLOADS = DATA / "uploads"


def run_import(export=EXPORT, *args, media=UPLOADS):
    """Run the command; return (report text, whether it ended non-zero)."""
    out = io.StringIO()
    failed = False
    try:
        call_command(
            "import_wordpress", str(export), "--media", str(media), *args, stdout=out, verbosity=0
        )
    except CommandError:
        failed = True
    return out.getvalue(), failed


@pytest.fixture
def imported():
    make_region("Nasional", slug="nasional")
    report, failed = run_import()
    return report, failed


def story(title_start):
    return Article.objects.get(title__startswith=title_start)


def test_every_post_page_author_region_and_tag_comes_in(imported):
    report, failed = imported
    assert failed  # the private and the trashed post were skipped, and said so
    assert "post 31" in report and "private" in report
    assert "post 33" in report and "trash" in report
    statuses = dict(Article.objects.values_list("title", "status"))
    assert len(statuses) == 9
    assert statuses["Harga Cabai di Pasar Gresik Naik Jelang Natal"] == Article.Status.DRAFT
    assert statuses["Jalan Rusak di Kabupaten Blitar Dikeluhkan Warga"] == Article.Status.REVIEW
    flood = story("Banjir Rendam Ratusan Rumah")
    assert flood.region.slug == "blitar" and flood.region.parent.slug == "jawa-timur"
    assert flood.author.name == "Lestari Wulandari" and flood.author.initials == "Les"
    assert flood.published_at == datetime(2023, 11, 12, 1, 30, tzinfo=UTC)
    assert flood.summary.startswith("Hujan deras sejak Sabtu malam")
    # "Banjir" and "banjir" are one tag here, matched case-insensitively.
    bridge = story("Jembatan Penghubung")
    assert [t.name for t in flood.tags.all()] == ["Banjir"]
    assert "Banjir" in [t.name for t in bridge.tags.all()]
    assert story("Pengumuman: Redaksi Libur").region.slug == "nasional"  # uncategorised
    assert Page.objects.get(slug="tentang-kami").title == "Tentang Kami"
    assert "comments not imported: 3" in report


def test_photos_come_with_captions_credits_and_alt_text(client, imported):
    flood = story("Banjir Rendam Ratusan Rumah")
    photo = flood.lead_photo
    assert photo.credit == "SP/Rahmat"
    assert photo.caption.startswith("Warga menerobos banjir") and "SP/Rahmat" not in photo.caption
    assert photo.alt_text.startswith("Warga berjalan di jalan desa")
    page = client.get(flood.get_absolute_url()).content.decode()
    assert "Warga menerobos banjir" in page and "SP/Rahmat" in page
    bridge = story("Jembatan Penghubung")
    assert bridge.body.count('<figure class="image">') == 2
    assert Photo.objects.filter(credit="SP/Budi").exists()
    # A photo whose caption names no credit gets the default one, reported.
    assert Photo.objects.filter(credit="Dok. redaksi").exists()
    assert "photos given the default credit" in imported[0]


def test_bodies_lose_wordpress_markup_and_keep_embeds_as_facades(client, imported):
    debate = story("Debat Capres")
    assert "<!-- wp:" not in debate.body
    page = client.get(debate.get_absolute_url()).content.decode()
    assert "youtube" in page.lower() and "<iframe" not in page  # a facade, no player yet
    rite = story("Warga Blitar Gelar Larung")
    assert rite.body.count('<figure class="media">') >= 3  # bare URL, [embed], Instagram
    report = imported[0]
    assert "shortcode [gallery] kept as text: 1" in report
    assert "shortcode [contact-form-7] kept as text: 1" in report
    assert "cdn.example.net" in report  # a hot-linked image, left out and said so


def test_the_scheduled_post_goes_live_at_its_time(client, imported):
    results = story("Hasil Rekapitulasi Suara")
    assert results.status == Article.Status.PUBLISHED
    assert client.get(results.get_absolute_url()).status_code == 404
    with time_machine.travel(datetime(2030, 2, 14, 3, 1, tzinfo=UTC)):
        assert client.get(results.get_absolute_url()).status_code == 200


def test_every_old_address_answers_one_301(client, imported):
    flood = story("Banjir Rendam Ratusan Rumah")
    blitar = Region.objects.get(slug="blitar")
    lestari = Author.objects.get(name="Lestari Wulandari")
    about = Page.objects.get(slug="tentang-kami")
    expected = {
        "/2023/11/12/banjir-rendam-ratusan-rumah-di-blitar/": flood.get_absolute_url(),
        "/banjir-rendam-ratusan-rumah-di-blitar/": flood.get_absolute_url(),
        "/?p=4": flood.get_absolute_url(),
        "/?p=4&utm_source=wa": flood.get_absolute_url(),
        "/tentang-kami/": about.get_absolute_url(),
        "/?page_id=35": about.get_absolute_url(),
        "/category/blitar/": blitar.get_absolute_url(),
        "/category/jawa-timur/blitar/": blitar.get_absolute_url(),
        "/tag/banjir-2/": "/tag/banjir/",
        "/author/lestari-wulandari/": lestari.get_absolute_url(),
        "/author/lestari/": lestari.get_absolute_url(),
        "/feed/": "/rss/",
    }
    for old, new in expected.items():
        answer = client.get(old)
        assert (answer.status_code, answer["Location"]) == (301, new), old
        assert "public" in answer["Cache-Control"]
        assert client.get(new).status_code == 200, new
    assert client.get("/?p=999999").status_code == 200  # the home page, as before


def test_a_second_run_writes_nothing_and_says_so(imported):
    counts = (Article.objects.count(), Photo.objects.count(), Redirect.objects.count())
    report, _failed = run_import()
    assert "Nothing changed since the last import" in report
    assert (Article.objects.count(), Photo.objects.count(), Redirect.objects.count()) == counts


def test_a_changed_post_is_updated_not_duplicated(tmp_path, imported):
    changed = tmp_path / "export.xml"
    text = EXPORT.read_text().replace(
        "Banjir Rendam Ratusan Rumah di Blitar]]", "Banjir Rendam 500 Rumah di Blitar]]"
    )
    changed.write_text(text)
    run_import(changed)
    assert Article.objects.filter(title="Banjir Rendam 500 Rumah di Blitar").count() == 1
    assert not Article.objects.filter(title="Banjir Rendam Ratusan Rumah di Blitar").exists()
    assert Article.objects.count() == 9


def test_a_dry_run_reports_and_writes_nothing():
    report, failed = run_import(EXPORT, "--dry-run")
    assert "Dry run" in report and "posts to import: 9" in report
    assert failed  # the private and trashed posts would be skipped
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert not Redirect.objects.exists() and not ImportedItem.objects.exists()


def test_a_truncated_export_keeps_what_came_before_and_says_where_it_broke(tmp_path):
    text = EXPORT.read_text()
    cut = tmp_path / "export.xml"
    cut.write_text(text[: text.index("<title><![CDATA[Galeri Foto")])
    report, failed = run_import(cut)
    assert failed and "not well-formed" in report and "line" in report
    assert Article.objects.filter(title__startswith="Banjir Rendam").exists()
    assert not Article.objects.filter(title__startswith="Galeri Foto").exists()


def test_an_unknown_wxr_version_is_refused_before_anything_is_written(tmp_path):
    other = tmp_path / "export.xml"
    other.write_text(EXPORT.read_text().replace("<wp:wxr_version>1.2<", "<wp:wxr_version>9.9<"))
    report, failed = run_import(other)
    assert failed and "9.9" in report
    assert not Article.objects.exists()


def test_a_missing_photo_file_and_a_huge_post_are_reported_and_the_rest_comes_in(tmp_path):
    media = tmp_path / "uploads"
    shutil.copytree(UPLOADS, media)
    (media / "2023" / "11" / "banjir-sutojayan.jpg").unlink()
    huge = tmp_path / "export.xml"
    filler = "<p>" + "kata " * 2_200_000 + "</p>"  # about 11 MB
    huge.write_text(
        EXPORT.read_text().replace("Kantor redaksi tutup", filler + "Kantor redaksi tutup", 1)
    )
    report, failed = run_import(huge, media=media)
    assert failed
    assert "photo file missing: 2023/11/banjir-sutojayan.jpg" in report
    assert story("Banjir Rendam Ratusan Rumah").lead_photo is None
    assert (
        "post 23" in report and not Article.objects.filter(title__startswith="Pengumuman").exists()
    )
    assert Article.objects.count() == 8


def test_editors_see_and_add_redirects_in_the_admin(client):
    editor = make_editor("redaktur")
    client.force_login(editor)
    add = reverse("admin:articles_redirect_add")
    answer = client.post(
        add, {"old_path": "https://lama.example/2019/01/01/kabar/", "new_path": "/rss/"}
    )
    assert answer.status_code == 302
    assert Redirect.objects.get().old_path == "/2019/01/01/kabar/"
    client.logout()
    moved = client.get("/2019/01/01/kabar/")
    assert (moved.status_code, moved["Location"]) == (301, "/rss/")
    assert (
        client.get(reverse("admin:articles_redirect_changelist")).status_code == 302
    )  # signed out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker commits
@pytest.mark.usefixtures("migrated_data_restored")  # for the modules after this one
def test_with_a_task_queue_photos_show_their_clean_original_until_the_worker_makes_the_sizes(
    client, settings
):
    """A big import leaves the photos' sizes to the queue: the story shows
    the cleaned original meanwhile, the report says how many wait, and the
    worker's sizes replace it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    make_region("Nasional", slug="nasional")
    report, _failed = run_import()
    assert "photo sizes: 5 of 5 photos still waiting in the task queue" in report
    bridge = story("Jembatan Penghubung")
    in_body = [p for p in Photo.objects.all() if f"/renditions/{p.key}/" in bridge.body]
    assert len(in_body) == 2
    stand_ins = [photo.renditions["article"][0]["jpeg"] for photo in in_body]
    page = client.get(bridge.get_absolute_url()).content.decode()
    for name in stand_ins:
        assert default_storage.exists(name) and default_storage.url(name) in page
    assert "image/webp" not in page  # no size made yet: no WebP offered

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert "photo sizes: all 5 made." in run_import()[0]
    page = client.get(bridge.get_absolute_url()).content.decode()
    for photo, stand_in in zip(in_body, stand_ins, strict=True):
        photo.refresh_from_db()
        made = photo.renditions["article"]
        assert len(made) >= 2 and all(entry["webp"] for entry in made)  # the full set
        assert default_storage.url(made[1]["jpeg"]) in page
        assert not default_storage.exists(stand_in)  # the stand-in went once replaced
    assert "image/webp" in page


@pytest.fixture
def old_site():
    """The old site's uploads served over HTTP on 127.0.0.1 (never the internet)."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(UPLOADS)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/wp-content/uploads"
    server.shutdown()
    server.server_close()


def test_photos_can_be_read_from_the_old_site_by_url(old_site, tmp_path):
    # The server serves UPLOADS at its root; the address names the uploads folder.
    base = old_site.removesuffix("/wp-content/uploads")
    make_region("Nasional", slug="nasional")
    out = io.StringIO()
    with pytest.raises(CommandError):  # the private and trashed posts are skipped
        call_command("import_wordpress", str(EXPORT), "--media-url", base, stdout=out, verbosity=0)
    report = out.getvalue()
    assert "photos: 5" in report
    assert story("Banjir Rendam Ratusan Rumah").lead_photo.credit == "SP/Rahmat"
    assert story("Jembatan Penghubung").body.count('<figure class="image">') == 2


def test_a_photo_the_old_site_does_not_have_is_reported_by_its_address(old_site, tmp_path):
    base = old_site.removesuffix("/wp-content/uploads")
    make_region("Nasional", slug="nasional")
    missing = tmp_path / "export.xml"
    missing.write_text(EXPORT.read_text().replace("banjir-sutojayan.jpg", "tidak-ada.jpg"))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_wordpress", str(missing), "--media-url", base, stdout=out, verbosity=0)
    assert "HTTP 404" in out.getvalue() and "tidak-ada.jpg" in out.getvalue()
    assert story("Banjir Rendam Ratusan Rumah").lead_photo is None  # the story still came


def test_a_media_url_must_be_a_web_address():
    with pytest.raises(CommandError, match="http"):
        call_command("import_wordpress", str(EXPORT), "--media-url", "/srv/uploads")


def test_create_logins_gives_each_author_a_reporters_login_without_a_password():
    make_region("Nasional", slug="nasional")
    run_import(EXPORT, "--create-logins")
    lestari = Author.objects.get(name="Lestari Wulandari")
    login = lestari.user
    assert login.username == "lestari" and login.is_staff and not login.has_usable_password()
    assert [g.name for g in login.groups.all()] == ["Wartawan"]
    assert (login.first_name, login.last_name) == ("Lestari", "Wulandari")
    run_import(EXPORT, "--create-logins")  # again: nothing new
    assert get_user_model().objects.filter(username="lestari").count() == 1


def test_without_create_logins_authors_get_no_login(imported):
    assert Author.objects.get(name="Lestari Wulandari").user is None
    assert not get_user_model().objects.filter(username="lestari").exists()


def test_a_refused_post_does_not_take_its_authors_later_posts_with_it(tmp_path):
    """Post 7 is Ahmad Fauzi's first and names Gresik first: refused, it
    takes the author and region it made with it, and his later posts make
    them again."""
    make_region("Nasional", slug="nasional")
    huge = tmp_path / "export.xml"
    filler = "<p>" + "kata " * 2_200_000 + "</p>"  # about 11 MB
    text = EXPORT.read_text()
    at = text.index("<wp:post_id>7</wp:post_id>")
    start = text.rindex("<content:encoded><![CDATA[", 0, at) + len("<content:encoded><![CDATA[")
    huge.write_text(text[:start] + filler + text[start:])
    report, failed = run_import(huge)
    assert failed and "post 7" in report
    later = Article.objects.filter(author__name="Ahmad Fauzi")
    assert later.count() == 3  # 16, 23 and 27 came in
    assert story("Harga Cabai di Pasar Gresik").region.slug == "gresik"
    # Post 7's three photos were written before its body was refused: gone with it.
    assert stray_photo_files() == []


def stray_photo_files():
    """Files in the media folder that no photo row names."""
    root = Path(settings.MEDIA_ROOT)
    keys = set(Photo.objects.values_list("key", flat=True))
    originals = set(Photo.objects.values_list("image", flat=True))
    stray = []
    for path in root.rglob("*"):
        name = path.relative_to(root).as_posix()
        if path.is_file() and name.startswith("renditions/"):
            if name.split("/")[1] not in keys:
                stray.append(name)
        elif path.is_file() and name.startswith("photos/") and name not in originals:
            stray.append(name)
    return stray


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("migrated_data_restored")
def test_wait_follows_the_queue_until_every_photos_sizes_are_made(settings, monkeypatch):
    """`--wait` keeps counting while the worker runs, and says when all are made."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    make_region("Nasional", slug="nasional")
    polls = []

    def worker_runs_meanwhile(seconds):
        polls.append(seconds)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    monkeypatch.setattr("articles.management.commands.import_wordpress.time.sleep",
                        worker_runs_meanwhile)  # fmt: skip
    report, _failed = run_import(EXPORT, "--wait")
    assert len(polls) == 1
    assert re.search(r"photo sizes: all 5 made at \w+, .* \d\d:\d\d WIB", report)
    assert all(not photos.missing(p.renditions) for p in Photo.objects.all())


def test_an_imports_photos_wait_behind_the_newsrooms_own_uploads_newest_first(settings, tmp_path):
    """Thousands of archive photos in the queue must not hold up the photo a
    reporter uploads meanwhile; among them the newest stories' come first."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    make_region("Nasional", slug="nasional")
    later = tmp_path / "export.xml"  # the photo gallery (post 18) moved to 2025
    later.write_text(EXPORT.read_text().replace("2023-11-15 09:20:00", "2025-06-15 09:20:00"))
    run_import(later)
    fresh = make_photo()
    queue = [
        int(task.args_kwargs["args"][0])
        for task in DBTaskResult.objects.ready().filter(task_path__endswith="complete_renditions")
    ]
    assert queue[0] == fresh.pk and len(queue) == 6
    flood = story("Banjir Rendam Ratusan Rumah").lead_photo  # November 2023
    gallery = story("Galeri Foto").lead_photo  # June 2025
    assert queue.index(gallery.pk) < queue.index(flood.pk)


def test_photo_workers_killed_midway_leave_no_photo_behind():
    """The kernel's out-of-memory killer takes the photo workers: the photos
    are then prepared in the importer itself, and all of them come in."""
    from articles.wordpress.prefetch import Prefetch

    files = sorted(UPLOADS.rglob("*.jpg"))
    prefetch = Prefetch([(n, path) for n, path in enumerate(files)], workers=2)
    try:
        first, _why = prefetch.take(0, files[0])
        assert first is not None
        for process in list(prefetch.pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
        taken = [prefetch.take(n, path) for n, path in enumerate(files) if n]
    finally:
        prefetch.close()
    assert all(prepared is not None and why is None for prepared, why in taken)
    assert prefetch.pool is None  # the rest was prepared here


def test_an_old_site_that_never_answers_costs_a_photo_not_the_import(monkeypatch):
    """--media-url against a frozen old site: what a photo worker runs gives
    up after its timeout and says why, which the importer reports like a 404
    while the story comes in without the photo."""
    import socket

    from articles.wordpress import prefetch

    frozen = socket.socket()  # accepts connections, never answers
    frozen.bind(("127.0.0.1", 0))
    frozen.listen()
    monkeypatch.setattr(prefetch, "FETCH_TIMEOUT", 0.5)
    try:
        url = f"http://127.0.0.1:{frozen.getsockname()[1]}/wp-content/uploads/2023/11/a.jpg"
        prepared, why = prefetch.prepare(url)
    finally:
        frozen.close()
    assert prepared is None and "timed out" in why
