"""Create the newsroom's two roles. Their permissions stay editable in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = "Wartawan"
EDITOR = "Redaktur"

REPORTER_PERMS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_photo",
    "articles.change_photo",
    "articles.view_photo",
    "articles.view_region",
    "articles.view_author",
]
EDITOR_PERMS = REPORTER_PERMS + [
    "articles.publish_article",
    "articles.edit_any_article",
    "articles.view_reviewqueue",
    "articles.add_region",
    "articles.change_region",
    "articles.add_author",
    "articles.change_author",
    "taggit.view_tag",
    "taggit.add_tag",
    "taggit.change_tag",
    "taggit.delete_tag",
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the
    # groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in [(REPORTER, REPORTER_PERMS), (EDITOR, EDITOR_PERMS)]:
        group, _ = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[REPORTER, EDITOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
