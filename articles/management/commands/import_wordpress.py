"""Move a WordPress site in: `python manage.py import_wordpress EXPORT.xml
--media wp-content/uploads`. See README "Moving in from WordPress".

Reads the WXR file WordPress's Tools → Export writes (streamed, so a big
site's export fits), brings posts, pages, authors, categories (as regions),
tags and photos in through the services, and makes every old address
answer a 301. Running it again updates what changed and writes nothing
else. Exits with status 1 when anything was skipped; the report says what.
"""

import time
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from articles import dates, services
from articles.wordpress.importer import Importer, photo_sizes_waiting

IMPORTER = "impor-wordpress"
POLL_SECONDS = 2  # --wait: how often the photos' sizes are counted


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR): posts, pages, photos, authors, regions, tags, old links."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the XML file WordPress's Tools → Export wrote")
        media = parser.add_mutually_exclusive_group()
        media.add_argument(
            "--media", metavar="DIR", help="a copy of the site's wp-content/uploads folder"
        )
        media.add_argument(
            "--media-url",
            metavar="BASE",
            help="read photos from the old site instead, e.g. https://old.example/wp-content/uploads",
        )
        parser.add_argument(
            "--region-map",
            action="append",
            default=[],
            metavar="CATEGORY=REGION",
            help="file a category's posts under an existing region (repeatable)",
        )
        parser.add_argument(
            "--fallback-region",
            default="nasional",
            help="the region of posts without a category (made if missing)",
        )
        parser.add_argument(
            "--default-credit",
            default="Dok. redaksi",
            help="the credit of photos whose caption names none",
        )
        parser.add_argument(
            "--create-logins",
            action="store_true",
            help="give each author a reporter's login (no password: they use 'Lupa kata sandi')",
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="after the import, wait until the task queue has made every photo's sizes",
        )
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")

    def handle(self, *args, **options):
        region_map = {}
        for pair in options["region_map"]:
            category, sep, region = pair.partition("=")
            if not sep or not category or not region:
                raise CommandError(f"--region-map wants CATEGORY=REGION, not {pair!r}")
            region_map[category.strip()] = region.strip()
        media_url = options["media_url"]
        if media_url and urlsplit(media_url).scheme not in ("http", "https"):
            raise CommandError(f"--media-url wants an http(s) address, not {media_url!r}")
        quiet = options["verbosity"] == 0

        def progress(items, total):
            return tqdm(items, total=total, unit=" item", disable=quiet, file=self.stderr)

        importer = Importer(
            options["export"],
            by=services.command_account(IMPORTER, first_name="Impor WordPress"),
            media_dir=options["media"],
            media_url=media_url,
            create_logins=options["create_logins"],
            region_map=region_map,
            fallback_region=options["fallback_region"],
            default_credit=options["default_credit"],
            dry_run=options["dry_run"],
            progress=progress,
        )
        report = importer.run()
        importer.finish_redirects()
        self._print(report, dry_run=options["dry_run"])
        if not options["dry_run"]:
            self._photo_sizes(wait=options["wait"], quiet=quiet)
        if report.skipped:
            raise CommandError(f"{report.skipped} item(s) skipped: see the report above.")

    def _print(self, report, *, dry_run):
        title = "Dry run: nothing was written." if dry_run else "WordPress import report"
        self.stdout.write(self.style.MIGRATE_HEADING(title))
        for name, count in sorted(report.counts.items()):
            if name != "written":
                self.stdout.write(f"  {name}: {count}")
        if not dry_run and not report.counts["written"]:
            self.stdout.write("  Nothing changed since the last import: nothing written.")
        for name, count in sorted(report.shortcodes.items()):
            self.stdout.write(f"  shortcode [{name}] kept as text: {count}")
        for line in report.problems:
            self.stdout.write(self.style.WARNING(f"  ! {line}"))

    def _photo_sizes(self, *, wait, quiet):
        """Say how many photos' sizes the task queue has still to make, and
        with `wait`, follow it until none is left."""
        waiting, total = photo_sizes_waiting()
        if waiting and wait:
            with tqdm(total=total, initial=total - waiting, unit=" photo", disable=quiet,
                      file=self.stderr, desc="photo sizes") as bar:  # fmt: skip
                while waiting:
                    time.sleep(POLL_SECONDS)
                    left, total = photo_sizes_waiting()
                    bar.update(waiting - left)
                    waiting = left
            self.stdout.write(f"  photo sizes: all {total} made at {dates.wib(timezone.now())}.")
        elif waiting:
            self.stdout.write(
                f"  photo sizes: {waiting} of {total} photos still waiting in the task queue "
                "(`manage.py db_worker` makes them; until then the clean original stands in). "
                "Run the command again with --wait to follow them."
            )
        elif total:
            self.stdout.write(f"  photo sizes: all {total} made.")
