"""The public site: home, article, region, tag and author pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from . import richtext, workflow
from .models import Article, Author, Photo, PreviewLink, Region

LATEST_COUNT = 6


def latest_articles(exclude=None):
    """The "Berita Terbaru" list: the newest articles readers may see."""
    articles = Article.objects.published().for_listing()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return articles[:LATEST_COUNT]


class PublishedListMixin:
    """A paginated list of published articles, narrowed by `filter_articles`."""

    paginate_by = 12
    context_object_name = "articles"

    def get_queryset(self):
        return self.filter_articles(Article.objects.published().for_listing())

    def filter_articles(self, articles):
        return articles


class HomeView(PublishedListMixin, ListView):
    """The front page: on page 1 the three newest are the lead stories."""

    template_name = "articles/home.html"
    lead_count = 3

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        if context["page_obj"].number == 1:
            context["leads"], articles = articles[: self.lead_count], articles[self.lead_count :]
        context["latest"] = articles
        return context


class RegionView(PublishedListMixin, ListView):
    """A region's stories, including those of the regions inside it."""

    template_name = "articles/region_detail.html"

    def filter_articles(self, articles):
        self.region = get_object_or_404(
            Region.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        return articles.filter(region__in=Region.objects.descendant_ids(self.region))

    def get_context_data(self, **kwargs):
        return super().get_context_data(region=self.region, **kwargs)


class TagView(PublishedListMixin, ListView):
    template_name = "articles/tag_detail.html"
    # A tag used only by unpublished drafts must not reveal itself.
    allow_empty = False

    def filter_articles(self, articles):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return articles.filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(PublishedListMixin, ListView):
    template_name = "articles/author_detail.html"

    def filter_articles(self, articles):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return articles.filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("region", "author", "lead_photo")
            .prefetch_related("tags")
        )

    def get_context_data(self, **kwargs):
        article = self.object
        keys = richtext.photo_keys(article.body)
        inline_photos = Photo.objects.in_bulk(keys, field_name="key") if keys else {}
        return super().get_context_data(
            body=richtext.render_body(article.body_with_dateline(), inline_photos),
            latest=latest_articles(exclude=article),
            canonical_url=self.request.build_absolute_uri(article.get_absolute_url()),
            **kwargs,
        )


class PreviewMixin:
    """An unpublished article in the public design, with a banner and no caching."""

    template_name = "articles/article_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticlePreviewView(PreviewMixin, ArticleDetailView):
    """Staff preview of any article they may see in the admin; 404 for anyone else."""

    def get_queryset(self):
        return Article.objects.select_related("region", "author", "lead_photo")

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if not workflow.can_view(self.request.user, article):
            raise Http404
        return article


class PreviewLinkView(PreviewMixin, ArticleDetailView):
    """The same preview for anyone holding a link that is neither expired nor revoked."""

    def get_object(self, queryset=None):
        link = get_object_or_404(
            PreviewLink.objects.select_related(
                "article__region", "article__author", "article__lead_photo"
            ),
            token=self.kwargs["token"],
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        self.link = link
        return link.article

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview_link=self.link, **kwargs)
