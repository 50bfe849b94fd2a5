"""No public page reads a big table without an index, however big the archive.

A small generated archive (the same generator as the benchmarks, a few
thousand stories with thousands of tags and reads spread across them) is
enough when sequential scans are priced out: a scan that stays in a plan
is one no index can replace, and on a real archive it reads every row.
bench/query_plans.py runs the same check on a full-size archive as it is.
"""

import pytest
from django.core.management import call_command

from tests.plans import public_urls, scans

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
]


@pytest.fixture
def archive(settings):
    settings.DEBUG = True  # the archivist's login, as on a development machine
    call_command("generate_archive", stories=STORIES, tags=2000, photos=0, verbosity=0)


STORIES = 6000
# The most rows of one big table a page's query may read, whatever the
# archive's size: a listing's capped count (100 pages of 20), a sitemap
# block's tags (two probes each), with room.
MOST_ROWS = 4000


def test_every_public_page_reads_the_archive_through_indexes(archive):
    found = scans(public_urls(), forced=True, most=MOST_ROWS)
    report = "\n".join(
        f"{url}: {rows} rows of {table}\n    {sql[:400]}"
        for url, hits in found.items()
        for table, rows, sql in hits
    )
    assert not found, f"queries that read the archive, not an index's few rows:\n{report}"
