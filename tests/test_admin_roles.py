"""Role by action in the admin: anonymous, the owning reporter, another reporter, an editor.

Requests are made by hand, so they include what the admin's own pages never
offer (a status in the POST, another reporter's article id, a hidden action).
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, PreviewLink
from tests.factories import (
    article_form_data,
    make_article,
    make_editor,
    make_region,
    make_reporter,
)

pytestmark = pytest.mark.django_db
Status = Article.Status

ROLES = ["anonymous", "owner", "other_reporter", "editor"]


@pytest.fixture
def people():
    return {
        "anonymous": None,
        "owner": make_reporter("pemilik"),
        "other_reporter": make_reporter("lain"),
        "editor": make_editor("redaktur"),
    }


@pytest.fixture
def draft(people):
    owner = people["owner"]
    return make_article("Draf pemilik", status=Status.DRAFT, author=owner.author, by=owner)


@pytest.fixture
def in_review(draft, people):
    return services.article_act(action="submit", article=draft, by=people["owner"])


def as_role(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def status_of(article):
    return Article.objects.values_list("status", flat=True).get(pk=article.pk)


def title_of(article):
    return Article.objects.values_list("title", flat=True).get(pk=article.pk)


# Listing -----------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


@pytest.mark.parametrize(
    ("role", "sees_draft"), [("owner", True), ("other_reporter", False), ("editor", True)]
)
def test_article_list_shows_own_articles_to_reporters_and_all_to_editors(
    client, people, draft, role, sees_draft
):
    make_article("Berita orang lain", author=people["other_reporter"].author)
    html = as_role(client, people, role).get(reverse("admin:articles_article_changelist"))
    html = html.content.decode()
    assert ("Draf pemilik" in html) is sees_draft
    assert ("Berita orang lain" in html) is (role != "owner")


def test_a_reporter_on_an_editors_page_is_told_why_and_where_to_go(client, people):
    queue = reverse("admin:articles_reviewqueue_changelist")
    response = as_role(client, people, "owner").get(queue)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Halaman ini bukan untuk akun Anda" in html
    assert f'href="{reverse("admin:index")}"' in html  # back to their desk


def test_review_queue_is_for_editors_and_shows_waiting_time(client, people, in_review):
    url = reverse("admin:articles_reviewqueue_changelist")
    assert as_role(client, people, "owner").get(url).status_code == 403
    client.logout()
    html = as_role(client, people, "editor").get(url).content.decode()
    assert "Draf pemilik" in html
    assert "menit" in html


def test_review_queue_puts_the_longest_waiting_first(client, people):
    owner = people["owner"]
    for title, waited in [("Baru masuk", 5), ("Lama menunggu", 90), ("Agak lama", 30)]:
        with time_machine.travel(timezone.now() - timedelta(minutes=waited)):
            article = make_article(title, status=Status.DRAFT, author=owner.author, by=owner)
            services.article_act(article=article, by=owner, action="submit")
    html = (
        as_role(client, people, "editor")
        .get(reverse("admin:articles_reviewqueue_changelist"))
        .content.decode()
    )
    positions = [html.index(title) for title in ("Lama menunggu", "Agak lama", "Baru masuk")]
    assert positions == sorted(positions)


# Opening and editing -----------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("owner", 200), ("other_reporter", 404), ("editor", 200)],
)
def test_opening_a_draft(client, people, draft, role, expected):
    assert as_role(client, people, role).get(change_url(draft)).status_code == expected


def test_owner_sees_article_in_review_read_only(client, people, in_review):
    html = as_role(client, people, "owner").get(change_url(in_review)).content.decode()
    assert 'name="title"' not in html
    assert "Menunggu redaksi" in html


def test_editor_can_edit_article_in_review(client, people, in_review):
    html = as_role(client, people, "editor").get(change_url(in_review)).content.decode()
    assert 'name="title"' in html
    assert "kembalikan ke wartawan" in html


@pytest.mark.parametrize(
    ("role", "expected_status", "changed"),
    [
        ("anonymous", 302, False),
        ("owner", 302, True),
        ("other_reporter", 404, False),
        ("editor", 302, True),
    ],
)
def test_saving_an_edit_of_a_draft(client, people, draft, role, expected_status, changed):
    data = article_form_data(draft, title="Judul baru")
    response = as_role(client, people, role).post(change_url(draft), data)
    assert response.status_code == expected_status
    assert (title_of(draft) == "Judul baru") is changed


def test_owner_cannot_edit_article_in_review(client, people, in_review):
    data = article_form_data(in_review, title="Diam-diam diubah")
    response = as_role(client, people, "owner").post(change_url(in_review), data)
    assert response.status_code == 403
    assert title_of(in_review) == "Draf pemilik"


def test_posted_status_and_publish_time_are_ignored(client, people, draft):
    data = article_form_data(
        draft, status="published", published_at="2020-01-01 00:00", title="Tetap draf"
    )
    as_role(client, people, "owner").post(change_url(draft), data)
    draft.refresh_from_db()
    assert draft.title == "Tetap draf"
    assert draft.status == Status.DRAFT
    assert draft.published_at is None


def test_reporter_cannot_write_under_another_byline(client, people):
    other_author = people["other_reporter"].author
    region = make_region()
    data = {
        "title": "Berita baru",
        "body": "<p>Isi.</p>",
        "region": region.pk,
        "author": other_author.pk,
        "tags": "",
    }
    as_role(client, people, "owner").post(reverse("admin:articles_article_add"), data)
    assert Article.objects.get(title="Berita baru").author == people["owner"].author


def test_reporter_without_author_profile_gets_a_clear_message(client, people):
    from tests.factories import make_user

    user = make_user(groups=["Wartawan"])
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_add"), follow=True)
    assert "belum terhubung dengan profil penulis" in response.content.decode()


# Workflow buttons --------------------------------------------------------


def test_owner_submits_with_the_button(client, people, draft):
    data = article_form_data(draft, title="Siap terbit", _action="submit")
    response = as_role(client, people, "owner").post(change_url(draft), data)
    assert response.status_code == 302
    assert status_of(draft) == Status.REVIEW
    assert title_of(draft) == "Siap terbit"


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish", "send_back"])
def test_owner_posting_an_editor_action_gets_a_form_error_and_keeps_text(
    client, people, draft, action
):
    data = article_form_data(
        draft,
        title="Teks yang tidak boleh hilang",
        _action=action,
        workflow_note="catatan",
        publish_at="2030-01-01T08:00",
    )
    response = as_role(client, people, "owner").post(change_url(draft), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hanya redaktur" in html
    assert "Teks yang tidak boleh hilang" in html
    assert status_of(draft) == Status.DRAFT
    assert title_of(draft) == "Draf pemilik"


def test_editor_send_back_without_note_is_refused_and_keeps_text(client, people, in_review):
    data = article_form_data(in_review, title="Perbaikan redaktur", _action="send_back")
    response = as_role(client, people, "editor").post(change_url(in_review), data)
    assert response.status_code == 200
    assert "Tulis catatan" in response.content.decode()
    assert status_of(in_review) == Status.REVIEW


def test_editor_sends_back_and_reporter_sees_the_note(client, people, in_review):
    data = article_form_data(in_review, _action="send_back", workflow_note="Lengkapi data.")
    as_role(client, people, "editor").post(change_url(in_review), data)
    assert status_of(in_review) == Status.RETURNED
    client.logout()
    html = as_role(client, people, "owner").get(change_url(in_review)).content.decode()
    assert "Lengkapi data." in html
    assert 'name="title"' in html  # editable again


def test_editor_schedules_with_the_button(client, people, in_review):
    data = article_form_data(in_review, _action="schedule", publish_at="2030-01-01T08:00")
    as_role(client, people, "editor").post(change_url(in_review), data)
    in_review.refresh_from_db()
    assert in_review.is_scheduled
    assert in_review.published_at.year == 2030


@pytest.mark.parametrize("pressed", [{}, {"_action": "publish"}])
def test_a_typed_schedule_is_never_dropped_by_enter_or_another_button(
    client, people, in_review, pressed
):
    """Enter in "Jadwal terbit" presses the first button, a plain save: the
    editor is told the time was not used, and loses neither it nor the text."""
    data = article_form_data(
        in_review, body="<p>Teks baru editor.</p>", publish_at="2030-01-01T08:00", **pressed
    )
    response = as_role(client, people, "editor").post(change_url(in_review), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Waktu ini belum dipakai" in html
    assert 'value="2030-01-01T08:00"' in html and "Teks baru editor." in html
    assert status_of(in_review) == Status.REVIEW


def test_editor_schedule_in_the_past_is_refused(client, people, in_review):
    data = article_form_data(in_review, _action="schedule", publish_at="2020-01-01T08:00")
    response = as_role(client, people, "editor").post(change_url(in_review), data)
    assert "masa mendatang" in response.content.decode()
    assert status_of(in_review) == Status.REVIEW


def test_editor_edit_of_published_article_keeps_it_published_and_marks_update(
    client, people, draft
):
    services.article_act(action="publish", article=draft, by=people["editor"])
    draft.refresh_from_db()
    data = article_form_data(draft, body="<p>Isi yang dikoreksi.</p>")
    as_role(client, people, "editor").post(change_url(draft), data)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.revised_at is not None
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Diperbarui" in page
    assert "Isi yang dikoreksi." in page


def test_slug_is_locked_once_published(client, people, draft):
    services.article_act(action="publish", article=draft, by=people["editor"])
    draft.refresh_from_db()
    data = article_form_data(draft, slug="alamat-baru")
    as_role(client, people, "editor").post(change_url(draft), data)
    draft.refresh_from_db()
    assert draft.slug != "alamat-baru"


@pytest.mark.parametrize(("role", "published"), [("owner", False), ("editor", True)])
def test_bulk_publish_action(client, people, in_review, role, published):
    as_role(client, people, role).post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [in_review.pk]},
    )
    assert (status_of(in_review) == Status.PUBLISHED) is published


# History, compare, restore ------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("owner", 200), ("other_reporter", 404), ("editor", 200)],
)
def test_history_page(client, people, draft, role, expected):
    url = reverse("admin:articles_article_history", args=[draft.pk])
    assert as_role(client, people, role).get(url).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("owner", 200), ("other_reporter", 404), ("editor", 200)],
)
def test_compare_page(client, people, draft, role, expected):
    services.article_save(article=draft, by=people["owner"], changes={"title": "Judul kedua"})
    url = reverse("admin:articles_article_compare", args=[draft.pk]) + "?from=1&to=2"
    assert as_role(client, people, role).get(url).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected", "restored"),
    [
        ("anonymous", 302, False),
        ("owner", 302, True),
        ("other_reporter", 404, False),
        ("editor", 302, True),
    ],
)
def test_restore(client, people, draft, role, expected, restored):
    services.article_save(article=draft, by=people["owner"], changes={"title": "Judul kedua"})
    url = reverse("admin:articles_article_restore", args=[draft.pk, 1])
    assert as_role(client, people, role).post(url).status_code == expected
    assert (title_of(draft) == "Draf pemilik") is restored


def test_owner_cannot_restore_while_in_review(client, people, in_review):
    services.article_save(article=in_review, by=people["editor"], changes={"title": "Judul kedua"})
    url = reverse("admin:articles_article_restore", args=[in_review.pk, 1])
    assert as_role(client, people, "owner").post(url).status_code == 403
    assert title_of(in_review) == "Judul kedua"


# Preview -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 404), ("owner", 200), ("other_reporter", 404), ("editor", 200)],
)
def test_staff_preview(client, people, draft, role, expected):
    url = reverse("articles:preview", args=[draft.pk])
    assert as_role(client, people, role).get(url).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected", "made"),
    [("anonymous", 302, False), ("owner", 403, False), ("editor", 302, True)],
)
def test_making_a_preview_link(client, people, draft, role, expected, made):
    url = reverse("admin:articles_article_preview_links", args=[draft.pk])
    assert as_role(client, people, role).post(url, {"hours": "24"}).status_code == expected
    assert PreviewLink.objects.filter(article=draft).exists() is made


# Found in review: side doors -------------------------------------------------


def shortcut_url(obj):
    from django.contrib.contenttypes.models import ContentType

    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


def test_view_on_site_shortcut_hides_other_reporters_drafts(client, people, draft):
    assert as_role(client, people, "other_reporter").get(shortcut_url(draft)).status_code == 404


def test_view_on_site_shortcut_never_reveals_a_preview_token(client, people, draft):
    link = services.preview_link_create(article=draft, by=people["editor"], hours=1)
    response = as_role(client, people, "other_reporter").get(shortcut_url(link))
    assert response.status_code == 404


def test_view_on_site_shortcut_sends_the_owner_to_the_preview(client, people, draft):
    response = as_role(client, people, "owner").get(shortcut_url(draft))
    assert response.url == reverse("articles:preview", args=[draft.pk])


def test_save_as_new_cannot_copy_an_article(client, people, draft):
    data = article_form_data(draft, _saveasnew="1", _action="submit")
    response = as_role(client, people, "other_reporter").post(change_url(draft), data)
    assert response.status_code == 403
    assert Article.objects.count() == 1


def test_revoking_with_a_malformed_link_id_is_404(client, people, draft):
    url = reverse("admin:articles_article_preview_links", args=[draft.pk])
    for value in ["abc", "", "1.5", "²"]:
        response = as_role(client, people, "editor").post(url, {"revoke": value})
        assert response.status_code == 404


def test_reporter_cannot_change_a_photo_used_by_someone_elses_article(client, people):
    from tests.factories import make_photo

    photo = make_photo(caption="Asli")
    make_article(lead_photo=photo, author=people["editor"].author)
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    response = as_role(client, people, "owner").post(
        url, {"caption": "Diganti", "credit": photo.credit, "alt_text": photo.alt_text}
    )
    assert response.status_code == 403
    photo.refresh_from_db()
    assert photo.caption == "Asli"


def test_reporter_may_change_a_photo_only_their_own_draft_uses(client, people, draft):
    from tests.factories import make_photo

    photo = make_photo(caption="Asli")
    draft.lead_photo = photo
    draft.save()
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    as_role(client, people, "owner").post(
        url, {"caption": "Diperbaiki", "credit": photo.credit, "alt_text": photo.alt_text}
    )
    photo.refresh_from_db()
    assert photo.caption == "Diperbaiki"


def test_view_on_site_shortcut_with_a_superscript_id_is_404(client, people):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Article)
    response = as_role(client, people, "editor").get(f"/admin/r/{content_type.pk}/²/")
    assert response.status_code == 404


def test_reporter_cannot_recredit_a_photo_in_the_body_of_someone_elses_published_story(
    client, people
):
    from tests.factories import make_photo

    photo = make_photo(credit="KJ/Rahmat")
    src = photo.renditions["article"][0]["jpeg"]
    make_article(
        body=f'<p>Banjir.</p><figure class="image"><img src="/media/{src}" alt="Air"></figure>',
        author=people["editor"].author,
    )
    reporter = as_role(client, people, "owner")
    texts = {"caption": photo.caption, "credit": "Pencuri", "alt_text": photo.alt_text}
    dialog = reporter.post(reverse("editor_photo_texts", args=[photo.key]), texts)
    assert dialog.status_code == 403
    page = reverse("admin:articles_photo_change", args=[photo.pk])
    assert reporter.post(page, texts).status_code == 403
    photo.refresh_from_db()
    assert photo.credit == "KJ/Rahmat"


# Deleting stories ----------------------------------------------------------


@pytest.fixture
def kept_story(settings, client):
    """A published story whose page readers have loaded: the page cache keeps it."""
    settings.PAGE_CACHE_SECONDS = 3600
    story = make_article("Berita yang akan dihapus", tags=["hapus"])
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Berita yang akan dihapus" in client.get("/").content.decode()
    return story


@pytest.mark.parametrize("how", ["change page", "bulk action"])
def test_a_superusers_delete_takes_the_story_off_kept_pages_at_once(
    client, admin_client, kept_story, how, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        if how == "change page":
            url = reverse("admin:articles_article_delete", args=[kept_story.pk])
            response = admin_client.post(url, {"post": "yes"})
        else:
            response = admin_client.post(
                reverse("admin:articles_article_changelist"),
                {"action": "delete_selected", "_selected_action": [kept_story.pk], "post": "yes"},
            )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=kept_story.pk).exists()
    assert client.get(kept_story.get_absolute_url()).status_code == 404
    assert "Berita yang akan dihapus" not in client.get("/").content.decode()


def test_only_a_superuser_may_delete_a_story(client, people, kept_story):
    url = reverse("admin:articles_article_delete", args=[kept_story.pk])
    assert as_role(client, people, "editor").post(url, {"post": "yes"}).status_code == 403
    with pytest.raises(services.NotAllowed):
        services.article_delete(article=kept_story, by=people["editor"])
    assert Article.objects.filter(pk=kept_story.pk).exists()
