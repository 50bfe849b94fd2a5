"""(Re)build photos' renditions: `python manage.py build_renditions [--missing]`.

After a new size is added to `articles.photos.SPECS`, `--missing` renders
only the sizes each photo lacks, keeping the files pages already point at;
without it, every size of every photo is rendered again (after changing
an existing size). tqdm draws the progress bar.
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles import services, workflow
from articles.models import Photo


class Command(BaseCommand):
    help = "Rebuild the thumbnail, card, article and social renditions of every photo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Only the sizes each photo lacks."
        )

    def handle(self, *args, missing=False, **options):
        queryset = Photo.objects.order_by("pk")
        build = services.photo_complete_renditions if missing else services.photo_rebuild
        failed = 0
        for photo in tqdm(
            queryset.iterator(), total=queryset.count(), unit="foto", file=self.stderr
        ):
            try:
                build(photo=photo)
            except workflow.Refused as error:  # a missing or unreadable original
                failed += 1
                self.stderr.write(f"Photo {photo.pk}: {error}")
        self.stdout.write(self.style.SUCCESS(f"Renditions built; {failed} failed."))
