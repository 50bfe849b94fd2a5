"""Bureaus: a Blitar editor decides on Blitar's stories (its sub-regions
included) and on nothing of Gresik's; the chief editor decides on all.

Each workflow action, admin list, autocomplete and bulk action is tried by
the Blitar editor on a Blitar story (allowed), on a Gresik story (refused:
403, 404 or no button) and by the chief editor (allowed).
"""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import services, workflow
from articles.models import Article, FrontPagePick, LiveEntry, Notice
from tests.factories import (
    article_form_data,
    make_article,
    make_author,
    make_editor,
    make_region,
    make_reporter,
)

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def desk():
    jatim = make_region("Jawa Timur", slug="jawa-timur")
    blitar = make_region("Blitar", slug="blitar", parent=jatim)
    gresik = make_region("Gresik", slug="gresik", parent=jatim)
    people = {
        "blitar_editor": make_editor("redaktur-blitar", regions=[blitar], email="b@example.com"),
        "gresik_editor": make_editor("redaktur-gresik", regions=[gresik], email="g@example.com"),
        "chief": make_editor("pemred", email="pemred@example.com"),
        "blitar_reporter": make_reporter("wartawan-blitar"),
        "gresik_reporter": make_reporter("wartawan-gresik"),
    }
    return {
        "jatim": jatim,
        "blitar": blitar,
        # A sub-region: Blitar's bureau covers it too.
        "kanigoro": make_region("Kanigoro", slug="kanigoro", parent=blitar),
        "gresik": gresik,
        "nasional": make_region("Nasional", slug="nasional"),
        **people,
    }


def story(desk, region, status=Status.REVIEW, **fields):
    author = fields.pop("author", None) or make_author()
    return make_article(
        f"Berita {region} {status}", status=status, region=desk[region], author=author, **fields
    )


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


# Workflow actions, through the service every door uses ------------------

ACTIONS = [
    # (action, the state it starts from, its input)
    ("send_back", Status.REVIEW, {"note": "Lengkapi kutipan."}),
    ("publish", Status.REVIEW, {}),
    ("schedule", Status.REVIEW, {"publish_at": "tomorrow"}),
    ("unpublish", Status.PUBLISHED, {}),
    ("withdraw", Status.PUBLISHED, {"note": "Sumber mencabut keterangannya."}),
]
WHO_MAY = [
    # (who, the story's region, allowed)
    ("blitar_editor", "blitar", True),
    ("blitar_editor", "kanigoro", True),
    ("blitar_editor", "gresik", False),
    ("blitar_editor", "nasional", False),
    ("chief", "blitar", True),
    ("chief", "gresik", True),
    ("chief", "nasional", True),
]


@pytest.mark.parametrize(("action", "start", "given"), ACTIONS, ids=[a[0] for a in ACTIONS])
@pytest.mark.parametrize(("who", "region", "allowed"), WHO_MAY)
def test_workflow_actions_are_the_bureaus_own(desk, action, start, given, who, region, allowed):
    article = story(desk, region, start)
    if given.get("publish_at") == "tomorrow":
        given = {"publish_at": timezone.now() + timedelta(days=1)}
    act = {"article": article, "by": desk[who], "action": action, **given}
    if allowed:
        assert services.article_act(**act).status == workflow.ACTIONS[action].to
    else:
        with pytest.raises(workflow.NotAllowed, match="di luar wilayah biro Anda"):
            services.article_act(**act)
        assert Article.objects.get(pk=article.pk).status == start


@pytest.mark.parametrize(("who", "region", "allowed"), WHO_MAY)
def test_corrections_live_entries_and_preview_links_are_the_bureaus_own(desk, who, region, allowed):
    live = story(desk, region, Status.PUBLISHED, kind=Article.Kind.LIVE)
    by = desk[who]
    steps = [
        lambda: services.correction_add(
            article=live, by=by, kind="ralat", text="Nama camat diperbaiki."
        ),
        lambda: services.live_entry_save(entry=LiveEntry(article=live, text="Hujan reda."), by=by),
        lambda: services.preview_link_create(article=live, by=by, hours=2),
    ]
    for step in steps:
        if allowed:
            step()
        else:
            with pytest.raises(workflow.NotAllowed):
                step()
    assert live.corrections.exists() == allowed
    assert live.live_entries.exists() == allowed


# The admin: buttons, lists, autocomplete, bulk actions ---------------


def test_the_editor_gets_the_buttons_on_their_bureaus_story_and_a_404_on_anothers(client, desk):
    client.force_login(desk["blitar_editor"])
    page = client.get(change_url(story(desk, "blitar"))).content.decode()
    assert 'value="publish"' in page and 'value="send_back"' in page
    gresik = story(desk, "gresik")
    assert client.get(change_url(gresik)).status_code == 404
    posted = article_form_data(gresik, _action="publish")
    assert client.post(change_url(gresik), posted).status_code == 404
    assert Article.objects.get(pk=gresik.pk).status == Status.REVIEW


def test_the_chief_gets_the_buttons_on_every_regions_story(client, desk):
    client.force_login(desk["chief"])
    for region in ("blitar", "gresik", "nasional"):
        page = client.get(change_url(story(desk, region))).content.decode()
        assert 'value="publish"' in page


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("blitar_editor", {"blitar", "kanigoro"}),
        ("gresik_editor", {"gresik"}),
        ("chief", {"blitar", "kanigoro", "gresik", "nasional"}),
    ],
)
def test_article_list_review_queue_and_desk_show_the_bureaus_stories(client, desk, who, shown):
    stories = {
        region: story(desk, region) for region in ("blitar", "kanigoro", "gresik", "nasional")
    }
    client.force_login(desk[who])
    article_list = client.get(reverse("admin:articles_article_changelist")).content.decode()
    queue = client.get(reverse("admin:articles_reviewqueue_changelist")).content.decode()
    home = client.get(reverse("admin:index")).content.decode()
    for region, article in stories.items():
        for page in (article_list, queue, home):
            assert (article.title in page) == (region in shown), (region, page[:0])


def test_live_entries_list_shows_the_bureaus_live_stories(client, desk):
    for region in ("blitar", "gresik"):
        live = story(desk, region, Status.PUBLISHED, kind=Article.Kind.LIVE)
        services.live_entry_save(
            entry=LiveEntry(article=live, text=f"Kabar {region}"), by=desk["chief"]
        )
    client.force_login(desk["blitar_editor"])
    page = client.get(reverse("admin:articles_liveentry_changelist")).content.decode()
    assert "Kabar blitar" in page and "Kabar gresik" not in page


def autocomplete(client, model_name, field_name, term=""):
    url = reverse("admin:autocomplete")
    query = {"app_label": "articles", "model_name": model_name, "field_name": field_name}
    answer = client.get(url, {**query, "term": term})
    assert answer.status_code == 200
    return {row["text"] for row in json.loads(answer.content)["results"]}


def test_story_autocomplete_offers_only_the_bureaus_stories(client, desk):
    blitar = story(desk, "blitar", Status.PUBLISHED, kind=Article.Kind.LIVE)
    gresik = story(desk, "gresik", Status.PUBLISHED, kind=Article.Kind.LIVE)
    client.force_login(desk["blitar_editor"])
    offered = autocomplete(client, "liveentry", "article", "Berita")
    assert blitar.title in offered and gresik.title not in offered
    client.force_login(desk["chief"])
    assert {blitar.title, gresik.title} <= autocomplete(client, "liveentry", "article", "Berita")


def test_region_autocomplete_offers_a_bureau_editor_only_their_regions(client, desk):
    client.force_login(desk["blitar_editor"])
    assert autocomplete(client, "article", "region") == {"Blitar", "Kanigoro"}
    client.force_login(desk["blitar_reporter"])  # a reporter files anywhere
    assert {"Blitar", "Gresik", "Nasional"} <= autocomplete(client, "article", "region")


@pytest.mark.parametrize(
    ("who", "published"), [("blitar_editor", {"blitar"}), ("chief", {"blitar", "gresik"})]
)
def test_bulk_publish_acts_only_on_the_bureaus_stories(client, desk, who, published):
    stories = {region: story(desk, region) for region in ("blitar", "gresik")}
    client.force_login(desk[who])
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [a.pk for a in stories.values()]},
    )
    for region, article in stories.items():
        is_out = Article.objects.get(pk=article.pk).status == Status.PUBLISHED
        assert is_out == (region in published)


# Moving a story between regions --------------------------------------


def test_an_editor_cannot_move_a_story_out_of_or_into_another_bureaus_region(client, desk):
    client.force_login(desk["blitar_editor"])
    blitar = story(desk, "blitar")
    form = article_form_data(blitar, region=desk["gresik"].pk, title="Judul baru yang diketik")
    page = client.post(change_url(blitar), form)
    assert page.status_code == 200  # the form again, with what was typed
    assert "wilayah biro lain" in page.content.decode()
    assert "Judul baru yang diketik" in page.content.decode()
    assert Article.objects.get(pk=blitar.pk).region == desk["blitar"]
    with pytest.raises(workflow.NotAllowed):
        services.article_save(
            article=story(desk, "nasional", author=desk["blitar_editor"].author),
            by=desk["blitar_editor"],
            changes={"region": desk["blitar"]},
        )


def test_a_reporters_story_moved_to_gresik_goes_to_gresiks_queue(desk):
    reporter = desk["blitar_reporter"]
    draft = story(desk, "blitar", Status.DRAFT, author=reporter.author, by=reporter)
    moved = services.article_save(
        article=draft, by=reporter, changes={"region": desk["gresik"]}, action="submit"
    )
    assert moved.region == desk["gresik"]
    assert moved in workflow.articles_decided_by(desk["gresik_editor"])
    assert moved not in workflow.articles_decided_by(desk["blitar_editor"])
    with pytest.raises(workflow.NotAllowed):
        services.article_act(article=moved, by=desk["blitar_editor"], action="publish")
    services.article_act(article=moved, by=desk["gresik_editor"], action="publish")


def test_a_chief_moves_a_story_anywhere(desk):
    moved = services.article_save(
        article=story(desk, "blitar"), by=desk["chief"], changes={"region": desk["gresik"]}
    )
    assert moved.region == desk["gresik"]


# Notices -------------------------------------------------------------


def test_a_story_submitted_for_gresik_notifies_gresiks_editors_only(
    desk, django_capture_on_commit_callbacks
):
    reporter = desk["gresik_reporter"]
    draft = story(desk, "gresik", Status.DRAFT, author=reporter.author, by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_act(article=draft, by=reporter, action="submit")
    told = set(Notice.objects.values_list("user__username", flat=True))
    assert told == {"redaktur-gresik"}
    assert [m.to for m in mail.outbox] == [["g@example.com"]]


def test_a_story_of_a_region_no_bureau_covers_notifies_the_chief(
    desk, django_capture_on_commit_callbacks
):
    reporter = desk["blitar_reporter"]
    draft = story(desk, "nasional", Status.DRAFT, author=reporter.author, by=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_act(article=draft, by=reporter, action="submit")
    told = set(Notice.objects.values_list("user__username", flat=True))
    assert "pemred" in told and not told & {"redaktur-blitar", "redaktur-gresik"}


# Reporters -----------------------------------------------------------


def test_a_reporter_does_not_see_another_bureaus_drafts(client, desk):
    blitar_reporter, gresik_reporter = desk["blitar_reporter"], desk["gresik_reporter"]
    draft = story(desk, "blitar", Status.DRAFT, author=blitar_reporter.author, by=blitar_reporter)
    client.force_login(gresik_reporter)
    assert client.get(change_url(draft)).status_code == 404
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert draft.title not in listing
    assert client.get(reverse("admin:articles_reviewqueue_changelist")).status_code == 403


# The front page, the breaking bar, the bureaus themselves -------------


def test_a_bureau_editor_proposes_a_front_page_pick_and_the_chief_confirms_it(client, desk):
    blitar = story(desk, "blitar", Status.PUBLISHED)
    proposal = services.front_page_pick_save(
        pick=FrontPagePick(article=blitar), by=desk["blitar_editor"]
    )
    assert not proposal.confirmed
    assert not FrontPagePick.objects.active().exists()  # waiting, off the page
    with pytest.raises(workflow.NotAllowed):
        services.front_page_pick_confirm(pick=proposal, by=desk["blitar_editor"])
    with pytest.raises(workflow.NotAllowed):
        services.front_page_pick_save(
            pick=FrontPagePick(article=story(desk, "gresik", Status.PUBLISHED)),
            by=desk["blitar_editor"],
        )
    client.force_login(desk["chief"])
    client.post(
        reverse("admin:articles_frontpagepick_changelist"),
        {"action": "confirm", "_selected_action": [proposal.pk]},
    )
    assert list(FrontPagePick.objects.active()) == [proposal]


def test_only_the_chief_marks_breaking_news(desk):
    blitar = story(desk, "blitar", Status.PUBLISHED)
    soon = timezone.now() + timedelta(hours=2)
    with pytest.raises(workflow.NotAllowed):
        services.article_save(
            article=blitar, by=desk["blitar_editor"], changes={"breaking_until": soon}
        )
    saved = services.article_save(
        article=blitar, by=desk["chief"], changes={"breaking_until": soon}
    )
    assert saved.breaking_until == soon


def test_the_breaking_field_is_not_offered_to_a_bureau_editor(client, desk):
    blitar = story(desk, "blitar")
    client.force_login(desk["blitar_editor"])
    assert 'name="breaking_until' not in client.get(change_url(blitar)).content.decode()
    client.force_login(desk["chief"])
    assert 'name="breaking_until' in client.get(change_url(blitar)).content.decode()


def test_only_the_chief_manages_bureaus_and_changes_are_on_the_audit_list(client, desk):
    bureaus = reverse("admin:articles_bureau_changelist")
    client.force_login(desk["blitar_editor"])
    assert client.get(bureaus).status_code == 403
    with pytest.raises(workflow.NotAllowed):
        services.bureau_save(
            bureau=desk["blitar_editor"].bureaus_edited.get(),
            by=desk["blitar_editor"],
            regions=[desk["gresik"]],
        )
    client.force_login(desk["chief"])
    assert client.get(bureaus).status_code == 200
    bureau = desk["gresik_editor"].bureaus_edited.get()
    services.bureau_save(
        bureau=bureau, by=desk["chief"], regions=[desk["gresik"]], editors=[desk["blitar_editor"]]
    )
    assert workflow.decides_on(
        desk["blitar_editor"].__class__.objects.get(pk=desk["blitar_editor"].pk),
        story(desk, "gresik"),
    )
    events = desk["gresik_editor"].account_events.values_list("detail", flat=True)
    assert any("Keluar dari biro" in event for event in events)
