"""Paging through an archive of years of stories without reading all of it.

Django's Paginator counts every row of the list and reaches page N with
OFFSET, which reads every row before it. Both grow with the archive; the
paginators here do not.
"""

from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `MAX_PAGES` pages of stories (the public listings).

    Counting every published story costs a full scan (about 100 ms at
    100,000 stories) on every listing page. Readers page back a few pages
    at most; older stories are found through search and the sitemaps.
    """

    MAX_PAGES = 100

    @cached_property
    def count(self):
        # Unordered: any N rows count the same, and need no sort to find.
        return self.object_list.order_by()[: self.MAX_PAGES * self.per_page].count()


class MonthPaginator(Paginator):
    """Pages of stories by month, newest first: page 1 is this month (WIB),
    page N the month N - 1 before it, back to the oldest story's.

    The number of pages comes from the oldest publish time alone (one index
    probe), and a page is one range of the publish-time index: neither
    counts the archive nor skips through it, however many years it holds.
    A month of a daily (a few thousand stories) fits one sitemap file.
    """

    def __init__(self, object_list):
        super().__init__(object_list, per_page=1, allow_empty_first_page=True)

    @cached_property
    def count(self):
        oldest = self.object_list.aggregate(oldest=Min("published_at"))["oldest"]
        if oldest is None:
            return 0
        now, oldest = timezone.localtime(), timezone.localtime(oldest)
        return (now.year - oldest.year) * 12 + now.month - oldest.month + 1

    def page(self, number):
        number = self.validate_number(number)
        start, end = _month(number - 1), _month(number - 2)
        rows = self.object_list.filter(published_at__gte=start)
        rows = list(rows.filter(published_at__lt=end) if end else rows)
        return self._get_page(rows, number, self)


def _month(back):
    """The start of the month `back` months before this one (-1: the next one)."""
    today = timezone.localdate()
    months = today.year * 12 + today.month - 1 - back
    year, month = divmod(months, 12)
    return timezone.make_aware(datetime(year, month + 1, 1)) if back >= 0 else None


class NewestFirstPaginator(Paginator):
    """Pages of a newest-first list of stories, each found from its first story.

    Django's pages use OFFSET: page 100 of a 100,000-story archive read
    99,000 whole rows first (about 240 ms). Here the page's first story is
    found in the (status, published_at) index alone, and the page is read
    from there.
    """

    def page(self, number):
        number = self.validate_number(number)
        first = self.object_list.values_list("published_at", "pk")[(number - 1) * self.per_page :]
        first = first[:1].first()
        rows = []
        if first is not None:
            at, pk = first
            after = Q(published_at__lt=at) | Q(published_at=at, pk__lte=pk)
            rows = list(self.object_list.filter(after)[: self.per_page])
        return self._get_page(rows, number, self)


class IdBlockPaginator(Paginator):
    """Pages of a long list of names (tags, authors, regions): page N holds
    the rows whose ids fall in the N-th block of `per_page` ids.

    A daily has tens of thousands of tags; counting the ones with a
    published story, or skipping to page N, would read them all with their
    stories. Here the number of pages comes from the highest id alone, and
    a page reads only its own block. A page may hold fewer than `per_page`
    rows (removed names, names with no published story), never more.
    """

    @cached_property
    def count(self):
        return self.object_list.model.objects.aggregate(top=Max("pk"))["top"] or 0

    def page(self, number):
        number = self.validate_number(number)
        below = (number - 1) * self.per_page
        rows = list(self.object_list.filter(pk__gt=below, pk__lte=below + self.per_page))
        return self._get_page(rows, number, self)
