"""The editors' front page: a lead story and picks, each until a time, on top of the newest."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services, workflow
from articles.models import Article, FrontPagePick
from tests.factories import make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db
Slot = FrontPagePick.Slot


@pytest.fixture
def stories():
    return [make_article(f"Berita {n}", age=timedelta(hours=n + 1)) for n in range(8)]


def choose(editor, article, slot=Slot.PICK, **fields):
    return services.front_page_pick_save(
        pick=FrontPagePick(article=article, slot=slot, **fields), by=editor
    )


def leads_and_picks(client):
    context = client.get("/").context
    return [a.title for a in context["leads"]], [a.title for a in context["picks"]]


def test_an_editors_lead_tops_the_front_page_without_changing_publish_times(
    client, editor, stories
):
    old = stories[-1]
    published_at = old.published_at
    choose(editor, old, Slot.LEAD)
    leads, _picks = leads_and_picks(client)
    assert leads == ["Berita 7", "Berita 0", "Berita 1"]
    assert Article.objects.get(pk=old.pk).published_at == published_at


def test_picks_show_as_pilihan_redaksi_and_an_expired_one_falls_back(client, editor, stories):
    choose(editor, stories[5], until=timezone.now() + timedelta(hours=2))
    choose(editor, stories[6])
    _leads, picks = leads_and_picks(client)
    assert picks == ["Berita 5", "Berita 6"]
    assert "Pilihan Redaksi" in client.get("/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        _leads, picks = leads_and_picks(client)
    assert picks == ["Berita 6"]


def test_an_expired_lead_gives_the_top_back_to_the_newest(client, editor, stories):
    choose(editor, stories[4], Slot.LEAD, until=timezone.now() + timedelta(minutes=30))
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        leads, _picks = leads_and_picks(client)
    assert leads[0] == "Berita 0"


def test_a_new_lead_replaces_the_old_and_picks_are_limited(editor, stories):
    choose(editor, stories[1], Slot.LEAD)
    choose(editor, stories[2], Slot.LEAD)
    assert [p.article_id for p in FrontPagePick.objects.active().filter(slot=Slot.LEAD)] == [
        stories[2].pk
    ]
    for story in stories[3 : 3 + services.MAX_PICKS]:
        choose(editor, story)
    with pytest.raises(workflow.Refused, match="paling banyak"):
        choose(editor, stories[0])


def test_only_editors_choose_and_only_published_stories(editor, stories):
    with pytest.raises(workflow.NotAllowed):
        choose(make_reporter(), stories[0])
    draft = make_article(status=Article.Status.DRAFT)
    with pytest.raises(workflow.Refused, match="terbit"):
        choose(editor, draft)


def test_changing_the_front_page_purges_the_home_page_only(
    client, editor, stories, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 3600
    article_url = stories[0].get_absolute_url()
    client.get("/")
    client.get(article_url)
    with (
        time_machine.travel(timezone.now() + timedelta(seconds=5)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        choose(editor, stories[7], Slot.LEAD)
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        assert client.get("/").context["leads"][0].title == "Berita 7"  # rendered again
        with CaptureQueriesContext(connection) as queries:
            client.get(article_url)
        assert len(queries) == 0  # still kept


def test_an_editor_sets_the_lead_in_the_admin(client, editor, stories):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_frontpagepick_add"),
        {"article": stories[3].pk, "slot": "lead", "order": 0, "until": ""},
    )
    assert response.status_code == 302
    assert FrontPagePick.objects.get().article == stories[3]


def test_an_editor_reorders_the_picks_by_dragging_rows(client, editor, stories):
    first, second, third = (choose(editor, stories[n], order=n) for n in (4, 5, 6))
    client.force_login(editor)
    url = reverse("admin:articles_frontpagepick_order")
    response = client.post(url, {"pick": [third.pk, first.pk, second.pk, "x"]})
    assert response.json() == {"message": "Urutan halaman depan disimpan."}
    _leads, picks = leads_and_picks(client)
    assert picks == ["Berita 6", "Berita 4", "Berita 5"]
    client.force_login(make_reporter())
    assert client.post(url, {"pick": [first.pk]}).status_code in (302, 403)
    _leads, picks = leads_and_picks(client)
    assert picks == ["Berita 6", "Berita 4", "Berita 5"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("migrated_data_restored")
@pytest.mark.postgresql(reason="concurrent writers need PostgreSQL")
def test_two_editors_adding_the_last_pick_at_once_keep_the_limit():
    import threading

    from django.db import connections

    editor = make_editor("redaktur")
    stories = [make_article(f"Berita {n}", age=timedelta(hours=n + 1)) for n in range(10)]
    for story in stories[3 : 3 + services.MAX_PICKS - 1]:
        choose(editor, story)
    start, outcomes = threading.Barrier(2), []

    def add(story):
        try:
            start.wait()
            choose(editor, story)
            outcomes.append("saved")
        except workflow.Refused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(s,)) for s in stories[8:10]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert FrontPagePick.objects.active().filter(slot=Slot.PICK).count() == services.MAX_PICKS


def test_berita_terbaru_starts_with_the_newest_story_not_shown_above(client, editor, stories):
    choose(editor, stories[3])  # the newest story below the three leads
    context = client.get("/").context
    above = {a.pk for a in [*context["leads"], *context["picks"]]}
    assert [a.title for a in context["latest"]][:1] == ["Berita 4"]
    assert not above & {a.pk for a in context["latest"]}


def test_a_story_already_in_pilihan_redaksi_cannot_be_picked_again(client, editor, stories):
    choose(editor, stories[5], until=timezone.now() + timedelta(hours=2))
    with pytest.raises(workflow.Refused, match="sudah ada di Pilihan Redaksi"):
        choose(editor, stories[5])
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_frontpagepick_add"),
        {"article": stories[5].pk, "slot": "pick", "order": 0, "until": ""},
    )
    assert response.status_code == 200
    assert "sudah ada di Pilihan Redaksi" in response.content.decode()
    assert FrontPagePick.objects.count() == 1
    _leads, picks = leads_and_picks(client)
    assert picks == ["Berita 5"]


def test_two_open_ended_picks_of_one_story_are_refused_by_the_database(editor, stories):
    from django.db import IntegrityError, transaction

    FrontPagePick.objects.create(article=stories[5])
    with pytest.raises(IntegrityError), transaction.atomic():
        FrontPagePick.objects.create(article=stories[5])


def test_a_story_whose_pick_ended_can_be_picked_again(editor, stories):
    choose(editor, stories[5], until=timezone.now() + timedelta(minutes=1))
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        choose(editor, stories[5])
    assert FrontPagePick.objects.filter(article=stories[5]).count() == 2


def test_a_pick_ending_in_year_one_is_refused_beside_its_time(client, editor, stories):
    client.force_login(editor)
    form = {"article": stories[5].pk, "slot": "pick", "order": 0}
    response = client.post(
        reverse("admin:articles_frontpagepick_add"),
        {**form, "until_0": "0001-01-01", "until_1": "00:00"},
    )
    assert response.status_code == 200
    assert "antara tahun 2000 dan 2100" in response.context["adminform"].form.errors["until"][0]
    assert not FrontPagePick.objects.exists()
    assert client.get("/").status_code == 200
