"""The public site: home, article, region, tag and author pages."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from .models import Article, Author, Region

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
        return super().get_context_data(latest=latest_articles(exclude=self.object), **kwargs)
