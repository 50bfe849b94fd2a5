"""A body over the limit, in Chromium: the editor says so before saving, and keeps the text."""

import json

from django.urls import reverse

from articles.models import Article, ArticleAutosave
from tests.browser import MARKS
from tests.factories import make_article, make_editor
from tests.test_writing_in_the_browser import logged_in

pytestmark = MARKS
PARAGRAPH = "<p>" + "Warga Blitar memadati alun-alun kota sejak pagi. " * 20 + "</p>"


def test_a_body_over_the_limit_is_shown_before_saving_and_never_lost(
    browser, live_server, settings
):
    settings.ARTICLE_BODY_MAX_BYTES = 200_000  # the live server runs in this process
    editor = make_editor("redaktur")
    story = make_article("Banjir di Blitar", author=editor.author)
    context, page = logged_in(browser, live_server, "redaktur")
    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[story.pk])}")
    page.wait_for_function("window.editors && window.editors.id_body")
    note = page.locator(".body-size")

    near = PARAGRAPH * (180_000 // len(PARAGRAPH))  # 90% of the limit
    page.evaluate("(html) => window.editors.id_body.setData(html)", near)
    note.filter(has_text="Isi 0,2 MB dari batas 0,2 MB.").wait_for()

    over = PARAGRAPH * (250_000 // len(PARAGRAPH)) + "<p>Paragraf terakhir.</p>"
    page.evaluate("(html) => window.editors.id_body.setData(html)", over)
    note.filter(has_text="Isi terlalu panjang: 0,3 MB; batas 0,2 MB.").wait_for()
    assert "over" in note.get_attribute("class")
    status = page.locator(".autosave-status")
    status.filter(has_text="hanya disimpan di perangkat ini").wait_for()  # not sent

    page.evaluate("window.stillHere = true")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_timeout(1000)
    assert page.evaluate("window.stillHere")  # not sent: the form and its text stay
    assert note.get_attribute("role") == "alert"
    assert "Paragraf terakhir." in page.evaluate("window.editors.id_body.getData()")
    key = page.evaluate("JSON.parse(document.getElementById('autosave-config').textContent).key")
    copy = json.loads(page.evaluate("(key) => localStorage.getItem(key)", key))
    assert "Paragraf terakhir." in copy["fields"]["body"]  # the device copy
    assert Article.objects.get(pk=story.pk).revision == story.revision
    assert not ArticleAutosave.objects.exists()
    context.close()
