"""Newsroom time: every date a person reads, written one way.

The admin, email notices, services' messages and the public templates all
format dates here, so "Sabtu, 21 Feb 2026 19:19 WIB" cannot drift apart.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

WIB = ZoneInfo("Asia/Jakarta")


def wib(value):
    """`Sabtu, 21 Feb 2026 19:19 WIB`: newsroom time, whatever the reader's zone.

    Day and month names come from the active language's translations.
    """
    if not value:
        return ""
    return f"{date_format(timezone.localtime(value, WIB), 'l, j M Y H:i')} WIB"


def iso(value):
    """`2026-02-21T19:19:05+07:00`: a time for machines, in newsroom time.

    The one format of every `datetime` attribute, `article:*_time` meta,
    JSON-LD date and news sitemap date. Seconds, no fraction: validators
    (vnu) refuse Python's six-digit microseconds, and no reader needs them.
    A date without a time is written as a date.
    """
    if not value:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()
    if timezone.is_naive(value):
        value = timezone.make_aware(value, WIB)
    return timezone.localtime(value, WIB).replace(microsecond=0).isoformat()


# The years a newsroom time may fall in. Far outside them a time is a typo
# (0001-01-01 from a cleared date picker), and one before year 1 in UTC is
# a time PostgreSQL stores but Python cannot read back.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def validate_newsroom_time(value):
    """Refuse a time outside the years 2000 to 2100. Every time a form or service takes
    (publish, breaking, live coverage, pick end, live entry) passes here.
    The year is read in the value's own zone: converting it could overflow."""
    if value is not None and not (EARLIEST_YEAR <= value.year <= LATEST_YEAR):
        raise ValidationError(
            _("Isi tanggal antara tahun %(first)d dan %(last)d.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            code="out_of_range",
        )
