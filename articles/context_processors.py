from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from . import breaking
from .selectors import all_regions


def canonical_url(request):
    """This page's address without tracking or other parameters, but with its page number."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdecimal() and int(page) > 1:  # "²" is a digit, yet not a number
        url += f"?page={int(page)}"
    return url


def newsroom(request):
    """The paper's name, the region menu, and this page's canonical and language URLs."""
    canonical = SimpleLazyObject(lambda: canonical_url(request))
    return {
        "NEWSROOM_NAME": settings.NEWSROOM_NAME,
        "nav_regions": SimpleLazyObject(lambda: all_regions(request)),
        "canonical_url": canonical,
        "language_urls": SimpleLazyObject(lambda: _language_urls(request)),
        "breaking": SimpleLazyObject(lambda: breaking.current(request) or {}),
    }


def _language_urls(request):
    if not is_language_prefix_patterns_used(settings.ROOT_URLCONF)[0]:
        return []
    here = request.build_absolute_uri(request.path)
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(here, code),
        }
        for code, _name in settings.LANGUAGES
    ]
