from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from . import breaking
from .selectors import all_regions


def in_content_language(url):
    """`url` in the language the stories are written in (Indonesian, at the bare
    URLs). The English interface wraps the same Indonesian stories, so it is no
    page of its own for search engines: its canonical is the Indonesian one."""
    return translate_url(url, settings.LANGUAGE_CODE)


def canonical_url(request):
    """This page's address without tracking or other parameters, but with its page
    number, in the stories' own language (`in_content_language`)."""
    url = in_content_language(request.build_absolute_uri(request.path))
    page = request.GET.get("page", "")
    if page.isdecimal() and int(page) > 1:  # "²" is a digit, yet not a number
        url += f"?page={int(page)}"
    return url


def newsroom(request):
    """The paper's name, the region menu, and this page's canonical and language URLs.

    `content_lang` is the stories' language where the interface speaks another
    (under /en/): such a page marks the stories `lang="id"` and is not indexed.
    """
    canonical = SimpleLazyObject(lambda: canonical_url(request))
    interface = get_language()
    return {
        "NEWSROOM_NAME": settings.NEWSROOM_NAME,
        "nav_regions": SimpleLazyObject(lambda: all_regions(request)),
        "canonical_url": canonical,
        "language_urls": SimpleLazyObject(lambda: _language_urls(request)),
        "content_lang": "" if interface == settings.LANGUAGE_CODE else settings.LANGUAGE_CODE,
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
