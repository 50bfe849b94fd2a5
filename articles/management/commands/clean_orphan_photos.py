"""Remove abandoned uploads: `python manage.py clean_orphan_photos`.

A photo uploaded in the editor and never kept in a story (the tab closed,
the image deleted again) stays in the library. After `--hours` (24) a photo
no story shows, as its lead, in its text, in a kept version or in an
autosave copy, is removed with its files (services.photo_delete).
Run it daily (docs/deploy.md): it looks at the uploads of the last
`--days` (7) only, so each night checks a day's worth of photos a week
long, not the whole library.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles import services, workflow
from articles.models import Photo


class Command(BaseCommand):
    help = "Delete photos no story has used for a day (abandoned uploads)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="Minimum age of a photo.")
        parser.add_argument("--days", type=int, default=7, help="Uploads this far back.")

    def handle(self, *args, hours=24, days=7, **options):
        cutoff = timezone.now() - timedelta(hours=hours)
        candidates = Photo.objects.filter(
            created_at__lt=cutoff,
            created_at__gte=cutoff - timedelta(days=days),
            articles__isnull=True,  # no story's lead: the rest is checked under lock
            live_entries__isnull=True,
        )
        removed = 0
        for photo in candidates.iterator():
            try:
                services.photo_delete(photo=photo)
                removed += 1
            except workflow.Refused:  # in a story's text, version or autosave
                continue
        self.stdout.write(self.style.SUCCESS(f"{removed} unused photos removed."))
