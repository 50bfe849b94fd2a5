"""Dates in WIB and excerpts cut at a word boundary."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from articles.models import Article, Region
from articles.richtext import plain_text
from articles.templatetags.newsroom import wib


def test_date_written_in_indonesian_wib():
    with translation.override("id"):
        assert wib(datetime(2026, 2, 21, 12, 19, tzinfo=UTC)) == "Sabtu, 21 Feb 2026 19:19 WIB"


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2026, 5, 3, 17, 0, tzinfo=UTC), "Senin, 4 Mei 2026 00:00 WIB"),
        (datetime(2026, 8, 14, 1, 5, tzinfo=UTC), "Jumat, 14 Agu 2026 08:05 WIB"),
        (datetime(2026, 10, 11, 3, 0, tzinfo=UTC), "Minggu, 11 Okt 2026 10:00 WIB"),
        (datetime(2026, 12, 2, 3, 0, tzinfo=UTC), "Rabu, 2 Des 2026 10:00 WIB"),
    ],
)
def test_day_and_month_names(utc, expected):
    with translation.override("id"):
        assert wib(utc) == expected


def test_missing_date_is_blank():
    assert wib(None) == ""


def article(body, place="Blitar"):
    return Article(title="x", body=body, body_text=plain_text(body), region=Region(name=place))


def test_excerpt_starts_with_dateline():
    assert article("<p>Warga datang.</p>").excerpt() == "KABARJATIM.ID, Blitar - Warga datang."


def test_long_excerpt_is_cut_at_a_word_boundary_with_ellipsis():
    words = " ".join(f"kata{n}" for n in range(100))
    excerpt = article(f"<p>{words}</p>").excerpt()
    assert excerpt.endswith("…")
    last_word = excerpt[:-1].split()[-1]
    assert last_word in words.split()
    assert len(excerpt.split()) == 30


def test_excerpt_drops_markup_and_decodes_entities():
    excerpt = article("<p>Tom &amp; Jerry <strong>datang</strong>&nbsp;pagi.</p>").excerpt()
    assert excerpt == "KABARJATIM.ID, Blitar - Tom & Jerry datang pagi."
