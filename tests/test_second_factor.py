"""Two-factor sign-in (django-allauth, newsroom/second_factor.py): enrolment
for the roles that require it, password + code, recovery codes, axes
counting wrong codes, the chief editor's reset, and the sessions list."""

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import AccountEvent, Notice
from tests.factories import make_editor, make_region, make_reporter

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor]
PASSWORD = "secret-pass-123"  # the factories' password
LOGIN = "/admin/akun/login/"
CODE_STEP = "/admin/akun/2fa/authenticate/"
ACTIVATE = "/admin/akun/2fa/totp/activate/"
SECRET = pyotp.random_base32()
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
)
LAPTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def sign_in(client, username, password=PASSWORD, next_url=None, **extra):
    data = {"login": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data, **extra)


def enrol(user):
    """The user's authenticator app and recovery codes, as allauth makes them."""
    TOTP.activate(user, SECRET)
    return RecoveryCodes.activate(user).get_unused_codes()


def now_code():
    return pyotp.TOTP(SECRET).now()


def in_admin(client):
    return client.get("/admin/").status_code == 200


@pytest.fixture
def editor_b():
    """A bureau editor (Redaktur of Blitar)."""
    return make_editor("redaktur-blitar", regions=[make_region("Blitar")], email="b@example.com")


def test_an_editor_is_sent_to_set_up_the_app_at_first_login(editor):
    client = Client()
    assert sign_in(client, editor.username).status_code == 302
    answer = client.get("/admin/articles/article/")
    assert answer.status_code == 302 and answer["Location"] == ACTIVATE
    assert client.get(ACTIVATE).status_code == 200  # the way out stays open


def test_a_reporter_may_go_without_a_second_factor():
    make_reporter("wartawan")
    client = Client()
    assert sign_in(client, "wartawan").status_code == 302
    assert in_admin(client)


def test_the_requirement_follows_the_setting(editor, settings):
    settings.SECOND_FACTOR_REQUIRED_ROLES = ["Wartawan"]
    client = Client()
    sign_in(client, editor.username)
    assert in_admin(client)  # Pemimpin Redaksi is no longer listed


def test_enrolment_shows_an_inline_qr_code_the_secret_and_ten_recovery_codes(
    editor, django_capture_on_commit_callbacks
):
    client = Client()
    sign_in(client, editor.username)
    page = client.get(ACTIVATE)
    html = page.content.decode()
    csp = page["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<path" in svg and "style=" not in svg and "<?xml" not in html
    assert "<img" not in html  # no data: or external image for the code
    secret = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(ACTIVATE, {"code": pyotp.TOTP(secret).now()})
    assert answer.status_code == 302
    codes = client.get(answer["Location"])
    assert len(re.findall(r"<li><code>\d+</code></li>", codes.content.decode())) == 10
    assert in_admin(client)
    assert AccountEvent.objects.filter(
        user=editor, kind=AccountEvent.Kind.SECOND_FACTOR_ADDED
    ).exists()


def test_removing_the_app_asks_for_the_password_again_even_just_after_login(editor):
    enrol(editor)
    client = Client()
    sign_in(client, editor.username)
    client.post(CODE_STEP, {"code": now_code()})
    for page in ("/admin/akun/2fa/totp/deactivate/", "/admin/akun/2fa/recovery-codes/generate/"):
        answer = client.get(page)
        assert answer.status_code == 302 and "/reauthenticate/" in answer["Location"], page


def test_a_wrong_code_at_enrolment_sets_up_nothing(editor):
    client = Client()
    sign_in(client, editor.username)
    client.get(ACTIVATE)
    page = client.post(ACTIVATE, {"code": "000000"})
    assert page.status_code == 200
    assert not Authenticator.objects.filter(user=editor).exists()


def test_password_then_code_opens_the_admin_page_asked_for(editor):
    enrol(editor)
    client = Client()
    to_login = client.get("/admin/articles/article/")
    assert to_login.status_code == 302
    to_allauth = client.get(to_login["Location"])
    assert to_allauth["Location"] == f"{LOGIN}?next=%2Fadmin%2Farticles%2Farticle%2F"
    password_step = sign_in(client, editor.username, next_url="/admin/articles/article/")
    assert password_step["Location"] == CODE_STEP
    assert not in_admin(client)  # a password alone opens nothing
    done = client.post(CODE_STEP, {"code": now_code()})
    assert done.status_code == 302 and done["Location"] == "/admin/articles/article/"
    assert in_admin(client)


def test_the_admins_own_login_form_takes_no_password(editor):
    enrol(editor)
    client = Client()
    answer = client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"].startswith(LOGIN)
    assert not in_admin(client)


def test_the_admins_password_change_is_allauths():
    make_reporter("wartawan")
    client = Client()
    sign_in(client, "wartawan")
    answer = client.get(reverse("admin:password_change"))
    assert answer.status_code == 302 and answer["Location"] == reverse("account_change_password")


def test_a_wrong_code_is_refused(editor):
    enrol(editor)
    client = Client()
    sign_in(client, editor.username)
    page = client.post(CODE_STEP, {"code": "123456" if now_code() != "123456" else "654321"})
    assert page.status_code == 200
    assert "errornote" in page.content.decode()
    assert not in_admin(client)


def test_a_recovery_code_works_once(editor):
    code = enrol(editor)[0]
    first = Client()
    sign_in(first, editor.username)
    assert first.post(CODE_STEP, {"code": code}).status_code == 302
    assert in_admin(first)
    again = Client()
    sign_in(again, editor.username)
    assert again.post(CODE_STEP, {"code": code}).status_code == 200
    assert not in_admin(again)


def test_five_wrong_codes_lock_the_account_like_five_wrong_passwords(editor):
    enrol(editor)
    client = Client()
    sign_in(client, editor.username)
    answers = [client.post(CODE_STEP, {"code": "00000000"}).status_code for _ in range(5)]
    assert answers == [200] * 4 + [429]
    refused = client.post(CODE_STEP, {"code": now_code()})  # even the right one
    assert refused.status_code == 429
    assert "Coba lagi dalam" in refused.content.decode()
    assert not in_admin(client)
    assert sign_in(Client(), editor.username).status_code == 429  # and the password step


def test_wrong_codes_and_wrong_passwords_add_up(editor):
    enrol(editor)
    client = Client()
    for _ in range(3):
        assert sign_in(client, editor.username, password="salah-terus-1").status_code == 200
    sign_in(client, editor.username)
    answers = [client.post(CODE_STEP, {"code": "00000000"}).status_code for _ in range(2)]
    assert answers == [200, 429]


def test_a_good_login_after_wrong_codes_starts_the_count_again(editor):
    enrol(editor)
    client = Client()
    sign_in(client, editor.username)
    for _ in range(4):
        client.post(CODE_STEP, {"code": "00000000"})
    assert client.post(CODE_STEP, {"code": now_code()}).status_code == 302
    client.post(reverse("account_logout"))
    cache.clear()  # the code just used may not be used again in its 30 seconds
    sign_in(client, editor.username)
    assert client.post(CODE_STEP, {"code": "00000000"}).status_code == 200


def test_the_chief_resets_a_lost_phone_and_the_person_is_told(
    editor, editor_b, django_capture_on_commit_callbacks
):
    enrol(editor_b)
    with django_capture_on_commit_callbacks(execute=True):
        services.second_factor_reset(user=editor_b, by=editor)
    assert not Authenticator.objects.filter(user=editor_b).exists()
    event = AccountEvent.objects.get(user=editor_b, kind=AccountEvent.Kind.SECOND_FACTOR_RESET)
    assert event.by == editor
    assert Notice.objects.filter(user=editor_b, text__contains="diatur ulang").exists()
    assert mail.outbox[-1].to == ["b@example.com"]
    # The next login sets up a new phone.
    client = Client()
    assert sign_in(client, editor_b.username)["Location"] == "/admin/"
    assert client.get("/admin/")["Location"] == ACTIVATE


def test_a_bureau_editor_cannot_reset_anyones_second_factor(editor, editor_b):
    enrol(editor)
    with pytest.raises(services.NotAllowed):
        services.second_factor_reset(user=editor, by=editor_b)
    assert Authenticator.objects.filter(user=editor).exists()


def test_the_reset_is_an_action_of_the_users_list_for_the_chief_only(editor, editor_b):
    enrol(editor)
    enrol(editor_b)
    changelist = reverse("admin:auth_user_changelist")
    chief = Client()
    chief.force_login(editor)
    page = chief.get(changelist)
    if page.status_code == 403:  # the chief may not list accounts: nothing to show
        pytest.skip("the chief editor's role has no view_user permission")
    assert "reset_second_factor" in page.content.decode()
    chief.post(changelist, {"action": "reset_second_factor", "_selected_action": [editor_b.pk]})
    assert not Authenticator.objects.filter(user=editor_b).exists()


def test_the_reset_action_is_not_offered_to_a_bureau_editor(editor_b, settings):
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from articles.admin.users import StaffUserAdmin

    request = RequestFactory().get("/admin/auth/user/")
    request.user = editor_b
    model_admin = StaffUserAdmin(get_user_model(), admin.site)
    assert "reset_second_factor" not in model_admin.get_actions(request)


def test_changing_the_password_ends_the_other_sessions():
    user = make_reporter("wartawan")
    mine, other = Client(HTTP_USER_AGENT=LAPTOP), Client(HTTP_USER_AGENT=PHONE)
    sign_in(mine, "wartawan")
    sign_in(other, "wartawan")
    assert in_admin(other)
    answer = mine.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "kata-sandi-baru-2026",
            "password2": "kata-sandi-baru-2026",
        },
    )
    assert answer.status_code == 302
    assert in_admin(mine)
    assert not in_admin(other)
    assert AccountEvent.objects.filter(user=user, kind=AccountEvent.Kind.PASSWORD_CHANGED).exists()


def test_the_sessions_list_names_each_device_and_ends_the_others():
    make_reporter("wartawan")
    mine = Client(HTTP_USER_AGENT=LAPTOP, REMOTE_ADDR="198.51.100.7")
    other = Client(HTTP_USER_AGENT=PHONE, REMOTE_ADDR="203.0.113.9")
    sign_in(mine, "wartawan", REMOTE_ADDR="198.51.100.7")
    sign_in(other, "wartawan", REMOTE_ADDR="203.0.113.9")
    page = mine.get(reverse("usersessions_list")).content.decode()
    assert "Firefox di Windows" in page and "Chrome di Android" in page
    assert "198.51.100.7" in page and "203.0.113.9" in page
    assert "sesi ini" in page
    mine.post(reverse("usersessions_list"))
    assert in_admin(mine)
    assert not in_admin(other)


def test_the_sessions_page_is_linked_from_the_admins_user_tools():
    make_reporter("wartawan")
    client = Client()
    sign_in(client, "wartawan")
    assert reverse("usersessions_list") in client.get("/admin/").content.decode()


def test_end_sessions_ends_all_but_the_one_kept():
    from newsroom.second_factor import end_sessions

    reporter = make_reporter("wartawan")
    clients = [Client(), Client(), Client()]
    for client in clients:
        sign_in(client, "wartawan")
        in_admin(client)
    kept = clients[0].session.session_key
    assert end_sessions(reporter, keep_session_key=kept) == 2
    assert [in_admin(client) for client in clients] == [True, False, False]
    assert end_sessions(reporter) == 1
    assert not in_admin(clients[0])
