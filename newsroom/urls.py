from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from axes.decorators import axes_dispatch
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path
from django.views.generic import RedirectView

from articles import uploads
from articles.admin import view_on_site
from articles.caching import SITEMAP, with_keys
from articles.sitemaps import SITEMAPS, NewsSitemap
from articles.views import robots_txt
from newsroom import second_factor
from newsroom.views import healthz

handler400 = "newsroom.errors.bad_request"  # a request too large: 413, said plainly
handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Our own endpoint replaces django_ckeditor_5's, which accepts any staff
    # user and more file types than a newsroom needs.
    path("editor/upload-image/", uploads.editor_image_upload, name="editor_image_upload"),
    path("editor/photo/<slug:key>/texts/", uploads.editor_photo_texts, name="editor_photo_texts"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", robots_txt, name="robots"),
    # Kept until a change readers can see purges them (articles.caching).
    # An index of sections, each paged, so no one response has to list the
    # whole archive.
    path(
        "sitemap.xml",
        with_keys(SITEMAP)(sitemaps_views.index),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        with_keys(SITEMAP)(sitemaps_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news_sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        with_keys(SITEMAP)(sitemaps_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

# Indonesian at the bare URLs, English under /en/. The language comes from the
# URL alone, so a reader whose phone is set to English still gets the paper
# as it is written, and every URL caches as one page.
urlpatterns += i18n_patterns(
    # Resolved before the admin's own shortcut, which checks no permissions.
    path("admin/r/<int:content_type_id>/<path:object_id>/", view_on_site),
    # The admin's login, password change and reset are django-allauth's,
    # which ask for the second factor (newsroom/second_factor.py); a login
    # from /admin/... comes back there (`next`).
    path("admin/login/", secure_admin_login(admin.site.login)),
    path(
        "admin/password_change/",
        RedirectView.as_view(pattern_name="account_change_password"),
    ),
    path("admin/password_change/done/", RedirectView.as_view(pattern_name="admin:index")),
    # Under admin/, so the proxies treat the sign-in pages as the admin:
    # never kept, cookies passed (deploy/varnish.vcl). A locked-out login is
    # answered before its form is even read.
    path("admin/akun/login/", axes_dispatch(account_views.login), name="account_login"),
    path("admin/akun/sessions/", second_factor.sessions, name="usersessions_list"),
    path("admin/akun/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
