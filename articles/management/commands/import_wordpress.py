"""Move a WordPress site in: `python manage.py import_wordpress EXPORT.xml
--media wp-content/uploads`. See README "Moving in from WordPress".

Reads the WXR file WordPress's Tools → Export writes (streamed, so a big
site's export fits), brings posts, pages, authors, categories (as regions),
tags and photos in through the services, and makes every old address
answer a 301. Running it again updates what changed and writes nothing
else. Exits with status 1 when anything was skipped; the report says what.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles import services
from articles.wordpress.importer import Importer

IMPORTER = "impor-wordpress"


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR): posts, pages, photos, authors, regions, tags, old links."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the XML file WordPress's Tools → Export wrote")
        parser.add_argument(
            "--media", metavar="DIR", help="a copy of the site's wp-content/uploads folder"
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
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")

    def handle(self, *args, **options):
        region_map = {}
        for pair in options["region_map"]:
            category, sep, region = pair.partition("=")
            if not sep or not category or not region:
                raise CommandError(f"--region-map wants CATEGORY=REGION, not {pair!r}")
            region_map[category.strip()] = region.strip()
        quiet = options["verbosity"] == 0

        def progress(items, total):
            return tqdm(items, total=total, unit=" item", disable=quiet, file=self.stderr)

        importer = Importer(
            options["export"],
            by=services.command_account(IMPORTER, first_name="Impor WordPress"),
            media_dir=options["media"],
            region_map=region_map,
            fallback_region=options["fallback_region"],
            default_credit=options["default_credit"],
            dry_run=options["dry_run"],
            progress=progress,
        )
        report = importer.run()
        importer.finish_redirects()
        self._print(report, dry_run=options["dry_run"])
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
