import uuid

from django.db import migrations, models

import articles.models
import articles.photos


def give_each_photo_a_key(apps, schema_editor):
    Photo = apps.get_model("articles", "Photo")
    for photo in Photo.objects.filter(key__isnull=True):
        photo.key = uuid.uuid4().hex
        photo.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="renditions",
            field=models.JSONField(default=dict, editable=False, verbose_name="ukuran turunan"),
        ),
        migrations.AddField(
            model_name="photo",
            name="key",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(give_each_photo_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="photo",
            name="key",
            field=models.CharField(
                default=articles.models._random_key, editable=False, max_length=32, unique=True
            ),
        ),
        migrations.AlterField(
            model_name="author",
            name="portrait",
            field=models.ImageField(
                blank=True,
                help_text="Foto wajah, opsional. JPEG, PNG atau WebP.",
                upload_to="authors/",
                validators=[articles.photos.validate_image],
                verbose_name="foto profil",
            ),
        ),
        migrations.AlterField(
            model_name="photo",
            name="image",
            field=models.ImageField(
                help_text=(
                    "JPEG, PNG atau WebP. Foto diputar sesuai orientasinya dan data lokasi "
                    "serta kamera dihapus sebelum disimpan."
                ),
                upload_to="photos/%Y/%m/",
                validators=[articles.photos.validate_image],
                verbose_name="gambar",
            ),
        ),
    ]
