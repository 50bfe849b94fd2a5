"""Videos and posts from YouTube, Instagram, TikTok and X, without trackers.

A reporter pastes a link on its own line; CKEditor's MediaEmbed plugin makes
it `<figure class="media"><oembed url="…"></oembed></figure>`. On the way in
(`richtext.clean_html`) the link is matched against `PROVIDERS`: only a
provider and an id survive, and the stored URL is written again from them,
so no HTML, script or tracking parameter from the paste is ever kept. A
link no provider matches becomes a plain link: nothing typed is lost.

On the way out (`{% article_body %}`) an embed is a light placeholder: the
provider's name, a "load" button and a link out. Nothing is fetched from
the provider until the reader taps; `static/js/article.js` then puts the
provider's player in an iframe, from `settings.EMBED_FRAME_ORIGINS`, the
only frames the Content Security Policy allows (a test checks they agree).
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Provider:
    name: str
    patterns: tuple  # regular expressions over the URL without scheme and "www."
    page: str  # the canonical address, from the id
    frame: str  # the player's address, from the id
    height: int | None  # the frame's height in px, or None for 16:9


_HANDLE = r"[A-Za-z0-9_.]{1,30}"
PROVIDERS = {
    "youtube": Provider(
        name="YouTube",
        patterns=(
            r"(?:m\.)?youtube\.com/watch\?(?:[^#]*&)?v=(?P<id>[A-Za-z0-9_-]{11})",
            r"(?:m\.)?youtube\.com/(?:shorts|embed|live)/(?P<id>[A-Za-z0-9_-]{11})",
            r"youtu\.be/(?P<id>[A-Za-z0-9_-]{11})",
        ),
        page="https://www.youtube.com/watch?v={id}",
        # youtube-nocookie: no cookie is set until the video plays.
        frame="https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0",
        height=None,
    ),
    "instagram": Provider(
        name="Instagram",
        patterns=(r"instagram\.com/(?:p|reel|tv)/(?P<id>[A-Za-z0-9_-]{5,40})",),
        page="https://www.instagram.com/p/{id}/",
        frame="https://www.instagram.com/p/{id}/embed/",
        height=640,
    ),
    "tiktok": Provider(
        name="TikTok",
        patterns=(rf"tiktok\.com/@(?P<id>{_HANDLE}/video/[0-9]{{8,25}})",),
        page="https://www.tiktok.com/@{id}",
        frame="https://www.tiktok.com/embed/v2/{video}",
        height=740,
    ),
    "x": Provider(
        name="X",
        patterns=(r"(?:x|twitter)\.com/(?P<id>[A-Za-z0-9_]{1,15}/status/[0-9]{5,25})",),
        page="https://x.com/{id}",
        frame="https://platform.twitter.com/embed/Tweet.html?id={video}&dnt=true",
        height=560,
    ),
}
_SCHEME = re.compile(r"^(?:https?:)?//(?:www\.)?", re.I)


@dataclass(frozen=True)
class Embed:
    provider: str
    id: str

    @property
    def name(self):
        return PROVIDERS[self.provider].name

    @property
    def page_url(self):
        return PROVIDERS[self.provider].page.format(id=self.id)

    @property
    def frame_url(self):
        # TikTok and X frames take the post's number alone.
        return PROVIDERS[self.provider].frame.format(id=self.id, video=self.id.rsplit("/", 1)[-1])

    @property
    def height(self):
        return PROVIDERS[self.provider].height


def parse(url):
    """The Embed a pasted link names, or None if no provider matches it."""
    bare = _SCHEME.sub("", (url or "").strip())  # any other scheme matches no host below
    host, _slash, rest = bare.partition("/")
    bare = f"{host.lower()}/{rest}"
    for key, provider in PROVIDERS.items():
        for pattern in provider.patterns:
            match = re.match(pattern + r"(?:[/?#&]|$)", bare)
            if match:
                return Embed(key, match.group("id"))
    return None
