"""The public site: home, article, region, tag, author and search pages.

What each page lists comes from `articles.selectors`; the views put it
together, declare its cache keys and render it.
"""

import functools

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from . import caching, richtext, search, selectors, seo, workflow
from .context_processors import canonical_url, in_content_language
from .dates import wib
from .forms import SearchForm
from .models import Article, Author, Page, Photo, PreviewLink, region_path
from .pagination import CappedPaginator


class PublishedListMixin:
    """A paginated list of published articles, chosen by `articles()`.

    `list_key` names what decides which stories the list holds, for the
    page cache (see `articles.caching`).
    """

    paginate_by = 12
    paginator_class = CappedPaginator
    context_object_name = "articles"
    list_key = caching.LATEST

    def get_queryset(self):
        return self.articles().for_listing()

    def articles(self):
        return Article.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        caching.add_keys(self.request, self.get_list_key())
        caching.add_listing_keys(self.request, context["articles"])
        context["social_image"] = seo.listing_image(self.request, context["articles"])
        return context

    def get_list_key(self):
        return self.list_key

    def add_listing_seo(self, context, *, name, description, breadcrumbs=()):
        """A region, tag or author page's own title, description and JSON-LD
        (CollectionPage listing the stories already fetched: no query)."""
        page_obj = context["page_obj"]
        meta = seo.listing_meta(name=name, description=description, page_number=page_obj.number)
        context["listing_meta"] = meta
        context["json_ld"] = seo.json_ld(
            seo.collection_page(
                self.request,
                canonical=canonical_url(self.request),
                meta=meta,
                articles=context["articles"],
                first_position=page_obj.start_index(),
                breadcrumbs=breadcrumbs,
            )
        )
        return context


class HomeView(PublishedListMixin, ListView):
    """The front page: on page 1 the three newest are the lead stories."""

    template_name = "articles/home.html"
    lead_count = 3

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        if context["page_obj"].number == 1:
            lead, picks = selectors.front_page(self.request)
            if lead is not None:  # the editors' lead, then the newest
                articles = [lead, *(a for a in articles if a.pk != lead.pk)]
            context["leads"], articles = articles[: self.lead_count], articles[self.lead_count :]
            shown = {a.pk for a in context["leads"]}
            context["picks"] = [a for a in picks if a.pk not in shown]
            # "Berita Terbaru" starts with the newest story not already shown above it.
            shown |= {a.pk for a in context["picks"]}
            articles = [a for a in articles if a.pk not in shown]
        context["latest"] = articles
        context["social_image"] = seo.listing_image(
            self.request, [*context.get("leads", ()), *articles]
        )
        context["json_ld"] = seo.json_ld(seo.home_page(self.request))
        # Made only if its kept fragment must be rendered again.
        context["most_read"] = SimpleLazyObject(lambda: selectors.most_read(self.request))
        return context


class RegionView(PublishedListMixin, ListView):
    """A region's stories, including those of the regions inside it."""

    template_name = "articles/region_detail.html"

    def articles(self):
        self.region = selectors.find_region(self.request, self.kwargs["slug"])
        if self.region is None:
            raise Http404
        return selectors.region_articles(self.region, self.request)

    def get_list_key(self):
        return caching.key(self.region)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            region=self.region,
            breadcrumbs=selectors.breadcrumbs(self.request, self.region),
            feed_url=reverse("articles:region_feed", args=[self.region.slug]),
            **kwargs,
        )
        name = _("Berita %(name)s") % {"name": self.region.name}
        description = _("Berita terbaru dari %(name)s di %(site)s.") % {
            "name": self.region.name,
            "site": settings.NEWSROOM_NAME,
        }
        return self.add_listing_seo(
            context, name=name, description=description, breadcrumbs=context["breadcrumbs"]
        )


class TagView(PublishedListMixin, ListView):
    template_name = "articles/tag_detail.html"
    # A tag used only by unpublished drafts must not reveal itself.
    allow_empty = False

    def articles(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return selectors.tag_articles(self.tag)

    def get_list_key(self):
        return caching.key(self.tag)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            tag=self.tag, feed_url=reverse("articles:tag_feed", args=[self.tag.slug]), **kwargs
        )
        description = _("Kumpulan berita tentang %(name)s di %(site)s.") % {
            "name": self.tag.name,
            "site": settings.NEWSROOM_NAME,
        }
        return self.add_listing_seo(context, name=self.tag.name, description=description)


class AuthorView(PublishedListMixin, ListView):
    template_name = "articles/author_detail.html"
    # Like tags: an author known only from unpublished drafts stays unknown.
    allow_empty = False

    def articles(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return selectors.author_articles(self.author)

    def get_list_key(self):
        return caching.key(self.author)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            author=self.author,
            feed_url=reverse("articles:author_feed", args=[self.author.slug]),
            **kwargs,
        )
        description = self.author.bio or _("Berita tulisan %(name)s di %(site)s.") % {
            "name": self.author.name,
            "site": settings.NEWSROOM_NAME,
        }
        return self.add_listing_seo(context, name=self.author.name, description=description)


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
        if cleaned.get("wilayah"):
            self.region = selectors.find_region(self.request, cleaned["wilayah"])
        return selectors.search_results(
            self.request,
            self.query,
            region=self.region,
            first_day=cleaned.get("dari"),
            last_day=cleaned.get("sampai"),
        )

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


def page(request, slug):
    """A standing page: the Press Council's guideline, the corrections policy."""
    shown = get_object_or_404(Page, slug=slug)
    caching.add_keys(request, shown)
    return render(request, "articles/page.html", {"page": shown})


def live_updates(request, slug):
    """What a live story's page fetches every half minute: only the entries
    added since the newest it has (`?setelah=<id>`). Kept and purged like
    the story's page."""
    article = get_object_or_404(
        Article.objects.published().filter(kind=Article.Kind.LIVE), slug=slug
    )
    after = request.GET.get("setelah", "")
    after = int(after) if after.isdecimal() and len(after) < 12 else 0
    entries = selectors.live_entries(article, after)
    photographers = caching.author_keys(selectors.photographer_ids([], entries))
    caching.add_keys(request, caching.key(article), *photographers)
    selectors.link_photographers([entry.photo for entry in entries])
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
        canonical = in_content_language(self.request.build_absolute_uri(article.get_absolute_url()))
        crumbs = selectors.breadcrumbs(self.request, article.region)
        path = region_path(selectors.all_regions(self.request), article.region)
        tags = list(article.tags.all())
        entries = selectors.live_entries(article)
        keys = caching.article_keys(
            article,
            region_ids=[region.pk for region in path],
            tag_ids=[tag.pk for tag in tags],
            author_ids=[
                article.editor_id,
                *(author.pk for author in article.bylines()),
                *selectors.photographer_ids([article.lead_photo, *inline_photos.values()], entries),
            ],
        )
        caching.add_keys(self.request, *keys)
        selectors.link_photographers(
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
            return selectors.related_and_most_read(article)

        def related():
            # A story new in its region or with one of its tags changes the list.
            caching.add_keys(request, *region_keys, *(caching.key(tag) for tag in tags))
            caching.add_listing_keys(request, cards()[0])
            return cards()[0]

        def most_read():
            caching.add_keys(request, caching.MOST_READ)
            caching.add_listing_keys(request, cards()[1])
            return cards()[1]

        return {
            "related": SimpleLazyObject(related),
            "most_read": SimpleLazyObject(most_read),
            "latest": SimpleLazyObject(lambda: selectors.latest_articles(request, exclude=article)),
        }


@caching.with_keys(caching.CORRECTIONS)
def corrections_page(request):
    """/ralat/: every correction and right of reply, newest first, with its story."""
    corrections = selectors.recent_corrections()
    for correction in corrections:
        caching.add_keys(request, correction.article)
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
