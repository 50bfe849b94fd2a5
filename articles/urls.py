from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("berita/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("wilayah/<slug:slug>/", views.RegionView.as_view(), name="region"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("penulis/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("pratinjau/t/<str:token>/", views.PreviewLinkView.as_view(), name="preview_link"),
]
