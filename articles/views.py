"""The public site: home, article, region, tag, author and search pages."""

import functools
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from newsroom.proxies import client_ip

from . import caching, popularity, richtext, search, seo, workflow
from .context_processors import all_regions
from .dates import wib
from .models import (
    Article,
    Author,
    Byline,
    Correction,
    FrontPagePick,
    Page,
    Photo,
    PreviewLink,
    TaggedArticle,
    region_descendant_ids,
    region_path,
)

LATEST_COUNT = 6
CORRECTIONS_SHOWN = 100  # on /ralat/, newest first
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)  # search date filters
RELATED_COUNT = 4
RELATED_POOL = 100


def latest_articles(request, exclude=None):
    """The "Berita Terbaru" list: the newest articles readers may see."""
    articles = Article.objects.published().for_listing()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    articles = list(articles[:LATEST_COUNT])
    caching.show(request, caching.LATEST)
    caching.show_listing(request, articles)
    return articles


def related_ids(article):
    """The ids of the stories most related to `article`, best first.

    Ranked by how many tags they share with it, then by how new they are,
    among a pool of candidates: the newest published stories that share a
    tag or its region. Ranking only the pool keeps this one cheap query
    however large the archive; the region's newest fill in when few stories
    share a tag. A new story with one of those tags or in that region purges
    the page through the article's own tag and region keys.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]
    tagged = TaggedArticle.objects.filter(tag__in=tag_ids)
    shared = (
        tagged.filter(content_object=OuterRef("pk"))
        .order_by()
        .values("content_object")
        .annotate(n=Count("pk"))
        .values("n")
    )
    pool = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(Q(pk__in=tagged.values("content_object")) | Q(region=article.region_id))
        .annotate(shared=Coalesce(Subquery(shared), 0))
        .order_by("-published_at")
        .values_list("pk", "shared")[:RELATED_POOL]
    )
    ranked = sorted(pool, key=lambda row: -row[1])  # stable: newest first among equals
    return [pk for pk, _shared in ranked[:RELATED_COUNT]]


def front_page(request):
    """The editors' lead story (or None) and their picks, as cards: two queries."""
    caching.show(request, caching.FRONT_PAGE)
    chosen = list(FrontPagePick.objects.active().values_list("article_id", "slot"))
    cards = Article.objects.published().for_listing().in_bulk([pk for pk, _slot in chosen])
    leads = [cards[pk] for pk, slot in chosen if slot == FrontPagePick.Slot.LEAD and pk in cards]
    picks = [cards[pk] for pk, slot in chosen if slot == FrontPagePick.Slot.PICK and pk in cards]
    caching.show_listing(request, [*leads, *picks])
    return (leads[-1] if leads else None), picks


def most_read(request):
    """ "Terpopuler", and its keys."""
    articles = list(popularity.most_read())
    caching.show(request, caching.MOST_READ)
    caching.show_listing(request, articles)
    return articles


def breadcrumbs(request, region):
    """(name, url) pairs from the home page down the region path."""
    crumbs = [(_("Beranda"), reverse("articles:home"))]
    crumbs += [(r.name, r.get_absolute_url()) for r in region_path(all_regions(request), region)]
    return crumbs


def find_region(request, slug):
    """The region with `slug` from the request's region list, or None."""
    return next((r for r in all_regions(request) if r.slug == slug), None)


class CappedPaginator(Paginator):
    """Counts at most `MAX_PAGES` pages of stories.

    Counting every published story costs a full scan (about 100 ms at
    100,000 stories) on every listing page. Readers page back a few pages
    at most; older stories are found through search and the sitemaps.
    """

    MAX_PAGES = 100

    @cached_property
    def count(self):
        # Unordered: any N rows count the same, and need no sort to find.
        return self.object_list.order_by()[: self.MAX_PAGES * self.per_page].count()


class PublishedListMixin:
    """A paginated list of published articles, narrowed by `filter_articles`.

    `list_key` names what decides which stories the list holds, for the
    page cache (see `articles.caching`).
    """

    paginate_by = 12
    paginator_class = CappedPaginator
    context_object_name = "articles"
    list_key = caching.LATEST

    def get_queryset(self):
        return self.filter_articles(Article.objects.published().for_listing())

    def filter_articles(self, articles):
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        caching.show(self.request, self.get_list_key())
        caching.show_listing(self.request, context["articles"])
        return context

    def get_list_key(self):
        return self.list_key


class HomeView(PublishedListMixin, ListView):
    """The front page: on page 1 the three newest are the lead stories."""

    template_name = "articles/home.html"
    lead_count = 3

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        if context["page_obj"].number == 1:
            lead, picks = front_page(self.request)
            if lead is not None:  # the editors' lead, then the newest
                articles = [lead, *(a for a in articles if a.pk != lead.pk)]
            context["leads"], articles = articles[: self.lead_count], articles[self.lead_count :]
            shown = {a.pk for a in context["leads"]}
            context["picks"] = [a for a in picks if a.pk not in shown]
            # "Berita Terbaru" starts with the newest story not already shown above it.
            shown |= {a.pk for a in context["picks"]}
            articles = [a for a in articles if a.pk not in shown]
        context["latest"] = articles
        context["most_read"] = SimpleLazyObject(lambda: most_read(self.request))  # if not kept
        return context


class RegionView(PublishedListMixin, ListView):
    """A region's stories, including those of the regions inside it."""

    template_name = "articles/region_detail.html"

    def filter_articles(self, articles):
        self.region = find_region(self.request, self.kwargs["slug"])
        if self.region is None:
            raise Http404
        ids = region_descendant_ids(all_regions(self.request), self.region)
        return articles.filter(region__in=ids)

    def get_list_key(self):
        return caching.key(self.region)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            region=self.region,
            breadcrumbs=breadcrumbs(self.request, self.region),
            feed_url=reverse("articles:region_feed", args=[self.region.slug]),
            **kwargs,
        )


class TagView(PublishedListMixin, ListView):
    template_name = "articles/tag_detail.html"
    # A tag used only by unpublished drafts must not reveal itself.
    allow_empty = False

    def filter_articles(self, articles):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return articles.filter(tags=self.tag)

    def get_list_key(self):
        return caching.key(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tag=self.tag, feed_url=reverse("articles:tag_feed", args=[self.tag.slug]), **kwargs
        )


class AuthorView(PublishedListMixin, ListView):
    template_name = "articles/author_detail.html"
    # Like tags: an author known only from unpublished drafts stays unknown.
    allow_empty = False

    def filter_articles(self, articles):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return articles.by_author(self.author)

    def get_list_key(self):
        return caching.key(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            author=self.author,
            feed_url=reverse("articles:author_feed", args=[self.author.slug]),
            **kwargs,
        )


def _within_archive(day):
    if not (FIRST_DAY <= day <= LAST_DAY):
        raise forms.ValidationError(
            _("Pilih tanggal antara %(first)s dan %(last)s.")
            % {"first": FIRST_DAY.year, "last": LAST_DAY.year}
        )


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        validators=[_within_archive],
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Kata kunci"), required=False)
    wilayah = forms.SlugField(label=gettext_lazy("Wilayah"), required=False)
    dari = _date_field(gettext_lazy("Dari tanggal"))
    sampai = _date_field(gettext_lazy("Sampai tanggal"))


class SearchView(PublishedListMixin, ListView):
    """Search readers' articles, with region and date filters. Never a 500."""

    template_name = "articles/search.html"
    paginate_by = 10
    paginator_class = Paginator  # the page says how many stories were found
    list_key = caching.SEARCH

    def get_queryset(self):
        # Control characters are dropped before Django sees them: PostgreSQL
        # refuses NUL bytes in any query parameter.
        data = {key: search.clean_query(value) for key, value in self.request.GET.items()}
        self.form = SearchForm(data)
        self.form.is_valid()  # invalid filters are shown as errors and ignored
        cleaned = self.form.cleaned_data
        self.query = cleaned.get("q", "")
        self.region = None
        if not self.query:
            return Article.objects.none()
        articles = Article.objects.published().for_listing()
        if cleaned.get("wilayah"):
            self.region = find_region(self.request, cleaned["wilayah"])
            if self.region is not None:
                ids = region_descendant_ids(all_regions(self.request), self.region)
                articles = articles.filter(region__in=ids)
        if cleaned.get("dari"):
            articles = articles.filter(published_at__gte=_start_of(cleaned["dari"]))
        if cleaned.get("sampai"):
            articles = articles.filter(published_at__lt=_start_of(cleaned["sampai"], days=1))
        return search.search(articles, self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for article in context["articles"]:
            article.snippet = search.snippet(article, self.query)
        context.update(
            form=self.form,
            query=self.query,
            more_found=search.is_postgresql() and context["paginator"].count >= search.RANK_POOL,
        )
        return context


def _start_of(day, days=0):
    """Midnight WIB at the start of `day` (plus `days`)."""
    start = datetime.combine(day, time.min) + timedelta(days=days)
    return timezone.make_aware(start)


def page(request, slug):
    """A standing page: the Press Council's guideline, the corrections policy."""
    shown = get_object_or_404(Page, slug=slug)
    caching.show(request, shown)
    return render(request, "articles/page.html", {"page": shown})


LIVE_ENTRIES_SHOWN = 200  # the newest; a day of coverage rarely has more


def live_entries(article, after=0):
    """A live story's entries, newest first (those added after entry `after`)."""
    if article.kind != Article.Kind.LIVE:
        return []
    entries = article.live_entries.select_related("photo__photographer")
    if after:
        entries = entries.filter(pk__gt=after)
    return list(entries[:LIVE_ENTRIES_SHOWN])


def photographer_ids(shown_photos, entries=()):
    """The authors credited as photographers of the photos a page shows: their
    name or address changing changes the page."""
    shown = [*shown_photos, *(entry.photo for entry in entries)]
    return {photo.photographer_id for photo in shown if photo and photo.photographer_id}


def link_photographers(shown_photos):
    """Set `has_page` on the photographers of the photos a page shows: a
    credit links to its photographer's author page only when that page
    answers, that is when it lists a story readers can see (AuthorView).
    One query for the whole page. Publishing or taking down their story
    purges their `author-<id>` key, which the page shows (photographer_ids)."""
    photographers = [photo.photographer for photo in shown_photos if photo and photo.photographer]
    if not photographers:
        return
    published = Article.objects.published()
    listed = set(
        Author.objects.filter(pk__in={author.pk for author in photographers})
        .filter(
            Exists(published.filter(author=OuterRef("pk")))
            | Exists(Byline.objects.filter(author=OuterRef("pk"), article__in=published))
        )
        .values_list("pk", flat=True)
    )
    for author in photographers:
        author.has_page = author.pk in listed


def live_updates(request, slug):
    """What a live story's page fetches every half minute: only the entries
    added since the newest it has (`?setelah=<id>`). Kept and purged like
    the story's page."""
    article = get_object_or_404(
        Article.objects.published().filter(kind=Article.Kind.LIVE), slug=slug
    )
    after = request.GET.get("setelah", "")
    after = int(after) if after.isdecimal() and len(after) < 12 else 0
    entries = live_entries(article, after)
    caching.show(request, caching.key(article))
    caching.show(request, *(f"author-{pk}" for pk in photographer_ids([], entries)))
    link_photographers([entry.photo for entry in entries])
    return JsonResponse(
        {
            "entries": [
                {
                    "id": entry.pk,
                    "at": entry.at.isoformat(),
                    "html": render_to_string(
                        "partials/live_entry.html", {"entry": entry}, request=request
                    ),
                }
                for entry in entries
            ],
            "updated": wib(article.revised_at or article.published_at),
            "running": article.is_live_coverage,
        }
    )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    preview = False

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            notice = None if self.preview else withdrawn_notice(request, kwargs.get("slug"))
            if notice is None:
                raise
            return notice

    def articles(self):
        return Article.objects.published()

    def get_queryset(self):
        return (
            self.articles()
            .select_related("region", "author", "editor", "lead_photo__photographer")
            .with_bylines()
            .prefetch_related("tags")
        )

    def get_context_data(self, **kwargs):
        article = self.object
        keys = richtext.photo_keys(article.body)
        inline_photos = (
            Photo.objects.select_related("photographer").in_bulk(keys, field_name="key")
            if keys
            else {}
        )
        canonical = self.request.build_absolute_uri(article.get_absolute_url())
        crumbs = breadcrumbs(self.request, article.region)
        path = region_path(all_regions(self.request), article.region)
        tags = list(article.tags.all())
        entries = live_entries(article)
        keys = caching.article_keys(
            article,
            region_ids=[region.pk for region in path],
            tag_ids=[tag.pk for tag in tags],
            author_ids=[
                article.editor_id,
                *(author.pk for author in article.bylines()),
                *photographer_ids([article.lead_photo, *inline_photos.values()], entries),
            ],
        )
        caching.show(self.request, *keys)
        link_photographers(
            [article.lead_photo, *inline_photos.values(), *(entry.photo for entry in entries)]
        )
        image = seo.social_image(self.request, article)
        corrections = list(article.corrections.all()) if article.correction_count else []
        context = super().get_context_data(
            corrections=corrections,
            live_entries=entries,
            # The newest written, which need not be the newest in time.
            live_last=max((entry.pk for entry in entries), default=0),
            inline_photos=inline_photos,
            breadcrumbs=crumbs,
            **self.side_lists(article, [caching.key(region) for region in path], tags),
            canonical_url=canonical,
            social_image=image,
            preview=self.preview,
            **kwargs,
        )
        if not self.preview:  # previews are neither indexed nor counted as reads
            context["json_ld"] = seo.json_ld(
                seo.news_article(
                    self.request,
                    article,
                    canonical=canonical,
                    breadcrumbs=[*crumbs, (article.title, article.get_absolute_url())],
                    image=image,
                    corrections=corrections,
                    live_entries=entries,
                )
            )
            context["read_url"] = reverse("articles:read", args=[article.pk])
        return context

    def side_lists(self, article, region_keys, tags):
        """Berita Terkait, Berita Terbaru and Terpopuler, made only when their
        kept fragment must be rendered again; related and most-read cards come
        from one query."""
        request = self.request

        @functools.cache
        def cards():
            related, ranked = related_ids(article), popularity.ranked_ids()
            found = Article.objects.published().for_listing().in_bulk([*related, *ranked])
            return [found[pk] for pk in related if pk in found], [
                found[pk] for pk in ranked if pk in found
            ]

        def related():
            # A story new in its region or with one of its tags changes the list.
            caching.show(request, *region_keys, *(caching.key(tag) for tag in tags))
            caching.show_listing(request, cards()[0])
            return cards()[0]

        def most_read():
            caching.show(request, caching.MOST_READ)
            caching.show_listing(request, cards()[1])
            return cards()[1]

        return {
            "related": SimpleLazyObject(related),
            "most_read": SimpleLazyObject(most_read),
            "latest": SimpleLazyObject(lambda: latest_articles(request, exclude=article)),
        }


@caching.shows(caching.CORRECTIONS)
def corrections_page(request):
    """/ralat/: every correction and right of reply, newest first, with its story."""
    corrections = list(
        Correction.objects.filter(article__in=Article.objects.published())
        .select_related("article")
        .order_by("-at")[:CORRECTIONS_SHOWN]
    )
    for correction in corrections:
        caching.show(request, correction.article)
    return render(request, "articles/corrections.html", {"corrections": corrections})


def withdrawn_notice(request, slug):
    """410 Gone for a story withdrawn with a reason: when, and why. None
    otherwise, and for a story readers never saw (withdrawn before its
    scheduled time): its headline stays unpublished."""
    article = Article.objects.filter(slug=slug, status=Article.Status.WITHDRAWN).first()
    if article is None or not workflow.was_public(article):
        return None
    withdrawal = article.transitions.filter(to_status=Article.Status.WITHDRAWN).first()
    response = render(
        request,
        "articles/withdrawn.html",
        {"article": article, "withdrawal": withdrawal},
        status=410,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


class PreviewMixin:
    """An unpublished article in the public design, with a banner and no caching."""

    preview = True

    def articles(self):
        return Article.objects.all()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticlePreviewView(PreviewMixin, ArticleDetailView):
    """Staff preview of any article they may see in the admin; 404 for anyone else."""

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if not workflow.can_view(self.request.user, article):
            raise Http404
        return article


class PreviewLinkView(PreviewMixin, ArticleDetailView):
    """The same preview for anyone holding a link that is neither expired nor revoked."""

    def get_object(self, queryset=None):
        self.link = get_object_or_404(
            PreviewLink,
            token=self.kwargs["token"],
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        return get_object_or_404(self.get_queryset(), pk=self.link.article_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview_link=self.link, **kwargs)


@csrf_exempt  # a beacon carries no token; it can only add one read
@require_POST
def record_read(request, pk):
    """The article page's beacon: one read of a published article.

    Only our own pages may send it (browsers say where a request comes from
    in Sec-Fetch-Site and Origin), and one reader counts once per story per
    hour, so a script that posts a thousand beacons adds one read.
    """
    if not _same_site(request):
        return HttpResponse(status=403)
    article = get_object_or_404(Article.objects.published().only("pk", "published_at"), pk=pk)
    if popularity.first_read_this_hour(article, reader=_reader(request)):
        popularity.record_read(article)
    return HttpResponse(status=204)


def _same_site(request):
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "same-site"):
        return False
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"


def _reader(request):
    """Who reads, as far as a beacon can tell: address and browser."""
    return f"{client_ip(request)}|{request.headers.get('User-Agent', '')}"


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /pratinjau/",
        "Disallow: /cari/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
