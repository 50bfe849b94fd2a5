"""Stored text stays clean, whatever an editor pastes or a client posts.

Text pasted from word processors and chat apps can carry control characters
(vertical tabs, backspaces, NUL). They are invisible on screen, but XML
forbids them, so one of them in a title or tag would break every RSS feed
and sitemap. They are removed from every text field before it is saved.

Tags are named freely ("Café", "中文", "!!!"); their slugs become URLs, so a
tag whose slug would not be a plain ASCII slug gets a stable one made from
its name.
"""

import hashlib
import re

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ASCII_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def strip_control_characters(value):
    return CONTROL_CHARACTERS.sub("", value)


def clean_text_fields(sender, instance, **kwargs):
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, strip_control_characters(value))


def connect(models_to_clean):
    for model in models_to_clean:
        pre_save.connect(clean_text_fields, sender=model, dispatch_uid=f"clean-{model.__name__}")


@receiver(pre_save, sender=Tag, dispatch_uid="ascii-tag-slug")
def ascii_tag_slug(sender, instance, **kwargs):
    if not ASCII_SLUG.fullmatch(instance.slug or ""):
        digest = hashlib.sha1(instance.name.encode()).hexdigest()[:10]
        instance.slug = f"tag-{digest}"
