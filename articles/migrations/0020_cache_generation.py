from django.db import migrations, models


def first_generation(apps, schema_editor):
    apps.get_model("articles", "CacheGeneration").objects.create(pk=1, number=0)


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_photo_focus")]

    operations = [
        migrations.CreateModel(
            name="CacheGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
    ]
