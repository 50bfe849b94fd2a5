"""Restore a backup into an empty install: `python manage.py restore ARCHIVE`.

Migrates the database, loads every row of the archive's `data.json` in one
transaction, and puts its media files back into the storage. Refuses to
run over a site that already has articles, so a live newsroom is never
overwritten by mistake.
"""

import tarfile
import tempfile
from pathlib import Path

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article


class Command(BaseCommand):
    help = "Load a backup made by `manage.py backup` into an empty install."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        if not Path(archive).is_file():
            raise CommandError(f"{archive}: no such file.")
        call_command("migrate", verbosity=0, interactive=False)
        if Article.objects.exists():
            raise CommandError("This site already has articles. Restore into an empty database.")
        with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as folder:
            data = tar.extractfile("data.json")
            if data is None:
                raise CommandError(f"{archive} is no newsroom backup (no data.json).")
            fixture = Path(folder) / "data.json"
            fixture.write_bytes(data.read())
            with transaction.atomic():
                call_command("loaddata", str(fixture), verbosity=0)
            files = 0
            for member in tar.getmembers():
                if member.isfile() and member.name.startswith("media/"):
                    name = member.name.removeprefix("media/")
                    if default_storage.exists(name):
                        default_storage.delete(name)
                    default_storage.save(name, ContentFile(tar.extractfile(member).read()))
                    files += 1
        cache.clear()  # no page kept from before the restore
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {Article.objects.count()} articles and {files} media files."
            )
        )
