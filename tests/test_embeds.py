"""Videos and posts from YouTube, Instagram, TikTok and X: only a provider and an id
are kept, and nothing is loaded from them until the reader taps."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from articles import richtext
from tests.factories import make_article

pytestmark = pytest.mark.django_db

PASTED = {
    "youtube": (
        "https://youtu.be/dQw4w9WgXcQ?si=tracking123",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ),
    "instagram": (
        "https://www.instagram.com/reel/C1a2B3c4D5e/?igsh=MTc4MmM1YmI2Ng==",
        "https://www.instagram.com/p/C1a2B3c4D5e/",
        "https://www.instagram.com/p/C1a2B3c4D5e/embed/",
    ),
    "tiktok": (
        "https://www.tiktok.com/@pemkab.blitar/video/7301234567890123456?is_from_webapp=1",
        "https://www.tiktok.com/@pemkab.blitar/video/7301234567890123456",
        "https://www.tiktok.com/embed/v2/7301234567890123456",
    ),
    "x": (
        "https://twitter.com/jatimpemprov/status/1790000000000000000?s=20",
        "https://x.com/jatimpemprov/status/1790000000000000000",
        "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000",
    ),
}


def embed_body(url):
    figure = f'<figure class="media"><oembed url="{url}"></oembed></figure>'
    return f"<p>Bupati mengunggah video.</p>{figure}"


@pytest.mark.parametrize("provider", list(PASTED))
def test_a_pasted_link_is_kept_as_its_provider_and_id_only(provider):
    pasted, page, _frame = PASTED[provider]
    cleaned = richtext.clean_html(
        f'<figure class="media" onclick="x()"><oembed url="{pasted}" data-x="1">'
        "<script>alert(1)</script></oembed></figure>"
    )
    assert cleaned == f'<figure class="media"><oembed url="{page}"></oembed></figure>'


def test_a_link_no_provider_matches_stays_a_plain_link():
    cleaned = richtext.clean_html(embed_body("https://video.example/123"))
    assert '<a href="https://video.example/123" rel="noopener">' in cleaned
    assert "oembed" not in cleaned
    assert "oembed" not in richtext.clean_html(embed_body("javascript:alert(1)"))


@pytest.mark.parametrize("provider", list(PASTED))
def test_the_page_shows_a_placeholder_and_loads_nothing_from_the_provider(client, provider):
    pasted, page, frame = PASTED[provider]
    story = make_article("Video banjir", body=embed_body(pasted))
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<iframe" not in html
    assert "Muat konten" in html
    assert f'data-embed-frame="{frame}' in html.replace("&amp;", "&")
    # No src, srcset or href anywhere on the page asks the provider for anything.
    fetched = re.findall(r'\s(?:src|srcset)="([^"]+)"', html)
    assert not [url for url in fetched if url.startswith("http")]
    assert page in html  # the reader may open it on the provider's site instead


def test_the_content_security_policy_allows_exactly_the_players(client):
    story = make_article("Video", body=embed_body(PASTED["youtube"][0]))
    policy = client.get(story.get_absolute_url())["Content-Security-Policy"]
    frames = re.search(r"frame-src ([^;]+)", policy).group(1).split()
    assert sorted(frames) == sorted(settings.EMBED_FRAME_ORIGINS)
    for _pasted, _page, frame in PASTED.values():
        assert any(frame.startswith(origin + "/") for origin in frames)


def test_the_feed_gives_an_embed_as_a_link(client):
    make_article("Video banjir", body=embed_body(PASTED["x"][0]))
    feed = client.get(reverse("articles:feed")).content.decode()
    assert "X: https://x.com/jatimpemprov/status/1790000000000000000" in feed
    assert "oembed" not in feed


@pytest.mark.parametrize(
    "pasted",
    [
        f'<p>Lihat <oembed url="{PASTED["youtube"][0]}"></oembed> ini.</p><p>Lanjut.</p>',
        f'<figure><oembed url="{PASTED["x"][0]}"></oembed></figure><p>Lanjut.</p>',
        '<figure class="media"><oembed url="https://video.example/1">teks</oembed></figure>',
    ],
)
def test_an_embed_pasted_anywhere_leaves_balanced_html(pasted):
    cleaned = richtext.clean_html(pasted)
    assert richtext.clean_html(cleaned) == cleaned  # a second save changes nothing
    assert cleaned.count("<figure") == cleaned.count("</figure>")
    assert cleaned.count("<p>") == cleaned.count("</p>")
    assert "video.example/1" not in cleaned or '<a href="https://video.example/1"' in cleaned


def test_an_advertorials_embed_links_out_as_sponsored(client):
    story = make_article("Promo", kind="advertorial", body=embed_body(PASTED["youtube"][0]))
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'target="_blank" rel="sponsored noopener">Buka di YouTube</a>' in html
