"""Project-level guarantees: migrations match the models, settings are safe."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_media_storage_s3_is_configured_from_the_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "kabarjatim-media",
        "AWS_S3_CUSTOM_DOMAIN": "media.kabarjatim.id",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['default']['BACKEND'], s.MEDIA_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "https://media.kabarjatim.id/",
    ], result.stderr


def test_every_interface_string_has_an_english_translation():
    """No string left empty or fuzzy in the English catalogue (fuzzy ones are never used)."""
    from pathlib import Path

    po = (Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po").read_text()
    entries = po.split("\n\n")[1:]  # after the header
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    # An empty msgstr (or plural form) is one with no text line after it.
    blank = re.compile(r'^msgstr(\[\d\])? ""\n(?!")', re.M)
    empty = [e for e in entries if blank.search(e.rstrip() + "\n")]
    assert not fuzzy and not empty, (fuzzy + empty)[:3]
