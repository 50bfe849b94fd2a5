"""Several reporters on one story, an editor line, and the photographer as a person."""

import json
import re

import feedparser
import pytest
from django.urls import reverse

from articles import services, workflow
from articles.models import Article
from tests.factories import (
    article_form_data,
    make_article,
    make_author,
    make_photo,
    make_reporter,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return {
        "les": make_author("Lestari Wulandari", initials="Les", slug="lestari"),
        "faz": make_author("Ahmad Fauzi", initials="Faz", slug="fauzi"),
        "dew": make_author("Dewi Anggraini", initials="Dew", slug="dewi"),
        "bud": make_author("Budi Santoso", initials="Bud", slug="budi"),
    }


@pytest.fixture
def story(editor, team):
    article = make_article("Jembatan Brantas retak", author=team["les"])
    return services.article_save(
        article=article,
        by=editor,
        base_revision=Article.objects.get(pk=article.pk).revision,
        changes={"editor": team["bud"]},
        coauthors=[team["faz"], team["dew"]],
    )


def json_ld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))["@graph"][0]


def test_the_byline_names_every_author_in_order_and_the_editor(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    names = re.search(r'class="byline__names">(.*?)</span>', html, re.S).group(1)
    assert (
        re.sub(r"<[^>]+>", "", names) == "Penulis: Lestari Wulandari, Ahmad Fauzi, Dewi Anggraini"
    )
    assert "Editor: <a" in html and "Budi Santoso" in html
    assert "(Les/Faz/Dew)" in html  # every author's initials sign the story off
    data = json_ld(html)
    assert [a["name"] for a in data["author"]] == [
        "Lestari Wulandari",
        "Ahmad Fauzi",
        "Dewi Anggraini",
    ]
    assert data["editor"]["name"] == "Budi Santoso"


def test_a_co_author_page_and_feed_list_the_story(client, story):
    html = client.get(reverse("articles:author", args=["dewi"])).content.decode()
    assert story.title in html
    feed = feedparser.parse(client.get(reverse("articles:author_feed", args=["dewi"])).content)
    [item] = feed.entries
    assert item.title == story.title
    assert item.author == "Lestari Wulandari, Ahmad Fauzi, Dewi Anggraini"


def test_an_editor_orders_co_authors_in_the_article_form(client, editor, story, team):
    client.force_login(editor)
    data = article_form_data(story, coauthors=[team["dew"].pk, team["faz"].pk])
    response = client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 302
    fresh = Article.objects.get(pk=story.pk)
    assert [a.name for a in fresh.bylines()] == [
        "Lestari Wulandari",
        "Dewi Anggraini",
        "Ahmad Fauzi",
    ]
    form = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    select = re.search(r'<select name="coauthors".*?</select>', form, re.S).group(0)
    shown = re.findall(r'<option value="(\d+)" selected>', select)
    assert shown == [str(team["dew"].pk), str(team["faz"].pk)]


def test_a_reporter_cannot_change_the_byline(story, team):
    reporter = make_reporter()
    with pytest.raises(workflow.NotAllowed):
        services.article_save(
            article=story,
            by=reporter,
            base_revision=Article.objects.get(pk=story.pk).revision,
            coauthors=[team["faz"]],
        )


def test_publishing_names_the_publishing_editor(editor):
    draft = make_article("Draf", status=Article.Status.REVIEW)
    published = services.article_act(
        article=draft, by=editor, action="publish", base_revision=draft.revision
    )
    assert published.editor == editor.author


def test_the_photographer_is_linked_from_the_credit(client, team, editor, story):
    """Fauzi co-wrote `story`: his author page exists."""
    photo = make_photo(credit="KJ/Fauzi")
    services.photo_update(
        photo=photo,
        by=editor,
        caption=photo.caption,
        credit=photo.credit,
        alt_text=photo.alt_text,
        photographer=team["faz"],
    )
    story = make_article("Banjir", lead_photo=photo)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'<a class="credit" href="{team["faz"].get_absolute_url()}">KJ/Fauzi</a>' in html
    image = json_ld(html)["image"][0]
    assert image["creator"]["name"] == "Ahmad Fauzi"
    assert image["creditText"] == "KJ/Fauzi"


def test_a_new_co_author_sees_the_story_on_their_kept_page(
    client, editor, story, team, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    page = reverse("articles:author", args=["fauzi"])
    other = make_article("Pasar Legi ramai", author=team["faz"])
    assert other.title in client.get(page).content.decode()  # kept now
    second = make_article("Harga cabai naik", author=team["les"])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(
            article=second,
            by=editor,
            base_revision=Article.objects.get(pk=second.pk).revision,
            coauthors=[team["faz"]],
        )
    assert second.title in client.get(page).content.decode()


def test_a_co_author_id_no_database_can_hold_is_a_form_error(client, editor, story):
    client.force_login(editor)
    data = article_form_data(story, coauthors=["9" * 25])
    response = client.post(reverse("admin:articles_article_change", args=[story.pk]), data)
    assert response.status_code == 200
    assert f"“{'9' * 25}” bukan nilai yang valid." in response.content.decode()
