"""A WordPress post's body comes in as this project's body: paragraphs,
captioned figures of library photos, tracker-free embeds, and nothing lost
or hung on broken or huge input.

The bodies are the real ones WordPress 6.1 wrote into the fixture's export
(tests/data/wordpress/README.md says what each post holds). No database:
the photo library is a fake `image` callable that records what it is given.
"""

import hashlib
import re
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from articles.wordpress.body import Converted, convert, split_credit

EXPORT = Path(__file__).parent / "data" / "wordpress" / "export.xml"
UPLOADS = "https://suarapagi.example/wp-content/uploads/"
NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
_CONTENTS = {}


def content(post_id):
    """The `content:encoded` WordPress exported for the item `post_id`."""
    if not _CONTENTS:
        for item in ET.parse(EXPORT).iter("item"):
            _CONTENTS[int(item.find("wp:post_id", NS).text)] = item.find("content:encoded", NS).text
    return _CONTENTS[post_id]


class FakeLibrary:
    """Pictures from the site's uploads become library photos; others have no file."""

    def __init__(self):
        self.calls = []

    def __call__(self, src, *, attachment_id, caption, credit, alt):
        self.calls.append(
            {"src": src, "attachment_id": attachment_id, "caption": caption,
             "credit": credit, "alt": alt}
        )  # fmt: skip
        if not src.startswith(UPLOADS):
            return None
        return f"/media/renditions/{hashlib.md5(src.encode()).hexdigest()}/article-800.jpg"


def converted(post_id_or_text):
    library = FakeLibrary()
    text = content(post_id_or_text) if isinstance(post_id_or_text, int) else post_id_or_text
    return convert(text, image=library), library


def figures(html):
    return re.findall(r'<figure class="image">.*?</figure>', html)


def embedded(html):
    return re.findall(r'<figure class="media"><oembed url="([^"]*)"></oembed></figure>', html)


class _Balance(HTMLParser):
    VOID = {"br", "img", "hr", "wbr"}

    def __init__(self):
        super().__init__()
        self.open = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.ok = False


def balanced(html):
    checker = _Balance()
    checker.feed(html)
    checker.close()
    return checker.ok and not checker.open


# Classic posts ----------------------------------------------------------------


def test_caption_shortcodes_become_captioned_figures_with_the_credit_taken_off():
    result, library = converted(7)
    shown = figures(result.html)
    assert len(shown) == 2
    assert (
        "<figcaption>Jembatan di Desa Morowudi ambrol setelah diterjang arus sungai.</figcaption>"
        in shown[0]
    )
    assert 'alt="Jembatan bambu yang ambrol"' in shown[0]
    assert "<figcaption>Petugas BPBD memeriksa sisa fondasi jembatan.</figcaption>" in shown[1]
    assert "SP/Budi" not in result.html  # the photo shows its credit itself
    assert "[caption" not in result.html and "[/caption]" not in result.html
    assert [(call["attachment_id"], call["credit"]) for call in library.calls] == [
        (9, "SP/Budi"),
        (10, ""),
    ]
    assert (
        library.calls[0]["caption"]
        == "Jembatan di Desa Morowudi ambrol setelah diterjang arus sungai."
    )
    # WordPress's resized copy is handed over as it is; the importer finds the original.
    assert library.calls[1]["src"] == UPLOADS + "2023/11/petugas-bpbd-300x225.jpg"
    assert (result.images, result.dropped_images) == (2, [])


def test_classic_text_between_captions_becomes_paragraphs_around_the_figures():
    html = converted(7)[0].html
    assert html.startswith("<p>Jembatan yang menghubungkan Desa Morowudi")
    between = "<p>Tidak ada korban jiwa. Warga kini harus memutar sejauh tujuh kilometer.</p>"
    assert f"</figure>{between}<figure" in html
    assert html.endswith(
        "<p>Pemerintah kabupaten menjanjikan jembatan darurat dalam dua pekan.</p>"
    )


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    html = converted(16)[0].html
    assert html.startswith(
        "<p>Ribuan warga memadati Pantai Tambakrejo, Kabupaten Blitar, untuk mengikuti "
        "larung sesaji pada Selasa pagi.</p><p>Tradisi tahunan ini digelar nelayan sebagai "
        "ungkapan syukur.<br>\nSesaji berupa tumpeng dan hasil bumi dilarung ke tengah laut.</p>"
    )
    assert (
        "<p><strong>Catatan:</strong> acara serupa digelar di Pantai Serang pekan depan.</p>"
        in html
    )
    assert converted(29)[0].html == (
        "<p>Warga Kecamatan Wlingi mengeluhkan jalan berlubang sepanjang dua kilometer.</p>"
        "<p>Dinas PUPR berjanji memperbaikinya tahun depan.</p>"
    )
    assert converted(23)[0].html == (
        "<p>Kantor redaksi tutup pada 25 Desember 2023. Berita tetap terbit seperti biasa.</p>"
    )


def test_bare_urls_and_embed_shortcodes_become_embeds():
    result, _library = converted(16)
    assert embedded(result.html) == [
        "https://www.youtube.com/watch?v=Lr9Tb2mWq7E",
        "https://www.youtube.com/watch?v=Pw4sN8kYd1c",
        "https://www.instagram.com/p/Cz1AbCdEfGh/",
    ]
    assert result.embeds == 3
    assert "[embed]" not in result.html
    assert '<p>Suasana dari udara:</p><figure class="media">' in result.html


def test_an_image_from_another_site_is_reported_and_left_out():
    result, library = converted(16)
    assert result.dropped_images == ["https://cdn.example.net/arsip/larung-2019.jpg"]
    assert "cdn.example.net" not in result.html and "Larung sesaji 2019" not in result.html
    assert result.images == 2
    kept = figures(result.html)
    assert len(kept) == 1 and "<figcaption>" not in kept[0]
    assert library.calls[0]["src"] == UPLOADS + "2023/11/banjir-sutojayan-300x225.jpg"
    assert library.calls[0]["attachment_id"] == 6


def test_unknown_shortcodes_are_counted_and_kept_as_text():
    result, _library = converted(18)
    assert result.unknown_shortcodes == {"gallery": 1, "contact-form-7": 1}
    assert '<p>[gallery ids="20,21" columns="2" size="medium"]</p>' in result.html
    assert '<p>[contact-form-7 id="5" title="Kirim Foto Pembaca"]</p>' in result.html


def test_brackets_that_are_not_shortcodes_are_not_counted():
    result, _library = converted(
        'Catatan kaki [1] dan [Foto] serta [ gallery] dan [[gallery]].\n\n[video src="x.mp4" /]'
    )
    assert result.unknown_shortcodes == {"video": 1}
    assert "Catatan kaki [1] dan [Foto] serta [ gallery] dan [gallery]." in result.html


def test_more_tag_is_dropped_and_entities_read_as_quotes():
    html = converted(4)[0].html
    assert "more" not in html and "<!--" not in html
    assert re.search(r"(“|&ldquo;)Kami sudah mendirikan dua dapur umum,(”|&rdquo;)", html)
    assert html.count("<p>") == 3


# Block editor posts ------------------------------------------------------------


def test_block_editor_comments_go_and_its_blocks_stay():
    result, _library = converted(12)
    html = result.html
    assert "wp:" not in html and "<!--" not in html and "wp-block" not in html
    assert "<h2>Tema debat</h2>" in html
    assert "<ul><li>Hukum dan hak asasi manusia</li><li>Pemerintahan" in html
    assert "<blockquote><p>Kami ingin publik menilai gagasan" in html
    assert "<br>" not in html  # already paragraphs: not run through wpautop


def test_block_editor_image_becomes_a_captioned_figure():
    result, library = converted(12)
    [figure] = figures(result.html)
    assert "<figcaption>Panggung debat di Jakarta, Senin (13/11/2023).</figcaption>" in figure
    assert 'alt="Panggung debat calon presiden"' in figure
    assert library.calls == [
        {
            "src": UPLOADS + "2023/11/debat-capres.jpg",
            "attachment_id": 14,
            "caption": "Panggung debat di Jakarta, Senin (13/11/2023).",
            "credit": "SP/Dewi",
            "alt": "Panggung debat calon presiden",
        }
    ]


def test_block_editor_youtube_embed_becomes_an_embed_of_that_video():
    result, _library = converted(12)
    assert embedded(result.html) == ["https://www.youtube.com/watch?v=Xk3pL9qZ2aA"]
    assert result.embeds == 1
    assert "Siaran ulang debat di kanal YouTube KPU." in result.html  # its caption is kept


def test_page_of_paragraph_blocks_comes_in_as_its_paragraphs():
    assert converted(35)[0].html == (
        "<p><strong>Suara Pagi</strong> adalah harian regional yang terbit di Jawa Timur sejak "
        "1998.</p><p>Redaksi: Jalan Pemuda 12, Surabaya.</p>"
    )


# Pictures and links in odd places ----------------------------------------------


def test_an_image_inside_a_paragraph_is_moved_between_paragraphs():
    result, _library = converted(
        f'<p>Awal kalimat <a href="{UPLOADS}2023/11/jembatan-gresik.jpg"><img class="wp-image-9" '
        f'src="{UPLOADS}2023/11/jembatan-gresik.jpg" alt="Jembatan"></a> akhir kalimat.</p>'
    )
    html = result.html
    assert re.fullmatch(
        r'<p>Awal kalimat</p><figure class="image"><img src="/media/renditions/[0-9a-f]{32}/'
        r'article-800\.jpg" alt="Jembatan"></figure><p>akhir kalimat\.</p>',
        html,
    ), html


def test_an_unknown_bare_url_becomes_a_link_paragraph():
    result, _library = converted("Baca juga:\n\nhttps://contoh.example/berita/123\n\nSelesai.")
    assert '<p><a href="https://contoh.example/berita/123" rel="noopener">' in result.html
    assert result.embeds == 0


def test_a_captioned_photo_without_a_file_is_left_out_with_its_caption():
    result, library = converted(
        '[caption id="attachment_99" align="alignnone"]<img src="https://lain.example/a.jpg" '
        'alt="A"> Foto lama. KJ/Budi Santoso[/caption]\n\nTeks.'
    )
    assert library.calls[0]["credit"] == "KJ/Budi Santoso"
    assert library.calls[0]["attachment_id"] == 99
    assert result.dropped_images == ["https://lain.example/a.jpg"]
    assert result.html == "<p>Teks.</p>"  # the caption goes with its picture


# Bad and big input ------------------------------------------------------------------

BROKEN = [
    "<p><strong>tebal tanpa penutup",
    "</div></div>teks setelah penutup yatim<div>\n\nbuka",
    "<ul><li>satu<li>dua</ul></li></p>",
    '[caption id="attachment_9"]<img src="' + UPLOADS + 'x.jpg"> tanpa penutup',
    "Komentar <!-- tanpa penutup\n\nlanjut",
    "<img src=",
    '<img src="' + UPLOADS + 'x.jpg" alt="<p>">',
    "<pre>kode\n\ntanpa penutup",
    '<figure class="wp-block-image"><img src="' + UPLOADS + 'x.jpg">',
    '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">bukan url</div>',
    "<table><tr><td>sel\n\nsel</td></tr><figure><figcaption>keterangan",
    "<p>satu<p>dua</p>\n\ntiga",
    "<h2>Judul <img src='" + UPLOADS + "y.jpg'></h2>",
    "[embed]https://youtu.be/Pw4sN8kYd1c",
    "<blockquote>kutipan\n\n<cite>Sumber</cite>",
    "\x00\x01 kendali \x0b",
]


@pytest.mark.parametrize("body", BROKEN)
def test_broken_html_comes_back_balanced(body):
    result = convert(body, image=FakeLibrary())
    assert isinstance(result, Converted)
    assert balanced(result.html), result.html
    assert "\x00" not in result.html


def test_broken_html_keeps_its_words():
    html = converted("</div></div>teks setelah penutup yatim<div>\n\nbuka")[0].html
    assert "teks setelah penutup yatim" in html and "buka" in html
    assert "lanjut" in converted("Komentar <!-- tanpa penutup\n\nlanjut")[0].html


def _ten_megabytes(piece):
    return piece * (10_000_000 // len(piece) + 1)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(_ten_megabytes(content(16) + "\n\n" + content(7) + "\n\n"), id="classic"),
        pytest.param(_ten_megabytes(content(12)), id="blocks"),
    ],
)
def test_a_ten_megabyte_post_converts_in_seconds(body):
    started = time.monotonic()
    result = convert(body, image=FakeLibrary())
    elapsed = time.monotonic() - started
    assert elapsed < 5, f"{elapsed:.1f}s"
    assert balanced(result.html)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("[caption " * 1_200_000, id="caption"),
        pytest.param("<!--" * 2_500_000, id="comments"),
        pytest.param('<a href="x">' * 800_000, id="links"),
        pytest.param("<img " + 'a="' * 3_000_000, id="attributes"),
        pytest.param("<p>" + "\xa0" * 10_000_000 + "x", id="nbsp"),
        pytest.param(" " * 10_000_000 + "x", id="spaces"),
        pytest.param("\n" * 10_000_000, id="newlines"),
        pytest.param("[embed]" * 1_400_000, id="embeds"),
        pytest.param('<figure class="wp-block-image">' * 300_000, id="figures"),
        pytest.param("<pre>" * 2_000_000, id="pre"),
        pytest.param("<div>" * 2_000_000, id="nested-divs"),
        pytest.param("<span><h2>" * 1_000_000, id="nested-headings"),
        pytest.param("<blockquote><em>" * 600_000, id="nested-quotes"),
        pytest.param("<ul><li>" * 1_200_000, id="nested-lists"),
        pytest.param("https://x.example/" + "a" * 10_000_000, id="url"),
    ],
)
def test_ten_megabytes_of_hostile_markup_convert_in_seconds(body):
    """Unclosed tags, shortcodes and comments by the million, and nesting that
    makes HTML parsers quadratic: a few seconds, not hours (most of it in
    clean_html's nh3, and the Python loop over two million tags)."""
    started = time.monotonic()
    result = convert(body, image=FakeLibrary())
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"{elapsed:.1f}s"
    assert balanced(result.html)


def test_ten_million_lone_angle_brackets_do_not_hang():
    """Each "<" comes back as "&lt;": 40 MB, which clean_html's nh3 takes most of the time on."""
    started = time.monotonic()
    result = convert("<" * 10_000_000, image=FakeLibrary())
    assert time.monotonic() - started < 30
    assert result.html.startswith("<p>&lt;&lt;")


def test_a_ten_megabyte_post_keeps_all_its_pictures_and_embeds():
    body = _ten_megabytes(content(16) + "\n\n")
    repeats = body.count("Ribuan warga")
    result, _library = converted(body)
    assert result.embeds == 3 * repeats
    assert len(figures(result.html)) == repeats
    assert len(result.dropped_images) == repeats


# Credits ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Jembatan di Desa Morowudi ambrol setelah diterjang arus sungai. SP/Budi",
            ("Jembatan di Desa Morowudi ambrol setelah diterjang arus sungai.", "SP/Budi"),
        ),
        (
            "Warga menerobos banjir di Kecamatan Sutojayan, Blitar, Minggu (12/11/2023). SP/Rahmat",
            (
                "Warga menerobos banjir di Kecamatan Sutojayan, Blitar, Minggu (12/11/2023).",
                "SP/Rahmat",
            ),
        ),
        ("Banjir surut. KJ/Budi Santoso", ("Banjir surut.", "KJ/Budi Santoso")),
        ("Kantor DPRD SP/Rahmat", ("Kantor DPRD", "SP/Rahmat")),
        (
            "Warga mengungsi. ANTARA FOTO/M. Risyal Hidayat/foc",
            ("Warga mengungsi.", "ANTARA FOTO/M. Risyal Hidayat/foc"),
        ),
        ("Warga berjalan. Foto: Rahmat", ("Warga berjalan.", "Rahmat")),
        ("Warga berjalan (Foto: ANTARA/Budi)", ("Warga berjalan", "ANTARA/Budi")),
        ("Warga berjalan. (SP/Budi)", ("Warga berjalan.", "SP/Budi")),
        (
            "Bupati meresmikan jembatan. Dok. Humas Pemkab",
            ("Bupati meresmikan jembatan.", "Dok. Humas Pemkab"),
        ),
        ("Pasar Legi ramai pembeli - Foto: Istimewa", ("Pasar Legi ramai pembeli", "Istimewa")),
        ("SP/Rahmat", ("", "SP/Rahmat")),
        (
            "Petugas BPBD memeriksa sisa fondasi jembatan.",
            ("Petugas BPBD memeriksa sisa fondasi jembatan.", ""),
        ),
        ("Rapat di Kantor BPBD", ("Rapat di Kantor BPBD", "")),
        ("Perbaikan jalur KA/KRL di Surabaya", ("Perbaikan jalur KA/KRL di Surabaya", "")),
        ("Jalur Surabaya/Malang ditutup", ("Jalur Surabaya/Malang ditutup", "")),
        ("Debat capres, Senin (13/11/2023).", ("Debat capres, Senin (13/11/2023).", "")),
        ("Kumpulan foto: warga menjemur kasur", ("Kumpulan foto: warga menjemur kasur", "")),
        ("Pertandingan 2/1 untuk Persik", ("Pertandingan 2/1 untuk Persik", "")),
        ("", ("", "")),
    ],
)
def test_split_credit(caption, expected):
    assert split_credit(caption) == expected


def test_split_credit_of_a_long_caption_looks_at_its_end_only():
    caption = "Kata " * 50_000 + "terakhir. SP/Budi"
    assert split_credit(caption) == ("Kata " * 50_000 + "terakhir.", "SP/Budi")
