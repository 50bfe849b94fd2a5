"""Login throttling an attacker cannot turn against an account's owner:
a limit per address, one per account, and the owner's known browsers apart."""

import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from newsroom.checks import trusted_proxies_check
from tests.factories import make_reporter
from tests.test_security import ROOT, production_env

pytestmark = pytest.mark.django_db
LOGIN = "/admin/akun/login/"  # allauth's, where /admin/login/ leads
WRONG = "salah-terus-123"
PASSWORD = "secret-pass-123"  # the factories' password
BOTNET = [f"203.0.113.{n}" for n in range(1, 21)]
OWNER_AT_HOME, OWNER_ELSEWHERE = "198.51.100.7", "198.51.100.8"


def attempt(client, password, address, username="wartawan"):
    return client.post(LOGIN, {"login": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client):
    return client.get("/admin/").status_code == 200


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 20


@pytest.fixture
def owner_browser():
    """The reporter's usual browser: it logged in before, then logged out."""
    make_reporter("wartawan")
    browser = Client()
    assert attempt(browser, PASSWORD, OWNER_AT_HOME).status_code == 302
    browser.post("/admin/logout/", REMOTE_ADDR=OWNER_AT_HOME)
    assert not logged_in(browser)
    return browser


def botnet_guesses(rounds=4):
    """20 addresses, `rounds` guesses each, taking turns; the answers' codes."""
    attacker = Client()
    return [
        attempt(attacker, WRONG, address).status_code for _ in range(rounds) for address in BOTNET
    ]


def test_guessing_from_twenty_addresses_stops_at_the_account_limit(owner_browser, monkeypatch):
    checked = []
    monkeypatch.setattr(
        "django.contrib.auth.hashers.MD5PasswordHasher.verify",
        lambda self, password, encoded: checked.append(password) or False,
    )
    answers = botnet_guesses()
    assert len(checked) == 20  # of 80 guesses; the 20th already answers 429
    assert answers[:19] == [200] * 19 and answers[19:] == [429] * 61


def test_a_browser_new_to_the_account_is_refused_while_it_is_guessed(owner_browser):
    botnet_guesses()
    page = attempt(Client(), PASSWORD, OWNER_ELSEWHERE)  # the right password
    assert page.status_code == 429
    assert "dari berbagai alamat" in page.content.decode()
    assert "biasa Anda pakai" in page.content.decode()


def test_the_owners_usual_browser_logs_in_while_the_account_is_guessed(owner_browser):
    botnet_guesses()
    assert attempt(owner_browser, PASSWORD, OWNER_ELSEWHERE).status_code == 302
    assert logged_in(owner_browser)


def test_the_owners_login_gives_guessers_no_fresh_start(owner_browser):
    botnet_guesses(rounds=1)
    assert attempt(owner_browser, PASSWORD, OWNER_AT_HOME).status_code == 302
    assert attempt(Client(), WRONG, "192.0.2.50").status_code == 429


def test_the_account_opens_again_after_the_cooling_period(owner_browser):
    botnet_guesses()
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    newcomer = Client()
    assert attempt(newcomer, PASSWORD, OWNER_ELSEWHERE).status_code == 302
    assert logged_in(newcomer)


def test_wrong_passwords_from_one_address_leave_the_owner_elsewhere_alone():
    make_reporter("wartawan")
    attacker = Client()
    for _ in range(4):
        assert attempt(attacker, WRONG, "203.0.113.9").status_code == 200
    refused = attempt(attacker, WRONG, "203.0.113.9")
    assert refused.status_code == 429
    assert "dari alamat Anda" in refused.content.decode()
    owner = Client()  # a browser that never logged in, at another address
    assert attempt(owner, PASSWORD, OWNER_ELSEWHERE).status_code == 302
    assert logged_in(owner)


def test_behind_a_proxy_the_owners_usual_browser_gets_in_past_a_neighbours_guesses(settings):
    """Without TRUSTED_PROXIES every request comes from the proxy's address."""
    settings.TRUSTED_PROXIES = []
    make_reporter("wartawan")
    usual = Client()
    assert attempt(usual, PASSWORD, "127.0.0.1").status_code == 302
    usual.post("/admin/logout/")
    attacker = Client()
    answers = [attempt(attacker, WRONG, "127.0.0.1").status_code for _ in range(5)]
    assert answers == [200] * 4 + [429]
    assert attempt(usual, PASSWORD, "127.0.0.1").status_code == 302
    assert logged_in(usual)
    assert attempt(Client(), PASSWORD, "127.0.0.1").status_code == 429  # a new browser


def test_a_known_browser_has_its_own_small_limit(owner_browser):
    answers = [attempt(owner_browser, WRONG, OWNER_AT_HOME).status_code for _ in range(5)]
    assert answers == [200] * 4 + [429]
    refused = attempt(owner_browser, PASSWORD, OWNER_AT_HOME)
    assert refused.status_code == 429
    assert "dari perangkat ini" in refused.content.decode()
    other = Client()  # the same address, another browser: not that device
    assert attempt(other, PASSWORD, OWNER_AT_HOME).status_code == 302


def test_a_device_cookie_vouches_only_for_its_own_account(owner_browser):
    make_reporter("redaktur")
    attacker = Client()
    for n in range(20):
        attempt(attacker, WRONG, f"203.0.113.{n}", username="redaktur")
    page = attempt(owner_browser, PASSWORD, OWNER_AT_HOME, username="redaktur")
    assert page.status_code == 429  # wartawan's browser is new to redaktur


def test_a_shared_desk_computer_stays_known_to_each_account_that_logged_in(owner_browser):
    make_reporter("redaktur")
    assert attempt(owner_browser, PASSWORD, OWNER_AT_HOME, username="redaktur").status_code == 302
    owner_browser.post("/admin/logout/", REMOTE_ADDR=OWNER_AT_HOME)
    attacker = Client()
    for username in ("wartawan", "redaktur"):
        for address in BOTNET:
            attempt(attacker, WRONG, address, username=username)
    for username in ("wartawan", "redaktur"):
        assert attempt(owner_browser, PASSWORD, OWNER_AT_HOME, username=username).status_code == 302
        owner_browser.post("/admin/logout/", REMOTE_ADDR=OWNER_AT_HOME)


def test_a_forged_device_cookie_is_a_new_browser(owner_browser):
    botnet_guesses()
    forger = Client()
    forger.cookies["login_device"] = owner_browser.cookies["login_device"].value[:-2] + "xx"
    assert attempt(forger, PASSWORD, OWNER_ELSEWHERE).status_code == 429


def test_an_ipv6_network_counts_as_one_address():
    make_reporter("wartawan")
    attacker = Client()
    for n in range(1, 6):  # five addresses, one /64
        attempt(attacker, WRONG, f"2001:db8:1:2::{n}")
    assert attempt(Client(), PASSWORD, "2001:db8:1:2:ffff::1").status_code == 429
    assert attempt(Client(), PASSWORD, "2001:db8:1:3::1").status_code == 302


def test_check_deploy_warns_behind_a_proxy_without_trusted_proxies():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(TRUSTED_PROXIES=""),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "newsroom.W001" in result.stderr and "PURGE_URLS" in result.stderr
    assert "identified 1 issue" in result.stderr  # nothing else changed


def test_no_warning_without_a_proxy(settings):
    """On a laptop (runserver, nothing to purge) REMOTE_ADDR is the client."""
    settings.TRUSTED_PROXIES = []
    settings.PURGE_URLS = []
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.USE_X_FORWARDED_HOST = False
    assert trusted_proxies_check(None) == []
