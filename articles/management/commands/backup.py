"""Back up the database and the media together: `python manage.py backup`.

Writes one dated archive, `newsroom-backup-<YYYYmmdd-HHMMSS>.tar.gz`, holding
`data.json` (every row, from Django's dumpdata, so it restores into
PostgreSQL or SQLite alike) and `media/` (every stored file: photos and
their renditions, from the filesystem or the object storage). Restore it
with `manage.py restore`.
"""

import io
import tarfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rebuilt by migrate, or not worth keeping (sessions, login attempts, queued tasks).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "django_tasks_database",
]


def stored_files(folder=""):
    """Every file path in the media storage, walking folders."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet: no media folder
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in folders:
        yield from stored_files(f"{folder}/{name}" if folder else name)


class Command(BaseCommand):
    help = "Write the database and the media files into one dated .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=".", help="Folder for the archive.")

    def handle(self, *args, output, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(output) / f"newsroom-backup-{stamp}.tar.gz"
        data = io.StringIO()
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=True,
            stdout=data,
        )
        files = 0
        with tarfile.open(path, "w:gz") as archive:
            _add(archive, "data.json", data.getvalue().encode())
            for name in stored_files():
                with default_storage.open(name) as stored:
                    _add(archive, f"media/{name}", stored.read())
                files += 1
        self.stdout.write(self.style.SUCCESS(f"{path}: the database and {files} media files."))


def _add(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))
