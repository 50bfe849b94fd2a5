import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation


@pytest.fixture(autouse=True)
def isolated_files(settings, tmp_path):
    """Uploads go to a fresh folder; static files need no collectstatic run."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fast hashing: the suite creates many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test starts with an empty cache, and renders every page itself.

    Factories make their rows through the services with `purge=False`
    (nothing is kept yet to purge); tests of the page cache turn keeping
    pages and fragments on themselves.
    """
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def indonesian():
    """Each test starts in the site's language (a request to /en/ leaves English active)."""
    with translation.override("id"):
        yield


@pytest.fixture
def editor():
    """The chief editor (an editor of every region) with an author profile, and an email
    address the workflow's notices go to."""
    from tests.factories import make_editor

    return make_editor("redaktur", email="redaktur@example.com")


@pytest.fixture
def reporter():
    """A reporter (Wartawan group) with an author profile, and an email
    address the workflow's notices go to."""
    from tests.factories import make_reporter

    return make_reporter("wartawan", email="wartawan@example.com")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the services schedule after commit (the
    test itself never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(scope="module")
def migrated_data_restored(django_db_blocker):
    """For tests that commit for real (`transaction=True`): the database is
    emptied after each of them, so put back what the migrations made (the
    roles) once the module is done, for the tests after it."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def browser():
    """Chromium (tests/browser.py), closed with the database connections it made.

    One per test, not per module: while Playwright's loop runs, the ORM's
    connection is a different one per context, without the test database's
    serialized rows that the next test's rollback needs."""
    import os

    from django.db import connections
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, FLAGS

    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # made by the test around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()
        # Inside Playwright's loop the ORM used a connection of its own; close
        # it, or PostgreSQL cannot drop the test database afterwards.
        connections.close_all()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "postgresql(reason): needs PostgreSQL (row locks, stemming, or gunicorn opening the "
        "test database); `make test` runs these on the PostgreSQL it finds.",
    )
    config.addinivalue_line(
        "markers",
        "second_factor: the roles of settings.SECOND_FACTOR_REQUIRED_ROLES must use a second "
        "factor (elsewhere none must, so tests can force_login an editor into the admin).",
    )


# The slowest files (browsers, started stacks), run first: `make test`
# hands out whole files to its two workers in this order, so a long file
# begun last would keep one worker busy while the other waits.
SLOW_FIRST = [
    "test_cache_failures.py",
    "test_writing_in_the_browser.py",
    "test_proxy_hardening.py",
    "test_big_input_through_the_proxies.py",
    "test_database_faults.py",
    "test_races.py",
    "test_varnish.py",
    "test_phone_layouts.py",
    "test_browser.py",
    "test_big_input_in_the_browser.py",
    "test_seed.py",
    "test_wordpress_body.py",
    "test_backup.py",
]


def pytest_collection_modifyitems(config, items):
    """The slowest files first; on SQLite the PostgreSQL-only tests are
    skipped, saying why."""
    rank = {name: n for n, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: in-file order kept
    if connection.vendor == "postgresql":
        return
    for item in items:
        mark = item.get_closest_marker("postgresql")
        if mark is not None:
            why = mark.kwargs.get("reason", "")
            item.add_marker(pytest.mark.skip(reason=f"PostgreSQL only: {why}"))


@pytest.fixture(autouse=True)
def second_factor_roles(request, settings):
    """No role must use a second factor, except in tests marked
    `second_factor`: most tests force_login an editor and open the admin."""
    if request.node.get_closest_marker("second_factor") is None:
        settings.SECOND_FACTOR_REQUIRED_ROLES = []
