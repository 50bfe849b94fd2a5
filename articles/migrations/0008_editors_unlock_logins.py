"""Editors may see and lift login lockouts (django-axes' access attempts)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Redaktur"
PERMS = ["view_accessattempt", "delete_accessattempt"]


def grant(apps, schema_editor):
    axes = apps.get_app_config("axes")
    axes.models_module = True
    create_permissions(axes, apps=apps, verbosity=0)
    axes.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITOR).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="axes", codename__in=PERMS)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="axes", codename__in=PERMS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_listing_indexes"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
