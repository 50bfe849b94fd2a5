"""A backup holds the database and the media together, and restores into an empty install.

A restore checks the whole archive against its manifest first: a truncated,
damaged, foreign or manifest-less file is refused with one line, changing
nothing. The cache is cleared only when asked.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from taggit.models import Tag

from articles.models import Article, Author, Photo, Region
from tests.factories import make_article, make_editor, make_photo

pytestmark = pytest.mark.django_db


def bodies_checksum():
    digest = hashlib.sha256()
    for title, body in Article.objects.order_by("pk").values_list("title", "body"):
        digest.update(f"{title}\n{body}\n".encode())
    return digest.hexdigest()


def test_a_backup_restores_rows_text_photos_and_pages(client, tmp_path):
    editor = make_editor("redaktur")
    photo = make_photo(caption="Banjir merendam sawah")
    story = make_article("Banjir di Blitar", lead_photo=photo, tags=["banjir"])
    make_article("Draf belum terbit", status=Article.Status.DRAFT, author=editor.author)
    counts = {m: m.objects.count() for m in (Article, Photo, Region, Author, Tag)}
    checksum = bodies_checksum()
    files = sorted(p.relative_to(settings.MEDIA_ROOT) for p in settings.MEDIA_ROOT.rglob("*.*"))
    assert files

    call_command("backup", output=str(tmp_path))
    (archive,) = tmp_path.glob("newsroom-backup-*.tar.gz")

    # An empty install: no rows, no media.
    for model in (Article, Photo, Region, Author, Tag):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)

    call_command("restore", str(archive))

    assert {m: m.objects.count() for m in counts} == counts
    assert bodies_checksum() == checksum
    restored = sorted(p.relative_to(settings.MEDIA_ROOT) for p in settings.MEDIA_ROOT.rglob("*.*"))
    assert restored == files
    html = client.get(Article.objects.get(pk=story.pk).get_absolute_url()).content.decode()
    assert "Banjir di Blitar" in html and "Banjir merendam sawah" in html
    assert get_user_model().objects.get(username="redaktur").groups.filter(name="Pemimpin Redaksi")


def test_restore_refuses_a_site_that_has_articles(tmp_path):
    make_article("Sudah ada")
    call_command("backup", output=str(tmp_path))
    (archive,) = tmp_path.glob("newsroom-backup-*.tar.gz")
    with pytest.raises(CommandError, match="already has articles"):
        call_command("restore", str(archive))


def media_files():
    if not settings.MEDIA_ROOT.exists():
        return []
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def empty_install():
    for model in (Article, Photo, Region, Author, Tag):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def archive(tmp_path):
    """A fresh backup of a story with a photo, taken from an install then emptied."""
    make_article("Banjir di Blitar", lead_photo=make_photo(caption="Banjir"), tags=["banjir"])
    make_article("Jembatan putus", lead_photo=make_photo(caption="Jembatan"))
    call_command("backup", output=str(tmp_path))
    (path,) = tmp_path.glob("newsroom-backup-*.tar.gz")
    empty_install()
    return path


def rewritten(path, change):
    """The archive's members, passed through change(name, content) -> content or None
    (dropped), written again as a well-formed tar.gz: damage gzip cannot see."""
    out = io.BytesIO()
    with tarfile.open(path, "r:gz") as old, tarfile.open(fileobj=out, mode="w:gz") as new:
        for member in old.getmembers():
            content = change(member.name, old.extractfile(member).read())
            if content is not None:
                info = tarfile.TarInfo(member.name)
                info.size = len(content)
                new.addfile(info, io.BytesIO(content))
    return out.getvalue()


def first_photo(name):
    return name.startswith("media/") and name.endswith(".jpg")


def truncated(path):
    data = path.read_bytes()
    return data[: len(data) // 2]


def flipped_at_60_percent(path):
    data = bytearray(path.read_bytes())
    start = len(data) * 6 // 10
    for i in range(start, start + 16):
        data[i] ^= 0xFF
    return bytes(data)


def not_gzip(path):
    return b"INSERT INTO articles VALUES (1, 'Banjir');\n" * 100


def foreign_tar_gz(path):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        content = b"Laporan keuangan"
        info = tarfile.TarInfo("laporan/keuangan.txt")
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    return out.getvalue()


def one_photo_changed(path):
    seen = []

    def change(name, content):
        if first_photo(name) and not seen:
            seen.append(name)
            return content[:-10] + b"0123456789"
        return content

    return rewritten(path, change)


def one_photo_missing(path):
    seen = []

    def change(name, content):
        if first_photo(name) and not seen:
            seen.append(name)
            return None
        return content

    return rewritten(path, change)


BAD_ARCHIVES = {
    truncated: "ends early (truncated",
    flipped_at_60_percent: "is damaged",
    not_gzip: "is not a newsroom backup (not a gzip file)",
    foreign_tar_gz: "is not a newsroom backup (it starts with 'laporan/keuangan.txt'",
    one_photo_changed: "does not match its checksum in the manifest",
    one_photo_missing: "member(s) its manifest lists are missing",
}


@pytest.mark.parametrize("damage", BAD_ARCHIVES, ids=lambda damage: damage.__name__)
def test_a_bad_archive_is_refused_with_one_line_and_restores_nothing(archive, damage):
    archive.write_bytes(damage(archive))

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))

    message = str(refused.value)
    assert "\n" not in message
    assert BAD_ARCHIVES[damage] in message and message.endswith("Nothing was changed.")
    assert Article.objects.count() == 0 and Photo.objects.count() == 0
    assert media_files() == []


@pytest.mark.parametrize(
    "damage", [truncated, not_gzip, foreign_tar_gz], ids=lambda damage: damage.__name__
)
def test_the_operator_sees_one_line_and_exit_status_1_not_a_traceback(archive, tmp_path, damage):
    """Run as the operator runs it; the database it names is not even migrated."""
    archive.write_bytes(damage(archive))
    database = tmp_path / "restored.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
        "CACHE_URL": "dummy://",
    }

    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("CommandError: ")
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not database.exists() or database.stat().st_size == 0  # SQLite made no table
    assert not (tmp_path / "restored-media").exists()


def test_a_backup_records_every_member_in_its_manifest(archive):
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[0] == "data.json" and names[-1] == "manifest.json"
    assert (manifest["format"], manifest["version"]) == ("newsroom-backup", 2)
    assert [m["name"] for m in manifest["members"]] == names[:-1]
    assert all(len(m["sha256"]) == 64 and m["size"] > 0 for m in manifest["members"])


def test_check_verifies_an_archive_and_changes_nothing(archive):
    out = io.StringIO()
    call_command("restore", str(archive), check=True, stdout=out)
    assert "every checksum matches" in out.getvalue()
    assert Article.objects.count() == 0 and media_files() == []


def test_an_archive_from_before_the_manifest_needs_allow_no_manifest(archive):
    archive.write_bytes(rewritten(archive, lambda n, c: None if n == "manifest.json" else c))

    with pytest.raises(CommandError, match="run again with --allow-no-manifest") as refused:
        call_command("restore", str(archive))
    assert "\n" not in str(refused.value) and Article.objects.count() == 0

    err = io.StringIO()
    call_command("restore", str(archive), allow_no_manifest=True, stderr=err, stdout=io.StringIO())
    assert "only its gzip checksum was checked" in err.getvalue()
    assert Article.objects.count() == 2 and media_files()


def test_an_old_archive_with_flipped_bytes_is_refused_even_with_allow_no_manifest(archive):
    archive.write_bytes(rewritten(archive, lambda n, c: None if n == "manifest.json" else c))
    archive.write_bytes(flipped_at_60_percent(archive))
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", str(archive), allow_no_manifest=True)
    assert Article.objects.count() == 0 and media_files() == []


def test_restore_leaves_the_cache_alone_unless_told(archive):
    cache.set("kept-page", "<html>halaman lama</html>")
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert cache.get("kept-page") == "<html>halaman lama</html>"
    assert "The cache was left alone (restoring the live site? run with --clear-cache)" in (
        out.getvalue()
    )


def test_restore_with_clear_cache_drops_the_kept_pages(archive):
    cache.set("kept-page", "<html>halaman lama</html>")
    out = io.StringIO()
    call_command("restore", str(archive), clear_cache=True, stdout=out)
    assert cache.get("kept-page") is None
    assert "Restored 2 articles" in out.getvalue() and "The cache was cleared." in out.getvalue()


def test_a_file_that_cannot_be_written_rolls_the_whole_restore_back(archive, monkeypatch):
    save = FileSystemStorage._save
    calls = []

    def disk_full_on_the_third_file(self, name, content):
        calls.append(name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full_on_the_third_file)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))

    message = str(refused.value)
    assert "\n" not in message and "No space left on device" in message
    assert "Nothing was restored: the rows were rolled back and 3 of the 3 file(s)" in message
    assert Article.objects.count() == 0 and media_files() == []


def test_a_backup_that_fails_leaves_no_file_that_looks_like_one(tmp_path, monkeypatch):
    make_article("Banjir di Blitar", lead_photo=make_photo(caption="Banjir"))

    def unreadable(self, name, mode="rb"):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(FileSystemStorage, "_open", unreadable)

    output = tmp_path / "backups"
    output.mkdir()
    with pytest.raises(OSError):
        call_command("backup", output=str(output))
    assert list(output.iterdir()) == []
