"""Paging through an archive of years of stories without reading all of it.

Django's Paginator counts every row of the list and reaches page N with
OFFSET, which reads every row before it. Both grow with the archive; the
paginators here do not.
"""

from django.core.paginator import Paginator
from django.db.models import Max, Q
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
