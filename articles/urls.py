from django.urls import path

from . import feeds, reading, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("rss/", feeds.LatestFeed(), name="feed"),
    path("cari/", views.SearchView.as_view(), name="search"),
    path("ralat/", views.corrections_page, name="corrections"),
    path("halaman/<slug:slug>/", views.page, name="page"),
    path("berita/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("berita/<slug:slug>/pembaruan/", views.live_updates, name="live_updates"),
    path("wilayah/<slug:slug>/", views.RegionView.as_view(), name="region"),
    path("wilayah/<slug:slug>/rss/", feeds.RegionFeed(), name="region_feed"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<slug:slug>/rss/", feeds.TagFeed(), name="tag_feed"),
    path("penulis/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("penulis/<slug:slug>/rss/", feeds.AuthorFeed(), name="author_feed"),
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    # Tokens come from secrets.token_urlsafe, whose alphabet is the slug's.
    # Anything else is no token: a 404 before the database is asked, since
    # PostgreSQL refuses a NUL byte in a query with an error (a 500).
    path("pratinjau/t/<slug:token>/", views.PreviewLinkView.as_view(), name="preview_link"),
    path("baca/<int:pk>/", reading.record_read, name="read"),
]
