"""(Re)build every photo's renditions: `python manage.py build_renditions`.

Run it after changing `articles.photos.SPECS`. tqdm draws the progress bar.
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles import services, workflow
from articles.models import Photo


class Command(BaseCommand):
    help = "Rebuild the thumbnail, card, article and social renditions of every photo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Only photos that have no renditions yet."
        )

    def handle(self, *args, missing=False, **options):
        queryset = Photo.objects.order_by("pk")
        if missing:
            queryset = queryset.filter(renditions={})
        failed = 0
        for photo in tqdm(
            queryset.iterator(), total=queryset.count(), unit="foto", file=self.stderr
        ):
            try:
                services.photo_rebuild(photo=photo)
            except workflow.Refused as error:  # a missing or unreadable original
                failed += 1
                self.stderr.write(f"Photo {photo.pk}: {error}")
        self.stdout.write(self.style.SUCCESS(f"Renditions built; {failed} failed."))
