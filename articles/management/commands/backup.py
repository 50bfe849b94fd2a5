"""Back up the database and the media together: `python manage.py backup`.

Writes one dated archive, `newsroom-backup-<YYYYmmdd-HHMMSS>.tar.gz`, holding
`data.json` (every row, from Django's dumpdata, so it restores into
PostgreSQL or SQLite alike), `media/` (every stored file: photos and their
renditions, from the filesystem or the object storage) and, last,
`manifest.json`: the format marker and the size and SHA-256 of every other
member, so `manage.py restore` can tell a whole backup from a truncated,
damaged or foreign file before it changes anything.

The archive is written under a hidden `.part` name and renamed only once it
is complete and on disk, so a backup that fails half-way never leaves a file
that looks like a backup.
"""

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.services.storage import stored_files

# What `restore` looks for in manifest.json. Archives made before the
# manifest existed are format 1 (data.json and media/ only).
FORMAT = "newsroom-backup"
VERSION = 2
MANIFEST = "manifest.json"
DATA = "data.json"

# Rebuilt by migrate, or not worth keeping (sessions, login attempts, queued tasks).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "django_tasks_database",
    # The page cache's generation belongs to the running site, not to its
    # content: a restore must not move it back (articles.caching).
    "articles.cachegeneration",
]


class Command(BaseCommand):
    help = "Write the database and the media files into one dated .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=".", help="Folder for the archive.")

    def handle(self, *args, output, **options):
        now = timezone.now()
        stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
        path = Path(output) / f"newsroom-backup-{stamp}.tar.gz"
        partial = path.with_name(f".{path.name}.part")
        data = io.StringIO()
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=True,
            stdout=data,
        )
        members = []
        try:
            with open(partial, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz") as archive:
                    members.append(_add(archive, DATA, data.getvalue().encode(), now))
                    for name in stored_files():
                        with default_storage.open(name) as stored:
                            members.append(_add(archive, f"media/{name}", stored.read(), now))
                    manifest = {
                        "format": FORMAT,
                        "version": VERSION,
                        "created": now.isoformat(),
                        "members": members,
                    }
                    _add(archive, MANIFEST, json.dumps(manifest, indent=1).encode(), now)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        self.stdout.write(
            self.style.SUCCESS(f"{path}: the database and {len(members) - 1} media files.")
        )


def _add(archive, name, content, now):
    """Add one member; answer its manifest entry."""
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(now.timestamp())
    archive.addfile(info, io.BytesIO(content))
    return {"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
