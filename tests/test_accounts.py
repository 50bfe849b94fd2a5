"""Accounts' life: the chief editor changes roles and deactivates people,
who keep their bylines and history and lose their sessions; every such
change, and every decision on a story, is on the chief's audit list."""

import html

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services, workflow
from articles.models import AccountEvent, Article, ArticleAutosave
from tests.factories import make_article, make_editor, make_region

pytestmark = pytest.mark.django_db

USERS = reverse("admin:auth_user_changelist")
AUDIT = reverse("admin:articles_accountevent_changelist")


@pytest.fixture
def chief():
    return make_editor("pemred")


def signed_in(client, user):
    """A browser `user` signed in with, through the login form as people do."""
    answer = client.post(
        reverse("account_login"), {"login": user.username, "password": "secret-pass-123"}
    )
    assert answer.status_code == 302
    return client


def test_deactivating_keeps_bylines_and_history_and_ends_sessions(
    client, chief, reporter, django_capture_on_commit_callbacks
):
    from django.test import Client

    story = make_article("Tulisan lama wartawan", author=reporter.author)
    draft = make_article(
        "Draf wartawan", status=Article.Status.DRAFT, author=reporter.author, by=reporter
    )
    services.article_autosave(
        article=draft,
        by=reporter,
        texts={"title": "Draf yang sedang diketik"},
        base_revision=draft.revision,
    )
    theirs = signed_in(Client(), reporter)
    assert theirs.get(reverse("admin:index")).status_code == 200
    assert UserSession.objects.filter(user=reporter).exists()

    client.force_login(chief)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(USERS, {"action": "deactivate", "_selected_action": [reporter.pk]})

    reporter.refresh_from_db()
    assert not reporter.is_active
    assert not UserSession.objects.filter(user=reporter).exists()
    assert theirs.get(reverse("admin:index")).status_code == 302  # signed out
    assert Article.objects.get(pk=story.pk).author == reporter.author  # the byline stays
    assert draft.transitions.exists() or draft.versions.exists()
    assert not ArticleAutosave.objects.filter(by=reporter).exists()
    assert client.get(story.get_absolute_url()).status_code == 200
    event = AccountEvent.objects.get(user=reporter)
    assert (event.kind, event.by) == (AccountEvent.Kind.DEACTIVATED, chief)


def test_a_role_change_is_recorded_and_shown_on_the_audit_list(client, chief, reporter):
    client.force_login(chief)
    page = client.get(reverse("admin:auth_user_change", args=[reporter.pk])).content.decode()
    assert 'name="user_permissions"' not in page and 'name="is_superuser"' not in page
    editors = Group.objects.get(name="Redaktur")
    form = {
        "username": reporter.username,
        "first_name": "Lestari",
        "last_name": "",
        "email": reporter.email,
        "is_active": "on",
        "groups": [editors.pk],
    }
    answer = client.post(reverse("admin:auth_user_change", args=[reporter.pk]), form)
    assert answer.status_code == 302
    assert list(reporter.groups.all()) == [editors]
    audit = client.get(AUDIT).content.decode()
    assert "Peran atau biro diubah" in audit and "Redaktur" in audit


def test_the_chief_cannot_deactivate_themself_and_editors_do_not_manage_accounts(client, chief):
    with pytest.raises(workflow.NotAllowed):
        services.staff_user_update(user=chief, by=chief, is_active=False)
    assert type(chief).objects.get(pk=chief.pk).is_active
    bureau_editor = make_editor("redaktur-blitar", regions=[make_region("Blitar")])
    client.force_login(bureau_editor)
    assert client.get(USERS).status_code == 403
    assert client.get(AUDIT).status_code == 403
    with pytest.raises(workflow.NotAllowed):
        services.staff_user_update(user=chief, by=bureau_editor, is_active=False)


def decided_stories(n, chief):
    for i in range(n):
        story = make_article(f"Berita audit {i}", status=Article.Status.REVIEW)
        services.article_act(article=story, by=chief, action="publish")
        services.correction_add(article=story, by=chief, kind="ralat", text=f"Ralat {i}")


def test_the_audit_list_names_who_published_and_corrected_what(client, chief):
    decided_stories(2, chief)
    services.article_act(
        article=Article.objects.get(title="Berita audit 0"),
        by=chief,
        action="withdraw",
        note="Hoaks",
    )
    client.force_login(chief)
    page = client.get(AUDIT).content.decode()
    for text in (
        "Menerbitkan",
        "Menambahkan ralat",
        "Mencabut permanen",
        "Hoaks",
        "Berita audit 1",
        "pemred",
    ):
        assert text in page


def test_the_audit_list_reads_a_constant_number_of_queries(client, chief):
    client.force_login(chief)
    decided_stories(2, chief)
    client.get(AUDIT)  # the session's first request records it (allauth.usersessions)
    with CaptureQueriesContext(connection) as few:
        client.get(AUDIT)
    decided_stories(12, chief)
    with CaptureQueriesContext(connection) as many:
        client.get(AUDIT)
    assert len(many) == len(few), [q["sql"][:90] for q in many.captured_queries]


def test_the_audit_list_pages_back_in_time(client, chief):
    from articles import audit

    decided_stories(3, chief)  # six entries
    client.force_login(chief)
    audit_per_page, audit.PER_PAGE = audit.PER_PAGE, 4
    try:
        first = client.get(AUDIT).content.decode()
        assert "Lebih lama" in first
        older = html.unescape(first.split('href="?sebelum=')[1].split('"')[0])
        second = client.get(f"{AUDIT}?sebelum={older}").content.decode()
        assert "Berita audit 0" in second and "Berita audit 0" not in first
        assert client.get(AUDIT, {"sebelum": "bukan-waktu"}).status_code == 200
    finally:
        audit.PER_PAGE = audit_per_page
