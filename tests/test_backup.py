"""A backup holds the database and the media together, and restores into an empty install."""

import hashlib
import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from taggit.models import Tag

from articles.models import Article, Author, Photo, Region
from tests.factories import make_article, make_editor, make_photo

pytestmark = pytest.mark.django_db


def bodies_checksum():
    digest = hashlib.sha256()
    for title, body in Article.objects.order_by("pk").values_list("title", "body"):
        digest.update(f"{title}\n{body}\n".encode())
    return digest.hexdigest()


def test_a_backup_restores_rows_text_photos_and_pages(client, tmp_path):
    editor = make_editor("redaktur")
    photo = make_photo(caption="Banjir merendam sawah")
    story = make_article("Banjir di Blitar", lead_photo=photo, tags=["banjir"])
    make_article("Draf belum terbit", status=Article.Status.DRAFT, author=editor.author)
    counts = {m: m.objects.count() for m in (Article, Photo, Region, Author, Tag)}
    checksum = bodies_checksum()
    files = sorted(p.relative_to(settings.MEDIA_ROOT) for p in settings.MEDIA_ROOT.rglob("*.*"))
    assert files

    call_command("backup", output=str(tmp_path))
    (archive,) = tmp_path.glob("newsroom-backup-*.tar.gz")

    # An empty install: no rows, no media.
    for model in (Article, Photo, Region, Author, Tag):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)

    call_command("restore", str(archive))

    assert {m: m.objects.count() for m in counts} == counts
    assert bodies_checksum() == checksum
    restored = sorted(p.relative_to(settings.MEDIA_ROOT) for p in settings.MEDIA_ROOT.rglob("*.*"))
    assert restored == files
    html = client.get(Article.objects.get(pk=story.pk).get_absolute_url()).content.decode()
    assert "Banjir di Blitar" in html and "Banjir merendam sawah" in html
    assert get_user_model().objects.get(username="redaktur").groups.filter(name="Redaktur")


def test_restore_refuses_a_site_that_has_articles(tmp_path):
    make_article("Sudah ada")
    call_command("backup", output=str(tmp_path))
    (archive,) = tmp_path.glob("newsroom-backup-*.tar.gz")
    with pytest.raises(CommandError, match="already has articles"):
        call_command("restore", str(archive))
