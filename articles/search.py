"""Finding articles: PostgreSQL full-text search in Indonesian, a simple fallback elsewhere.

On PostgreSQL each article keeps a weighted `search_vector` (title, then
summary, then body) built with the `indonesian` text-search configuration,
whose Snowball stemmer maps affixed forms to their root: `bermain`,
`permainan` and `dimainkan` all become `main`. A GIN index makes lookups
fast; the query uses `websearch_to_tsquery`, which accepts anything a reader
types (quotes, `or`, `-word`) without a syntax error. Results are ranked and
get a highlighted snippet from `ts_headline`.

Other databases (SQLite in development) match every word with `icontains`
and cut a snippet around the first match.

Callers pass a queryset that already holds only what readers may see.
"""

import re
import unicodedata

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, Q, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "indonesian"
MAX_QUERY_LENGTH = 200
SNIPPET_CHARS = 220
RANK_POOL = 1000
START, STOP = "\x02", "\x03"  # markers ts_headline puts around matches; escaped later


def is_postgresql():
    return connection.vendor == "postgresql"


def search_vector():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("body_text", weight="C", config=CONFIG)
    )


def vector_of(article):
    """The search vector of `article`'s text as it is about to be saved, or None.

    Built from the values themselves, not the columns, so it goes into the
    same INSERT or UPDATE as the text (an UPDATE's right-hand side would read
    the old columns). Only PostgreSQL keeps one.
    """
    if not is_postgresql():
        return None
    return (
        SearchVector(Value(article.title), weight="A", config=CONFIG)
        + SearchVector(Value(article.summary), weight="B", config=CONFIG)
        + SearchVector(Value(article.body_text), weight="C", config=CONFIG)
    )


def clean_query(text):
    """What a reader typed, made safe to search: no control characters, not too long."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(articles, text):
    """`articles` matching `text`, best first, each with a `snippet` attribute source.

    On PostgreSQL only the newest `RANK_POOL` matches are ranked: a common
    word matches most of a large archive, and ranking all of it costs far
    more than a reader gains from stories years old.
    """
    if is_postgresql():
        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        newest = (
            articles.filter(search_vector=query).order_by("-published_at").values("pk")[:RANK_POOL]
        )
        return (
            articles.filter(pk__in=newest)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                headline=SearchHeadline(
                    "body_text",
                    query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at")
        )
    words = _words(text)
    for word in words:
        articles = articles.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body_text__icontains=word)
        )
    return articles.order_by("-published_at")


def _words(text):
    return [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1][:10]


def snippet(article, text):
    """A short passage of the article with the matched words in <mark>, HTML-safe."""
    headline = getattr(article, "headline", None)
    if headline is not None:
        marked = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
        return mark_safe(marked)  # escaped above; only our own <mark> tags remain
    body = article.body_text or article.summary
    words = _words(text)
    lower = body.lower()
    positions = [lower.find(w) for w in words if lower.find(w) >= 0]
    start = max(0, min(positions) - SNIPPET_CHARS // 3) if positions else 0
    passage = body[start : start + SNIPPET_CHARS]
    if start:
        passage = "…" + passage.split(" ", 1)[-1]
    if start + SNIPPET_CHARS < len(body):
        passage = passage.rsplit(" ", 1)[0] + "…"
    return mark_safe(_mark(passage, words))  # every piece escaped; only <mark> added


def _mark(passage, words):
    if not words:
        return escape(passage)
    pattern = re.compile(
        "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)), re.IGNORECASE
    )
    pieces, last = [], 0
    for match in pattern.finditer(passage):
        pieces += [escape(passage[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    pieces.append(escape(passage[last:]))
    return "".join(pieces)
