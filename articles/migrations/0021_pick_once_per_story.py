from django.db import migrations, models
from django.utils import timezone


def end_duplicate_picks(apps, schema_editor):
    """A story picked twice without an end keeps its first pick; the others end now."""
    FrontPagePick = apps.get_model("articles", "FrontPagePick")
    seen = set()
    open_picks = FrontPagePick.objects.filter(slot="pick", until__isnull=True)
    for pick in open_picks.order_by("order", "pk"):
        if pick.article_id in seen:
            FrontPagePick.objects.filter(pk=pick.pk).update(until=timezone.now())
        seen.add(pick.article_id)


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_cache_generation")]

    operations = [
        migrations.RunPython(end_duplicate_picks, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="frontpagepick",
            constraint=models.UniqueConstraint(
                condition=models.Q(("slot", "pick"), ("until__isnull", True)),
                fields=("article",),
                name="pick_once_per_story",
                violation_error_message="Berita ini sudah ada di Pilihan Redaksi.",
            ),
        ),
    ]
