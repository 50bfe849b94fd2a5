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

    Factories set an article's status directly, past the services that would
    purge kept pages and fragments; tests of the page cache turn both on
    themselves.
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


@pytest.fixture(scope="module")
def migrated_data_restored(django_db_blocker):
    """For tests that commit for real (`transaction=True`): the database is
    emptied after each of them, so put back what the migrations made (the
    roles) once the module is done, for the tests after it."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
