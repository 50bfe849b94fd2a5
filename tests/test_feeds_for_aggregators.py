"""Feeds read as an aggregator reads them (feedparser): image, full text, categories, authors."""

import feedparser
import pytest
from django.urls import reverse

from tests.factories import make_article, make_author, make_photo, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    photo = make_photo(caption="Warga antre di depan TPS.", credit="KJ/Rahmat")
    body_photo = make_photo()
    inline = body_photo.renditions["article"][0]["jpeg"]
    return make_article(
        "Pemilu di Blitar lancar",
        region=make_region("Blitar", slug="blitar"),
        author=make_author("Lestari Wulandari", slug="lestari"),
        lead_photo=photo,
        tags=["Pemilu 2024"],
        summary="Pemungutan suara berjalan tertib.",
        body=(
            "<p>Ratusan warga antre sejak pagi.</p>"
            f'<figure class="image"><img src="/media/{inline}" alt="TPS"></figure>'
            "<p>Penghitungan selesai sore hari.</p>"
        ),
    )


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")  # well-formed XML
    return feed


def test_an_item_carries_the_lead_image_with_its_size_and_credit(client, story):
    [item] = parse(client, reverse("articles:feed")).entries
    [image] = item.media_content
    photo = story.lead_photo
    assert image["url"].startswith("http://testserver/media/renditions/")
    largest = photo.renditions["article"][-1]
    assert (int(image["width"]), int(image["height"])) == (largest["w"], largest["h"])
    assert item.media_credit[0]["content"] == "KJ/Rahmat"


def test_an_item_carries_the_whole_story_with_absolute_urls(client, story):
    [item] = parse(client, reverse("articles:feed")).entries
    content = item.content[0].value
    for words in ("KABARJATIM.ID, Blitar", "Ratusan warga antre", "Penghitungan selesai", "(Les)"):
        assert words in content
    assert 'src="http://testserver/media/renditions/' in content
    assert 'src="/' not in content
    assert item.summary == "Pemungutan suara berjalan tertib."


def test_an_item_names_its_categories_and_author(client, story):
    [item] = parse(client, reverse("articles:feed")).entries
    assert {tag.term for tag in item.tags} == {"Blitar", "Pemilu 2024"}
    assert item.author == "Lestari Wulandari"


def test_region_and_tag_feeds_parse_with_the_same_items(client, story):
    for url in (
        reverse("articles:region_feed", args=["blitar"]),
        reverse("articles:tag_feed", args=[story.tags.get().slug]),
        reverse("articles:author_feed", args=["lestari"]),
    ):
        [item] = parse(client, url).entries
        assert item.title == story.title
        assert item.media_content and item.content


def test_a_character_xml_forbids_in_a_body_does_not_break_the_feed(client):
    make_article("Harga cabai", body="<p>Naik&#11;turun&#xFFFE; setiap pekan.</p>")
    [item] = parse(client, reverse("articles:feed")).entries
    assert "Naikturun setiap pekan." in item.content[0].value


def test_a_region_and_a_tag_of_one_name_are_one_category(client):
    """`<category>Blitar</category>` once, when the region and a tag are both Blitar."""
    make_article(
        "Banjir di Blitar", region=make_region("Blitar", slug="blitar"), tags=["blitar", "Banjir"]
    )
    response = client.get(reverse("articles:feed"))
    assert response.content.decode().lower().count("<category>blitar</category>") == 1
    [item] = parse(client, reverse("articles:feed")).entries
    assert [tag.term for tag in item.tags] == ["Blitar", "Banjir"]
