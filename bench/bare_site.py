"""The reference for bench/page_speed.py: one bare Django view, nothing else.

Served by the same gunicorn with DJANGO_SETTINGS_MODULE=bench.bare_site.
"""

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = __name__
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
INSTALLED_APPS = []
DATABASES = {}


def hello(request):
    return HttpResponse("Halo, pembaca.", content_type="text/plain")


urlpatterns = [path("", hello), path("robots.txt", hello)]
