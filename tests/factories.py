"""Small helpers that build test data. Times are relative to now.

Everything is written through `articles.services`, as the desk would write
it, so text is cleaned and files made the same way; nothing here writes a
row itself (tests/test_code_rules.py checks). Stories published an hour or
a week ago, which no workflow action can make, are brought in as imports
(`services.article_import`), with the status and times a test asks for.
"""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles import services
from articles.models import Article, Author, Bureau, Region
from articles.services import IMPORTED_TIMES

_seq = itertools.count(1)


def image_bytes(fmt="JPEG", size=(64, 48), colour=(200, 30, 30), **save_kwargs):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt, **save_kwargs)
    return buffer.getvalue()


def image_upload(name="photo.jpg", fmt="JPEG", **kwargs):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


def make_user(username=None, *, perm_names=(), groups=(), **fields):
    """A staff user with the given `app_label.codename` permissions or groups."""
    return services.staff_user_create(
        by=None,
        username=username or f"user{next(_seq)}",
        password="secret-pass-123",
        permissions=perm_names,
        groups=groups,
        **fields,
    )


def make_region(name=None, *, parent=None, by=None, **fields):
    name = name or f"Wilayah {next(_seq)}"
    slug = fields.pop("slug", None) or f"wilayah-{next(_seq)}"
    region = Region(name=name, slug=slug, parent=parent, **fields)
    return services.catalogue_save(instance=region, by=by or desk(), purge=False)


def make_author(name=None, *, user=None, initials="Les", by=None, **fields):
    n = next(_seq)
    fields.setdefault("slug", f"penulis-{n}")
    author = Author(name=name or f"Penulis {n}", initials=initials, user=user, **fields)
    return services.catalogue_save(instance=author, by=by or desk(), purge=False)


def desk():
    """The user the factories write as: a superuser, so no role gets in the way."""
    user = get_user_model().objects.filter(username="factory-desk").first()
    if user is None:
        user = services.staff_user_create(by=None, username="factory-desk", is_superuser=True)
    return user


def make_photo(**fields):
    texts = {
        "caption": "Warga antre di depan TPS Sananwetan.",
        "credit": "KJ/Rahmat",
        "alt_text": "Antrean warga di depan TPS",
        **fields,
    }
    image = texts.pop("image", None) or image_upload()
    return services.photo_create(by=desk(), image=image, **texts)


def make_article(
    title=None,
    *,
    status=Article.Status.PUBLISHED,
    published_at=None,
    age=timedelta(hours=1),
    region=None,
    author=None,
    tags=(),
    by=None,
    **fields,
):
    """An article written by `by` (the factories' desk user when None);
    published an `age` ago unless another status or time is given.

    `fields` are article content (`services.CONTENT_FIELDS`) and the times
    an import may give (`services.IMPORTED_TIMES`)."""
    if status == Article.Status.PUBLISHED and published_at is None:
        published_at = timezone.now() - age
    times = {name: fields.pop(name) for name in IMPORTED_TIMES if name in fields}
    writer = desk()
    return services.article_import(
        by=by or writer,
        changes={
            "title": title or f"Berita nomor {next(_seq)}",
            "body": fields.pop("body", "<p>Ratusan warga memadati alun-alun kota.</p>"),
            "region": region or make_region(by=writer),
            "author": author or make_author(by=writer),
            **fields,
        },
        tags=list(tags),
        status=status,
        published_at=published_at,
        purge=False,  # as before: arranging a story purges no kept page
        **times,
    )


def make_reporter(username=None, **fields):
    """A reporter (Wartawan group) with an author profile of their own."""
    user = make_user(username, groups=["Wartawan"], **fields)
    make_author(user.get_full_name() or user.username, user=user)
    return user


def make_editor(username=None, *, regions=None, **fields):
    """An editor with an author profile of their own.

    With `regions`, a bureau editor (Redaktur) of a new bureau covering
    them; without, the chief editor (Pemimpin Redaksi), who decides on
    every region: what most tests need, being about what editors may do
    rather than where.
    """
    role = "Pemimpin Redaksi" if regions is None else "Redaktur"
    user = make_user(username, groups=[role], **fields)
    make_author(user.get_full_name() or user.username, user=user)
    if regions is not None:
        make_bureau(regions=regions, editors=[user])
    return user


def make_bureau(name=None, *, regions, editors=(), reporters=()):
    """A bureau (Biro) covering `regions`, with its editors and reporters."""
    bureau = Bureau(name=name or f"Biro {next(_seq)}")
    return services.bureau_save(
        bureau=bureau, by=desk(), regions=regions, editors=editors, reporters=reporters
    )


def article_form_data(article, **overrides):
    """What the admin's article form posts for `article`, changed by `overrides`."""
    data = {
        "kind": article.kind,
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
        "dateline_place": article.dateline_place,
        "region": article.region_id,
        "author": article.author_id,
        "editor": article.editor_id or "",
        "coauthors": [b.author_id for b in article.byline_set.all()] if article.pk else [],
        "lead_photo": article.lead_photo_id or "",
        "tags": ", ".join(t.name for t in article.tags.all()) if article.pk else "",
        "base_revision": article.revision,
        "workflow_note": "",
        "publish_at": "",
    }
    data.update(overrides)
    return data
