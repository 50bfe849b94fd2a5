"""Which public pages read a big table without an index: every query a page
runs, asked of PostgreSQL's planner with `EXPLAIN`.

Used by tests/test_query_plans.py on a small generated archive (with
sequential scans priced out, so a scan left in a plan means no index can
serve the query) and by bench/query_plans.py on a full-size one as it is.
"""

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# A search reads every story its words match, through the full-text index:
# only its scans count against it.
SEARCH = "/cari/"

# The tables that grow with the archive.
BIG_TABLES = {"articles_article", "articles_taggedarticle", "articles_articleread", "taggit_tag"}


def public_urls():
    """One of each kind of public page, feed and sitemap section, chosen from
    the archive: its biggest and one of its smallest tags, a live story, a
    corrected one, the deepest pages of the sitemaps."""
    from django.db.models import Count
    from taggit.models import Tag

    from articles.models import Article, Author, Region
    from articles.sitemaps import SITEMAPS

    published = Article.objects.published()
    story = published.first()
    tags = Tag.objects.annotate(n=Count("articles_taggedarticle_items")).filter(n__gt=0)
    big, small = tags.order_by("-n", "pk").first(), tags.order_by("n", "pk").first()
    region = Region.objects.filter(parent__isnull=True, children__isnull=False).first()
    urls = [
        "/",
        "/?page=3",
        f"/berita/{story.slug}/",
        f"/en/berita/{story.slug}/",
        f"/wilayah/{region.slug}/",
        f"/wilayah/{region.slug}/?page=2",
        f"/tag/{big.slug}/",
        f"/tag/{small.slug}/",
        f"/penulis/{Author.objects.first().slug}/",
        "/cari/?q=warga",
        "/ralat/",
        "/rss/",
        f"/wilayah/{region.slug}/rss/",
        f"/tag/{big.slug}/rss/",
        "/sitemap.xml",
        "/sitemap-news.xml",
    ]
    live = published.filter(kind=Article.Kind.LIVE).first()
    corrected = published.filter(correction_count__gt=0).first()
    if live is not None:
        urls += [f"/berita/{live.slug}/", f"/berita/{live.slug}/pembaruan/"]
    if corrected is not None:
        urls.append(f"/berita/{corrected.slug}/")
    for section, sitemap in SITEMAPS.items():
        pages = sitemap().paginator.num_pages
        urls += [f"/sitemap-{section}.xml", f"/sitemap-{section}.xml?p={pages}"]
    return urls


def scans(urls, *, forced, most=None):
    """{url: [(table, rows, SQL)]}: what each url's queries read of the big
    tables. A sequential scan is always listed (`forced` prices them out
    first); with `most`, so is any table a query reads more than `most`
    rows of (index scans that walk the whole archive, filtering as they go)."""
    client, found = Client(), {}
    for url in urls:
        with CaptureQueriesContext(connection) as run:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        for query in run.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            for table, rows, seq in _reads(sql, forced=forced):
                # Unforced, a scan that stops after a few rows is the planner's fair choice.
                if (seq and (forced or most is None or rows > most)) or (
                    most is not None and rows > most and not url.startswith(SEARCH)
                ):
                    found.setdefault(url, []).append((table, rows, sql))
    return found


def _reads(sql, *, forced):
    """[(table, rows read, sequential?)] for each big table the query reads."""
    with connection.cursor() as cursor:
        if forced:
            cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
        finally:
            if forced:
                cursor.execute("RESET enable_seqscan")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    reads = {}
    for node in _nodes(plan[0]["Plan"]):
        table = node.get("Relation Name")
        if table not in BIG_TABLES:
            continue
        loops = node.get("Actual Loops", 1)
        rows = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops
        before, seq = reads.get(table, (0, False))
        reads[table] = (before + rows, seq or node["Node Type"] == "Seq Scan")
    return [(table, rows, seq) for table, (rows, seq) in reads.items()]


def _nodes(node):
    yield node
    for child in node.get("Plans", ()):
        yield from _nodes(child)
