"""An advertorial is labelled in every list, and each of its links out is marked sponsored."""

import re
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse

from articles import popularity, richtext, services
from articles.models import Article, FrontPagePick
from tests.factories import make_article, make_author, make_editor, make_region

pytestmark = pytest.mark.django_db
TITLE = "Promo Batik Gresik"
Kind = Article.Kind


def labelled(html, title=TITLE):
    """How many times `title` is listed, and how many of those carry the label,
    read back from its link to the start of its card or list item."""
    found = labelled_count = 0
    for match in re.finditer(rf">{re.escape(title)}</a>", html):
        start = max(html.rfind("<article", 0, match.start()), html.rfind("<li", 0, match.start()))
        found += 1
        labelled_count += "label-advertorial" in html[start : match.start()]
    return found, labelled_count


@pytest.fixture
def region():
    return make_region("Gresik", slug="gresik")


@pytest.fixture
def author():
    return make_author("Tim Komersial", slug="komersial")


@pytest.fixture
def advertorial(region, author):
    story = make_article(
        TITLE,
        kind=Kind.ADVERTORIAL,
        region=region,
        author=author,
        tags=["batik"],
        body="<p>Batik tulis Gresik diskon besar.</p>",
    )
    popularity.record_read(story)  # in Terpopuler
    return story


@pytest.mark.parametrize(
    "page",
    ["region", "tag", "author", "search"],
)
def test_an_advertorial_is_labelled_in_each_listing(client, advertorial, page):
    url = {
        "region": advertorial.region.get_absolute_url(),
        "tag": reverse("articles:tag", args=["batik"]),
        "author": advertorial.author.get_absolute_url(),
        "search": reverse("articles:search") + "?q=batik",
    }[page]
    assert labelled(client.get(url).content.decode()) == (1, 1)


def test_an_advertorial_is_labelled_in_every_list_of_the_home_page(client, advertorial):
    editor = make_editor("redaktur")
    picked = make_article("Pameran Batik", kind=Kind.ADVERTORIAL, age=timedelta(hours=3))
    popularity.record_read(picked)
    for n in range(3):  # the newest news take the places beside the editors' lead
        make_article(f"Berita {n}", age=timedelta(minutes=10))
    make_article("Diskon Sarung", kind=Kind.ADVERTORIAL, age=timedelta(hours=5))
    services.front_page_pick_save(
        pick=FrontPagePick(article=advertorial, slot=FrontPagePick.Slot.LEAD), by=editor
    )
    services.front_page_pick_save(
        pick=FrontPagePick(article=picked, slot=FrontPagePick.Slot.PICK), by=editor
    )
    html = client.get("/").content.decode()
    assert labelled(html) == (2, 2)  # the lead, and in Terpopuler
    assert labelled(html, "Pameran Batik") == (2, 2)  # Pilihan Redaksi, and in Terpopuler
    assert labelled(html, "Diskon Sarung") == (1, 1)  # Berita Terbaru


def test_an_advertorial_is_labelled_beside_another_story(client, advertorial, region):
    """Berita Terkait, Berita Terbaru and Terpopuler beside a story."""
    story = make_article("Banjir di Gresik", region=region, tags=["batik"], age=timedelta(days=1))
    html = client.get(story.get_absolute_url()).content.decode()
    assert labelled(html) == (3, 3)


SHAPES = {
    "plain": '<a href="https://toko.example/promo">toko</a>',
    "capital scheme": '<a href="Https://toko.example/promo">toko</a>',
    "no scheme": '<a href="//toko.example/promo">toko</a>',
    "attribute first": '<a title="Toko kami" href="https://toko.example/promo">toko</a>',
    "spaces around it": '<a href="  https://toko.example/promo ">toko</a>',
}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_link_out_of_an_advertorial_is_sponsored_on_its_page_and_in_the_feed(client, shape):
    body = f"<p>Pesan di {SHAPES[shape]} atau <a href='/berita/lain/'>di sini</a>.</p>"
    story = make_article(TITLE, kind=Kind.ADVERTORIAL, body=body)
    page = client.get(story.get_absolute_url()).content.decode()
    links = re.findall(r"<a\b[^>]*>(?:toko|di sini)</a>", page)
    assert len(links) == 2
    assert 'rel="sponsored noopener"' in links[0]
    assert "sponsored" not in links[1]  # our own page is no paid link
    feed = feedparser.parse(client.get(reverse("articles:feed")).content)
    content = feed.entries[0].content[0].value
    outbound = re.search(r"<a\b[^>]*>toko</a>", content).group(0)
    assert 'rel="sponsored noopener"' in outbound
    assert "sponsored" not in re.search(r"<a\b[^>]*>di sini</a>", content).group(0)


def test_a_news_storys_links_are_never_sponsored(client):
    story = make_article("Berita biasa", body=f"<p>{SHAPES['capital scheme']}</p>")
    assert "sponsored" not in client.get(story.get_absolute_url()).content.decode()
    assert "sponsored" not in client.get(reverse("articles:feed")).content.decode()


@pytest.mark.parametrize(
    ("href", "out"),
    [
        ("https://toko.example/", True),
        ("HTTP://toko.example/", True),
        ("//toko.example/", True),
        ("/\\toko.example/", True),  # browsers read the backslash as a slash
        ("https:toko.example", True),
        ("/berita/x/", False),
        ("#bagian", False),
        ("mailto:iklan@toko.example", False),
        ("http://127.0.0.1:8000/berita/x/", False),  # SITE_URL: our own site
    ],
)
def test_what_counts_as_a_link_out(href, out):
    assert richtext.leaves_the_site(href) is out


def test_marking_links_leaves_everything_else_as_it_was():
    html = (
        '<p>A &amp; B &#169; <a href="https://x.example/?a=1&amp;b=2" rel="noopener">x</a>'
        '<br><img src="/media/a.jpg" alt="&quot;"><!-- c --></p>'
    )
    assert richtext.sponsored_links(html) == html.replace(
        'rel="noopener"', 'rel="sponsored noopener"'
    )
