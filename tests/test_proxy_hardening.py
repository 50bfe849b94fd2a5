"""What a client can send never changes what the proxies keep for others.

On the production shape (tests/stack.py: nginx → Varnish → gunicorn, from
the deploy/ files): only the app may purge; a made-up Host or scheme never
reaches a kept page; tracking parameters and HEAD share the kept page;
Varnish's keys never leave it; kept pages outlive a database outage; and a
big body gets the app's own answer, not a proxy's error page.
"""

import random
import re
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from articles import page_cache
from tests.factories import article_form_data, make_article, make_editor
from tests.relay import Relay
from tests.stack import (
    DEPLOY,
    collected_static,
    database_url,
    needs_nginx,
    needs_varnish,
    running,
    stack_fixture,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
    needs_varnish,
    needs_nginx,
    pytest.mark.postgresql(reason="gunicorn must open the test database"),
]

# One gunicorn worker with the app's own page cache in its memory, keyed on
# the path as Redis keys it: what a poisoned request would leave there,
# every later reader would get.
# No role needs a second factor here (tests/test_second_factor.py covers it).
stack = stack_fixture(
    nginx=True, workers=1, env={"CACHE_URL": "", "SECOND_FACTOR_REQUIRED_ROLES": ""}
)


def send(url, *, method=None, headers=None, data=None, opener=None):
    """(status, headers, body) of one request; status None when the server hung up."""
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        response = (opener or urllib.request.build_opener()).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    except (ConnectionError, urllib.error.URLError):
        return None, {}, ""
    with response:
        return response.status, response.headers, response.read().decode(errors="replace")


def links(html):
    """The page's canonical and Open Graph addresses."""
    return re.findall(r'rel="canonical" href="([^"]*)"|property="og:url" content="([^"]*)"', html)


def renders_during(stack, action):
    """How many requests reached gunicorn while `action` ran."""
    before = stack.backend_requests()
    action()
    time.sleep(0.3)  # the access log line follows the response
    return stack.backend_requests() - before


@pytest.fixture
def story():
    return make_article(f"Jembatan Brantas {uuid.uuid4().hex[:8]}")


def test_a_purge_from_a_client_is_refused_and_the_page_stays_kept(stack, story):
    url = story.get_absolute_url()
    send(stack.url + url)
    assert send(stack.url + url)[1]["X-Cache"] == "HIT"
    purge = {"xkey-purge": f"article-{story.pk} regions latest"}

    for method in ("PURGE", "BAN", "PUT", "DELETE", "OPTIONS"):
        assert send(stack.nginx + url, method=method, headers=purge)[0] == 405, method
    assert send(stack.varnish + url, method="PURGE", headers=purge)[0] == 405
    assert send(stack.varnish + url, method="BAN", headers=purge)[0] == 405

    assert send(stack.url + url)[1]["X-Cache"] == "HIT"


def test_the_app_purges_on_its_own_listener_only(stack, story):
    url = story.get_absolute_url()
    send(stack.url + url)
    assert send(stack.purge + url)[0] == 405  # no page is served there
    assert send(stack.purge + "/", method="PURGE")[0] == 400  # keys must be named
    purged = send(stack.purge + "/", method="PURGE", headers={"xkey-purge": f"article-{story.pk}"})
    assert purged[0] == 200
    assert send(stack.url + url)[1]["X-Cache"] == "MISS"


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:1337"])
def test_a_made_up_host_never_reaches_a_kept_page(stack, story, host):
    url = story.get_absolute_url()
    poisoned = send(stack.varnish + url, headers={"Host": host})  # first, on a cold page
    assert poisoned[0] in (200, 400)
    assert host not in poisoned[2]

    status, _headers, html = send(stack.url + url)
    assert status == 200
    assert links(html) and all(host not in "".join(pair) for pair in links(html))
    assert ("http://127.0.0.1" + url, "") in links(html)


def test_a_spoofed_scheme_never_reaches_a_kept_page(stack, story):
    url = story.get_absolute_url()
    spoofed = {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on", "Forwarded": "proto=https"}
    # Straight at Varnish, first, on a cold page, for the host readers come with.
    send(stack.varnish + url, headers={"Host": "127.0.0.1", **spoofed})
    html = send(stack.url + url)[2]
    assert ("http://127.0.0.1" + url, "") in links(html)
    assert "https://127.0.0.1" not in html


def test_random_hosts_through_nginx_never_reach_the_app(stack, story):
    url = story.get_absolute_url()

    def flood():
        for _ in range(50):
            host = f"{uuid.uuid4().hex[:10]}.example"
            assert send(stack.nginx + url, headers={"Host": host})[0] is None  # 444: no answer

    assert renders_during(stack, flood) == 0


def test_tracking_parameters_share_one_kept_page(stack, story):
    url = story.get_absolute_url()

    def flood():
        for _ in range(150):
            source = uuid.uuid4().hex[:12]
            extra = random.choice(["", f"&fbclid={source}", f"&gclid={source}&utm_medium=x"])
            status, _headers, _html = send(f"{stack.url}{url}?utm_source={source}{extra}")
            assert status == 200

    assert renders_during(stack, flood) <= 1


def test_the_tracking_parameters_are_the_apps(stack):
    """Varnish strips exactly what the app leaves out of its own cache key."""
    vcl = (DEPLOY / "varnish.vcl").read_text()
    names = re.search(r'regsuball\(req.url, "\(\?<=\[\?&\]\)\(([^)]*)\)', vcl).group(1)
    vcl_names = set(names.replace("utm_[^=&]*", "utm_").split("|"))
    assert vcl_names == set(page_cache.TRACKING_PARAMETERS)


def test_varnish_keys_never_leave_the_proxies(stack, story):
    for _ in range(2):  # the miss and the hit
        status, headers, _html = send(stack.url + story.get_absolute_url())
        assert status == 200
        assert "Surrogate-Key" not in headers and "xkey" not in headers


def test_head_is_served_from_the_kept_page(stack, story):
    url = stack.url + story.get_absolute_url()
    assert renders_during(stack, lambda: send(url, method="HEAD")) == 1  # fetched as a GET
    assert renders_during(stack, lambda: send(url)) == 0
    status, headers, body = send(url, method="HEAD")
    assert (status, headers["X-Cache"], body) == (200, "HIT", "")


def logged_in(base, user):
    """An opener carrying `user`'s admin session, logged in through the proxies."""
    user.password = PBKDF2PasswordHasher().encode("kata-sandi-uji-123", "garam-uji-1234")
    user.save(update_fields=["password"])  # a hasher the app (not the tests) accepts
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = send(base + "/admin/login/", opener=opener)[2]  # leads to allauth's form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"login": user.username, "password": "kata-sandi-uji-123"}
    form |= {"csrfmiddlewaretoken": token, "next": "/admin/"}
    welcome = send(base + "/admin/akun/login/", data=urlencode(form).encode(), opener=opener)[2]
    assert "logout" in welcome
    return opener, next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def test_a_five_megabyte_body_gets_the_apps_form_back_with_the_text(stack, story):
    opener, token = logged_in(stack.url, make_editor())
    text = "<p>TEKS-UTUH " + "Banjir merendam desa. " * 240_000 + "</p>"  # 5.3 MB
    form = article_form_data(story, body=text, csrfmiddlewaretoken=token)
    url = f"{stack.url}/admin/articles/article/{story.pk}/change/"
    status, _headers, html = send(url, data=urlencode(form, doseq=True).encode(), opener=opener)
    assert status == 200, status  # the form again, not a proxy's 502/503
    assert 'class="errornote"' in html or "errorlist" in html
    assert "TEKS-UTUH" in html


def test_a_five_megabyte_autosave_gets_the_apps_answer(stack, story):
    opener, token = logged_in(stack.url, make_editor())
    form = {"base_revision": story.revision, "body": "Banjir. " * 650_000}  # 5.2 MB
    url = f"{stack.url}/admin/articles/article/{story.pk}/autosave/"
    headers = {"X-CSRFToken": token}
    status, headers, _body = send(
        url, data=urlencode(form).encode(), headers=headers, opener=opener
    )
    assert status not in (None, 502, 503, 504), status
    assert headers["Content-Type"] == "application/json"


def test_a_fifteen_megabyte_upload_reaches_the_app(stack):
    opener, token = logged_in(stack.url, make_editor())
    boundary = uuid.uuid4().hex
    photo = random.randbytes(15_000_000)
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n--{boundary}\r\n"
            f'Content-Disposition: form-data; name="image"; filename="foto.jpg"\r\n'
            f"Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + photo
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    status, headers, html = send(
        f"{stack.url}/admin/articles/photo/add/", data=body, headers=headers, opener=opener
    )
    assert status == 200, status  # the app's form, telling what is wrong with the file
    assert "errorlist" in html


@pytest.fixture(scope="module")
def outage(tmp_path_factory, django_db_setup):
    """The stack with gunicorn reaching PostgreSQL through a relay, pages kept 3 s."""
    db = connection.settings_dict
    relay = Relay((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    env = {
        "DATABASE_URL": database_url(port=relay.port),
        "CONN_MAX_AGE": "0",
        "DB_CONNECT_TIMEOUT": "1",
        "PAGE_CACHE_SECONDS": "3",
    }
    folder, static_root = tmp_path_factory.mktemp("outage"), collected_static(tmp_path_factory)
    with running(folder, nginx=True, env=env, static_root=static_root) as site:
        try:
            yield site, relay
        finally:
            relay.mode = "pass"


def test_kept_pages_outlive_a_database_outage_longer_than_their_time(outage, story):
    site, relay = outage
    url = site.url + story.get_absolute_url()
    assert send(url)[0] == 200
    assert send(url)[1]["X-Cache"] == "HIT"
    never_kept = site.url + make_article("Belum pernah dibaca").get_absolute_url()

    relay.mode = "refuse"  # PostgreSQL stopped
    try:
        deadline = time.monotonic() + 20  # s-maxage is 3 s
        seen = []
        while time.monotonic() < deadline:
            status, _headers, html = send(url)
            seen.append(status)
            assert status == 200 and story.title in html, (len(seen), status)
            time.sleep(0.5)
        assert send(site.app + "/healthz")[0] == 503  # the app knows it cannot answer
        assert send(never_kept)[0] == 503  # and says so for what nobody kept
    finally:
        relay.mode = "pass"

    def fresh():
        headers = send(url)[1]
        return headers.get("X-Cache") == "MISS" or int(headers.get("Age", "99")) < 3

    deadline = time.monotonic() + 20
    while not fresh():
        assert time.monotonic() < deadline, "kept pages never refreshed after the outage"
        time.sleep(0.5)


def test_kept_pages_outlive_a_stopped_app(outage, story):
    site, _relay = outage
    url = site.url + story.get_absolute_url()
    send(url)
    site.stop("app")
    try:
        time.sleep(4)  # past s-maxage
        for _ in range(10):
            status, _headers, html = send(url)
            assert status == 200 and story.title in html
            time.sleep(0.5)
    finally:
        site.start("app")


def test_redis_keeps_within_its_memory(tmp_path):
    """deploy/redis.conf bounds the cache: the least recently used keys make room."""
    from tests.stack import free_port

    port = free_port()
    command = ["redis-server", str(DEPLOY / "redis.conf"), "--port", str(port)]
    command += ["--dir", str(tmp_path), "--daemonize", "no", "--maxmemory", "2mb"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        import redis

        client = redis.Redis(port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "allkeys-lru"
        for number in range(400):  # 10 MB into 2 MB
            client.set(f"page:{number}", b"x" * 25_000)
        assert client.info("memory")["used_memory"] < 3_000_000
        assert client.get("page:399") is not None
    finally:
        server.terminate()
        server.wait(timeout=10)
