"""The chief editor's role (Pemimpin Redaksi): everything an editor may do, in
every region, plus the front page, the breaking bar, bureaus and accounts.

Before bureaus, every editor decided on every region. So that nobody loses
work on the day this is deployed, the editors of that time become chief
editors; the chief then puts people in bureaus and moves them to Redaktur.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Redaktur"
CHIEF = "Pemimpin Redaksi"
CHIEF_EXTRA = [
    ("articles", "lead_newsroom"),
    ("articles", "add_bureau"),
    ("articles", "change_bureau"),
    ("articles", "delete_bureau"),
    ("articles", "view_bureau"),
    ("articles", "view_accountevent"),
    ("auth", "view_user"),
    ("auth", "change_user"),
]


def create_chief(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief, _ = Group.objects.get_or_create(name=CHIEF)
    editor = Group.objects.filter(name=EDITOR).first()
    if editor is not None:
        chief.permissions.add(*editor.permissions.all())
        chief.user_set.add(*editor.user_set.all())
    for app_label, codename in CHIEF_EXTRA:
        chief.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_chief(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CHIEF).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0028_bureaus_and_account_events"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_chief, remove_chief)]
