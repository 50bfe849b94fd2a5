"""Article bodies are sanitized on every save, whatever was pasted or posted."""

import pytest
from django.urls import reverse

from articles import richtext
from articles.models import Article
from tests.factories import article_form_data, make_article, make_editor, make_photo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("dirty", "gone"),
    [
        ("<p>ok</p><script>alert(1)</script>", "<script"),
        ('<p onclick="steal()">ok</p>', "onclick"),
        ('<a href="javascript:alert(1)">ok</a>', "javascript:"),
        ('<img src="data:image/png;base64,AAAA" alt="x">', "data:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<form action="/x"><input name="a"></form>', "<form"),
        ('<p style="color:red">ok</p>', "style="),
        ("<style>p{}</style><p>ok</p>", "<style"),
        ("<marquee>ok</marquee>", "<marquee"),
        ('<img src="https://tracker.example/pixel.gif" alt="x">', "tracker.example"),
        ("<p>ok</p><!-- secret -->", "secret"),
    ],
)
def test_dangerous_markup_never_survives(dirty, gone):
    assert gone not in richtext.clean_html(dirty)


@pytest.mark.parametrize(
    "kept",
    [
        "<p>Paragraf <strong>tebal</strong> dan <em>miring</em>.</p>",
        "<h2>Subjudul</h2>",
        "<ul><li>satu</li></ul><ol><li>dua</li></ol>",
        "<blockquote><p>Kutipan.</p></blockquote>",
    ],
)
def test_news_markup_is_kept(kept):
    assert richtext.clean_html(kept) == kept


def test_links_keep_http_https_and_mailto_and_get_noopener():
    html = richtext.clean_html(
        '<a href="https://kompas.id">a</a><a href="mailto:r@x.id">b</a><a href="ftp://x">c</a>'
    )
    assert '<a href="https://kompas.id" rel="noopener">a</a>' in html
    assert 'href="mailto:r@x.id"' in html
    assert "ftp:" not in html


def test_images_from_our_media_with_captions_are_kept():
    html = (
        '<figure class="image"><img src="/media/renditions/1/article-800.jpg" alt="Warga">'
        "<figcaption>Warga antre.</figcaption></figure>"
    )
    assert richtext.clean_html(html) == html


def test_article_save_sanitizes_the_body():
    article = make_article(body='<p onmouseover="x()">Isi</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Isi</p>"


def test_body_posted_through_the_admin_is_sanitized(client):
    editor = make_editor()
    article = make_article(status=Article.Status.DRAFT, author=editor.author)
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form_data(article, body='<p>Aman</p><img src=x onerror="alert(1)">'),
    )
    article.refresh_from_db()
    assert article.body == "<p>Aman</p>"


def test_published_page_contains_no_injected_script(client):
    article = make_article(body="<p>Isi</p><script>alert('xss')</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "alert('xss')" not in html


def test_inline_editor_photo_is_responsive_and_credited_on_the_page(client):
    photo = make_photo(credit="KJ/Rahmat")
    url = photo.image.storage.url(photo.renditions["article"][0]["jpeg"])
    article = make_article(
        body=f'<p>Isi.</p><figure class="image"><img src="{url}" alt="Banjir">'
        "<figcaption>Air naik.</figcaption></figure>"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp"' in html
    assert 'alt="Banjir"' in html
    assert 'Air naik. <span class="credit">KJ/Rahmat</span></figcaption>' in html
