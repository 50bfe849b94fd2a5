"""Template filters for the public site."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

from articles import photos

register = template.Library()

WIB = ZoneInfo("Asia/Jakarta")


@register.filter
def wib(value):
    """`Sabtu, 21 Feb 2026 19:19 WIB`: newsroom time, whatever the reader's zone.

    Day and month names come from the active language's translations.
    """
    if not value:
        return ""
    return f"{date_format(timezone.localtime(value, WIB), 'l, j M Y H:i')} WIB"


@register.simple_tag
def picture(photo, name, sizes="100vw", eager=False, alt=None):
    """`{% picture photo "article" sizes="..." %}`: see `articles.photos.picture_html`."""
    return photos.picture_html(photo, name, sizes=sizes, eager=eager, alt=alt)
