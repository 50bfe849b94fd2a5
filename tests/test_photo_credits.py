"""A photo's credit links to its photographer's page only when that page exists."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.models import Article
from tests.factories import make_article, make_author, make_photo

pytestmark = pytest.mark.django_db


def photo_by(author, editor, credit="KJ/Rahmat"):
    photo = make_photo(credit=credit)
    return services.photo_update(
        photo=photo,
        by=editor,
        caption=photo.caption,
        credit=credit,
        alt_text=photo.alt_text,
        photographer=author,
    )


def inline(photo):
    url = photo.image.storage.url(photo.renditions["article"][0]["jpeg"])
    return (
        f'<figure class="image"><img src="{url}" alt="Banjir">'
        "<figcaption>Air.</figcaption></figure>"
    )


def json_ld_image(html):
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    article = next(item for item in data["@graph"] if "image" in item)
    return article["image"][0]


def test_a_photographer_without_a_story_is_credited_without_a_dead_link(client, editor):
    rahmat = make_author("Rahmat Hidayat", slug="rahmat")
    lead, in_body = photo_by(rahmat, editor), photo_by(rahmat, editor, credit="KJ/Rahmat H")
    story = make_article("Banjir", lead_photo=lead, body=f"<p>Isi.</p>{inline(in_body)}")
    assert client.get(rahmat.get_absolute_url()).status_code == 404  # no page to link to
    html = client.get(story.get_absolute_url()).content.decode()
    assert rahmat.get_absolute_url() not in html
    assert '<span class="credit">KJ/Rahmat</span>' in html  # the lead photo
    assert '<span class="credit">KJ/Rahmat H</span>' in html  # the photo in the body
    creator = json_ld_image(html)["creator"]
    assert creator["name"] == "Rahmat Hidayat" and "url" not in creator


def test_a_photographer_with_a_published_story_is_linked_to_their_page(client, editor):
    rahmat = make_author("Rahmat Hidayat", slug="rahmat")
    make_article("Tulisan Rahmat", author=rahmat)
    lead, in_body = photo_by(rahmat, editor), photo_by(rahmat, editor, credit="KJ/Rahmat H")
    story = make_article("Banjir", lead_photo=lead, body=f"<p>Isi.</p>{inline(in_body)}")
    html = client.get(story.get_absolute_url()).content.decode()
    url = rahmat.get_absolute_url()
    assert f'<a class="credit" href="{url}">KJ/Rahmat</a>' in html
    assert f'<a class="credit" href="{url}">KJ/Rahmat H</a>' in html
    assert json_ld_image(html)["creator"]["url"].endswith(url)
    assert client.get(url).status_code == 200


def test_the_credit_links_once_the_photographers_first_story_is_published(
    client, editor, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    rahmat = make_author("Rahmat Hidayat", slug="rahmat")
    story = make_article("Banjir", lead_photo=photo_by(rahmat, editor))
    assert rahmat.get_absolute_url() not in client.get(story.get_absolute_url()).content.decode()
    draft = make_article("Tulisan Rahmat", author=rahmat, status=Article.Status.REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_act(
            article=draft, by=editor, action="publish", base_revision=draft.revision
        )
    html = client.get(story.get_absolute_url()).content.decode()  # the kept copy was purged
    assert f'<a class="credit" href="{rahmat.get_absolute_url()}">' in html


def test_checking_photographers_pages_costs_the_same_for_one_photo_or_many(client, editor):
    def queries(count):
        photos = [photo_by(make_author(), editor) for _ in range(count)]
        body = "<p>Isi.</p>" + "".join(inline(photo) for photo in photos)
        story = make_article(lead_photo=photos[0], body=body)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(story.get_absolute_url()).status_code == 200
        return len(captured)

    queries(1)  # the menu and other shared lists are kept from here on
    assert queries(1) == queries(4)
