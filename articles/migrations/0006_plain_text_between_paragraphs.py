"""Re-derive every article's plain text with spaces between paragraphs.

Before, "aman.</p><p>Tim" became "aman.Tim": excerpts read glued words and
PostgreSQL indexed "aman.tim" as one token, so the first word of most
paragraphs could not be found.
"""

from django.db import migrations

from articles.richtext import plain_text
from articles.search import search_vector


def refill_plain_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.only("pk", "body", "body_text")
    changed = []
    for article in articles.iterator(chunk_size=500):
        text = plain_text(article.body)
        if text != article.body_text:
            article.body_text = text
            changed.append(article)
    for start in range(0, len(changed), 500):
        batch = changed[start : start + 500]
        Article.objects.bulk_update(batch, ["body_text"])
        if schema_editor.connection.vendor == "postgresql":
            Article.objects.filter(pk__in=[a.pk for a in batch]).update(
                search_vector=search_vector()
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_and_reads")]

    operations = [migrations.RunPython(refill_plain_text, migrations.RunPython.noop)]
