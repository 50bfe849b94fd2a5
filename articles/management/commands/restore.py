"""Restore a backup into an empty install: `python manage.py restore ARCHIVE`.

First the whole archive is read and checked, before anything is changed
(not even migrate runs): it must be gzip to its last byte (gzip's own CRC
and length), a tar archive that starts with `data.json`, and hold exactly
the members its `manifest.json` lists, each with the size and SHA-256 the
manifest gives. A truncated, damaged, foreign or manifest-less file is
refused with one line and exit status 1 (CommandError).

Only then: migrate, refuse a database that already has articles (a live
newsroom is never overwritten by mistake), load every row in one
transaction and, still inside it, put the media files back. If a file
cannot be written, the rows roll back and the files this restore wrote are
removed, so a restore either happens whole or not at all.

The cache is cleared only when asked (`--clear-cache`): a scratch restore
run with the live site's environment must not flush the live site's Redis,
while a restore of the live site itself must drop the pages kept from
before (see docs/deploy.md, *Backups*).
"""

import gzip
import hashlib
import json
import tarfile
import tempfile
import zlib
from contextlib import nullcontext
from pathlib import Path

from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article

from .backup import DATA, FORMAT, MANIFEST, VERSION

CHUNK = 1024 * 1024
UNCHANGED = "Nothing was changed."


class Command(BaseCommand):
    help = "Check a backup made by `manage.py backup`, then load it into an empty install."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the archive against its manifest; change nothing.",
        )
        parser.add_argument(
            "--clear-cache",
            action="store_true",
            help="Clear the cache named by CACHE_URL afterwards (a Redis FLUSHDB). "
            "Needed when restoring the live site; never for a scratch restore "
            "that shares the live site's Redis.",
        )
        parser.add_argument(
            "--allow-no-manifest",
            action="store_true",
            help="Accept an archive made before backups carried a manifest. The gzip "
            "checksum of the whole file is still checked, each member's is not.",
        )

    def handle(self, *args, archive, check, clear_cache, allow_no_manifest, **options):
        if not Path(archive).is_file():
            raise CommandError(f"{archive}: no such file. {UNCHANGED}")
        if check:  # the checksums need no copies of the files
            unpacked = unpack(archive, None, allow_no_manifest=allow_no_manifest)
            self._report_unchecked(archive, unpacked)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{archive}: a whole newsroom backup, data.json and "
                    f"{len(unpacked.media)} media files, every checksum matches."
                )
            )
            return
        with tempfile.TemporaryDirectory(prefix="newsroom-restore-") as folder:
            unpacked = unpack(archive, Path(folder), allow_no_manifest=allow_no_manifest)
            self._report_unchecked(archive, unpacked)
            call_command("migrate", verbosity=0, interactive=False)
            if Article.objects.exists():
                raise CommandError(
                    "This site already has articles. Restore into an empty database; "
                    "no row or file was restored."
                )
            written, kept = load(archive, unpacked)
        summary = (
            f"Restored {Article.objects.count()} articles and {written + kept} media files"
            + (f" ({kept} already in the storage, identical)." if kept else ".")
        )
        if clear_cache:
            try:
                cache.clear()
            except Exception as error:
                raise CommandError(
                    f"{summary} But the cache could not be cleared ({one_line(error)}): "
                    "clear it before readers are served pages from before the restore."
                ) from error
            self.stdout.write(self.style.SUCCESS(f"{summary} The cache was cleared."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{summary} The cache was left alone "
                    "(restoring the live site? run with --clear-cache)."
                )
            )

    def _report_unchecked(self, archive, unpacked):
        if unpacked.manifest is None:
            self.stderr.write(
                f"{archive} has no manifest (made before backups carried one): "
                "only its gzip checksum was checked."
            )


class Unpacked:
    """A checked archive in a temporary folder: the rows and the media files."""

    def __init__(self, data, media, digests, manifest):
        self.data = data  # path of data.json
        self.media = media  # [(storage name, path of its copy)], in archive order
        self.digests = digests  # storage name -> SHA-256
        self.manifest = manifest  # None for an archive made before the manifest


def unpack(archive, folder, *, allow_no_manifest):
    """Read ARCHIVE to its end into FOLDER (None: only check) and check it whole;
    answer an Unpacked.

    Every refusal is a CommandError of one line that names what is wrong.
    Nothing outside FOLDER is touched.
    """
    with open(archive, "rb") as raw:
        if raw.read(2) != b"\x1f\x8b":
            raise CommandError(f"{archive} is not a newsroom backup (not a gzip file). {UNCHANGED}")
        raw.seek(0)
        found = {}  # member name -> (size, sha256, path of its copy)
        manifest_bytes = None
        try:
            with (
                gzip.GzipFile(fileobj=raw, mode="rb") as stream,
                _open_tar(archive, stream) as tar,
            ):
                for index, member in enumerate(tar):
                    _check_member(archive, index, member, found)
                    source = tar.extractfile(member)
                    if member.name == MANIFEST:
                        manifest_bytes = source.read()
                        continue
                    copy = folder and folder / (DATA if member.name == DATA else str(index))
                    found[member.name] = (*_copy(source, copy, folder), copy)
                # A tar archive ends with two empty blocks, before gzip's end:
                # read on to the end, where gzip checks its CRC and length.
                while stream.read(CHUNK):
                    pass
        except EOFError as error:
            raise CommandError(
                f"{archive} is damaged: it ends early (truncated, e.g. a copy that did not "
                f"finish). {UNCHANGED}"
            ) from error
        except gzip.BadGzipFile as error:
            raise CommandError(
                f"{archive} is damaged: its gzip data fails its own check ({one_line(error)}). "
                f"{UNCHANGED}"
            ) from error
        except (zlib.error, tarfile.TarError) as error:
            raise CommandError(
                f"{archive} is damaged: its data cannot be unpacked ({one_line(error)}). "
                f"{UNCHANGED}"
            ) from error
        except OSError as error:
            raise CommandError(
                f"{archive} could not be read ({one_line(error)}). {UNCHANGED}"
            ) from error

    if manifest_bytes is None:
        if not allow_no_manifest:
            raise CommandError(
                f"{archive} has no {MANIFEST}: it was made before backups carried one, or it is "
                "incomplete, so its files cannot be checked. To restore an old backup anyway, "
                f"run again with --allow-no-manifest. {UNCHANGED}"
            )
        manifest = None
    else:
        manifest = _read_manifest(archive, manifest_bytes)
        _compare(archive, manifest, found)
    media = [
        (name.removeprefix("media/"), path)
        for name, (_size, _digest, path) in found.items()
        if name != DATA
    ]
    digests = {name.removeprefix("media/"): digest for name, (_size, digest, _) in found.items()}
    return Unpacked(found[DATA][2], media, digests, manifest)


def _open_tar(archive, stream):
    try:
        return tarfile.open(fileobj=stream, mode="r|")
    except tarfile.ReadError as error:
        if isinstance(error.__context__, zlib.error):  # damaged, not foreign
            raise
        raise CommandError(
            f"{archive} is not a newsroom backup (a gzip file but no tar archive inside). "
            f"{UNCHANGED}"
        ) from error


def _check_member(archive, index, member, found):
    """Refuse, as soon as it shows, anything a backup never holds."""
    if index == 0 and member.name != DATA:
        raise CommandError(
            f"{archive} is not a newsroom backup (it starts with {member.name!r}, not "
            f"{DATA}). {UNCHANGED}"
        )
    parts = member.name.split("/")
    safe = member.name in (DATA, MANIFEST) or (
        len(parts) > 1 and parts[0] == "media" and all(p not in ("", ".", "..") for p in parts)
    )
    if not member.isfile() or not safe:
        raise CommandError(
            f"{archive} is damaged or not a newsroom backup (it holds {member.name!r}, "
            f"which a backup never does). {UNCHANGED}"
        )
    if member.name in found:
        raise CommandError(f"{archive} is damaged (it holds {member.name!r} twice). {UNCHANGED}")


def _copy(source, path, folder):
    """Copy a member out of the archive (to PATH, unless None); answer its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    with open(path, "wb") if path else nullcontext() as copy:
        while chunk := source.read(CHUNK):
            try:
                if copy:
                    copy.write(chunk)
            except OSError as error:  # the temporary folder, not the archive
                raise CommandError(
                    f"Could not unpack the archive into {folder} ({one_line(error)}); set TMPDIR "
                    f"to a folder with room for it. {UNCHANGED}"
                ) from error
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _read_manifest(archive, content):
    try:
        manifest = json.loads(content)
        members = manifest["members"]
        format_, version = manifest["format"], manifest["version"]
    except (ValueError, TypeError, KeyError) as error:
        raise CommandError(
            f"{archive} is damaged (its {MANIFEST} cannot be read: {one_line(error)}). {UNCHANGED}"
        ) from error
    if format_ != FORMAT:
        raise CommandError(
            f"{archive} is not a newsroom backup (its {MANIFEST} says {format_!r}). {UNCHANGED}"
        )
    if version != VERSION:
        raise CommandError(
            f"{archive} is backup format {version!r}; this install reads format {VERSION}. "
            f"Restore it with the version of the newsroom that made it. {UNCHANGED}"
        )
    return {m["name"]: m for m in members}


def _compare(archive, manifest, found):
    missing = [name for name in manifest if name not in found]
    if missing:
        raise CommandError(
            f"{archive} is damaged: {len(missing)} member(s) its manifest lists are missing "
            f"(first: {missing[0]}). {UNCHANGED}"
        )
    extra = [name for name in found if name not in manifest]
    if extra:
        raise CommandError(
            f"{archive} is damaged: {len(extra)} member(s) are not in its manifest "
            f"(first: {extra[0]}). {UNCHANGED}"
        )
    for name, (size, digest, _path) in found.items():
        if (size, digest) != (manifest[name].get("size"), manifest[name].get("sha256")):
            raise CommandError(
                f"{archive} is damaged: {name} does not match its checksum in the manifest. "
                f"{UNCHANGED}"
            )


def load(archive, unpacked):
    """Load the rows, then the files, all or nothing; answer (files written, files kept).

    A file already in the storage with the same content is kept as it is
    (a restore over a surviving media folder touches nothing there).
    """
    written = []
    replaced = kept = 0
    phase, current = "rows", None
    try:
        with transaction.atomic():
            call_command("loaddata", str(unpacked.data), verbosity=0)
            phase = "files"
            for name, path in unpacked.media:
                current = name
                if default_storage.exists(name):
                    if _stored_digest(name) == unpacked.digests[name]:
                        kept += 1
                        continue
                    default_storage.delete(name)
                    replaced += 1
                written.append(name)
                with open(path, "rb") as content:
                    saved = default_storage.save(name, File(content, name=name))
                if saved != name:
                    raise OSError(f"the storage saved it as {saved}")
            phase = "commit"
    except Exception as error:
        if phase == "rows":
            raise CommandError(
                f"Could not load the rows of {archive} ({one_line(error)}). Nothing was "
                "restored: the database was rolled back."
            ) from error
        removed = _remove(written)
        what = f"media file {current}" if phase == "files" else "the restore"
        raise CommandError(
            f"Could not write {what} ({one_line(error)}). Nothing was restored: the rows "
            f"were rolled back and {removed} of the {len(written)} file(s) this restore "
            "wrote removed"
            + (
                f"; {replaced} file(s) already in the storage had been replaced by the "
                "archive's copies."
                if replaced
                else "."
            )
        ) from error
    return len(written), kept


def _stored_digest(name):
    digest = hashlib.sha256()
    with default_storage.open(name) as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _remove(names):
    removed = 0
    for name in names:
        try:
            default_storage.delete(name)
            removed += 1
        except Exception:  # the storage is failing already; the count says so
            pass
    return removed


def one_line(error):
    return " ".join(str(error).split()) or type(error).__name__
