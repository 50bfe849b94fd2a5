"""Newsroom time: every date a person reads, written one way.

The admin, email notices, services' messages and the public templates all
format dates here, so "Sabtu, 21 Feb 2026 19:19 WIB" cannot drift apart.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dateformat import format as date_format

WIB = ZoneInfo("Asia/Jakarta")


def wib(value):
    """`Sabtu, 21 Feb 2026 19:19 WIB`: newsroom time, whatever the reader's zone.

    Day and month names come from the active language's translations.
    """
    if not value:
        return ""
    return f"{date_format(timezone.localtime(value, WIB), 'l, j M Y H:i')} WIB"
