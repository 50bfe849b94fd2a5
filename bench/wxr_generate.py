"""Write a big WordPress export (WXR 1.2) and its uploads folder, for timing the importer.

The file has the shape WordPress's own export_wp() writes (same elements,
namespaces, CDATA use and order as the committed tests/data/wordpress/export.xml,
made by WordPress itself): channel header, wp:author, wp:category (a
hierarchy: Jawa Timur and its regencies), wp:tag, wp:term, then one <item>
per post followed by its attachment items, posts in id order. Each post has a
featured image (_thumbnail_id) whose attachment carries a caption (often with
an "SP/Name" credit), alt text, _wp_attached_file and _wp_attachment_metadata;
the JPEG is drawn with Pillow into OUT/uploads/YYYY/MM/ (phone-like,
1600x1200 and ~250 KB by default; nothing is downloaded). Bodies mix classic
HTML, wpautop text, Gutenberg block comments, [caption] shortcodes, YouTube
embed blocks, bare YouTube/Instagram URLs, [embed] and unknown shortcodes.
Most posts are published; a few are drafts, pending, private, trashed or
scheduled (2030). Everything follows from --seed, so runs are repeatable.

The XML is written item by item as it is generated (never held whole in
memory); images are drawn in worker processes while the XML is written.

Usage:
    python3 -m uv run --frozen python bench/wxr_generate.py --posts 10000 --out /tmp/wxr-10k
    ... --image-size 1200x900 --quality 80   smaller photos
    ... --no-images                          XML only (file sizes left out of the metadata)
    ... --wp-sizes                           also WordPress's resized copies (-300x225, ...)
"""

import argparse
import html
import json
import multiprocessing
import os
import random
import re
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SITE = "https://suarapagi.example"
WIB = timedelta(hours=7)
ZERO_DATE = "0000-00-00 00:00:00"  # drafts' post_date_gmt

AUTHORS = [
    ("Lestari", "Wulandari"),
    ("Ahmad", "Fauzi"),
    ("Dewi", "Anggraini"),
    ("Budi", "Santoso"),
    ("Rahmat", "Hidayat"),
    ("Siti", "Nurhaliza"),
    ("Agus", "Prasetyo"),
    ("Rina", "Marlina"),
    ("Yusuf", "Maulana"),
    ("Indah", "Permatasari"),
    ("Eko", "Saputro"),
    ("Fitri", "Handayani"),
    ("Bayu", "Aji"),
    ("Nur", "Aini"),
    ("Hendra", "Gunawan"),
    ("Wahyu", "Setiawan"),
    ("Ratna", "Sari"),
    ("Dimas", "Pratama"),
    ("Ayu", "Lestari"),
    ("Galih", "Ramadhan"),
]
JATIM = [
    "Surabaya",
    "Sidoarjo",
    "Gresik",
    "Lamongan",
    "Tuban",
    "Bojonegoro",
    "Mojokerto",
    "Jombang",
    "Kediri",
    "Blitar",
    "Tulungagung",
    "Trenggalek",
    "Malang",
    "Batu",
    "Pasuruan",
    "Probolinggo",
    "Lumajang",
    "Jember",
    "Banyuwangi",
    "Bondowoso",
    "Situbondo",
    "Madiun",
    "Magetan",
    "Ngawi",
    "Ponorogo",
    "Pacitan",
    "Nganjuk",
    "Bangkalan",
    "Sampang",
    "Pamekasan",
    "Sumenep",
]
TOP = ["Nasional", "Ekonomi", "Olahraga", "Hiburan", "Internasional", "Opini", "Teknologi"]
TAGS = [
    "Banjir",
    "Pemilu 2024",
    "Jalan Rusak",
    "Harga Cabai",
    "Persebaya",
    "Arema FC",
    "Covid-19",
    "Mudik",
    "Lebaran",
    "Kecelakaan",
    "Kebakaran",
    "Pilkada",
    "UMKM",
    "Pendidikan",
    "Kesehatan",
    "Pariwisata",
    "Pertanian",
    "Nelayan",
    "Tol Trans-Jawa",
    "Stunting",
    "DBD",
    "Narkoba",
    "Korupsi",
    "Polisi",
    "TNI",
    "BPBD",
    "Gempa",
    "Gunung Semeru",
    "Kekeringan",
    "Beras",
    "Bansos",
    "PPDB",
    "Sepak Bola",
    "Bulu Tangkis",
    "Budaya",
    "Kuliner",
    "Batik",
    "Pabrik Gula",
    "Tembakau",
    "Pelabuhan",
    "Kereta Api",
    "Bandara Juanda",
    "Sampah",
    "Lingkungan",
    "Cuaca",
]
# Case variants that real sites accumulate: same word, another term (slug -2).
TAG_VARIANTS = ["banjir", "pemilu 2024", "PERSEBAYA"]
SUBJECTS = [
    "Warga",
    "Petani",
    "Nelayan",
    "Pemkab",
    "Polres",
    "BPBD",
    "Dinas Kesehatan",
    "DPRD",
    "Pedagang",
    "Mahasiswa",
    "Wali Kota",
    "Bupati",
    "Ribuan Pemudik",
    "Tim SAR",
    "Siswa",
]
VERBS = [
    "Keluhkan",
    "Gelar",
    "Tinjau",
    "Tolak",
    "Dukung",
    "Bersihkan",
    "Perbaiki",
    "Resmikan",
    "Selidiki",
    "Rayakan",
    "Antisipasi",
    "Tertibkan",
    "Salurkan",
    "Padati",
    "Bangun",
]
OBJECTS = [
    "Jalan Rusak",
    "Banjir Susulan",
    "Harga Pupuk",
    "Pasar Tradisional",
    "Jembatan Darurat",
    "Bantuan Beras",
    "Festival Budaya",
    "Sampah Sungai",
    "Posko Mudik",
    "Lahan Parkir",
    "Sekolah Baru",
    "Puskesmas",
    "Tambak Udang",
    "Terminal Bus",
    "Kampung Batik",
]
WORDS = [
    "pemerintah",
    "daerah",
    "warga",
    "kecamatan",
    "desa",
    "kabupaten",
    "kota",
    "pekan",
    "lalu",
    "hari",
    "ini",
    "sejumlah",
    "petugas",
    "lokasi",
    "kejadian",
    "menurut",
    "keterangan",
    "kepala",
    "dinas",
    "masyarakat",
    "kegiatan",
    "program",
    "anggaran",
    "tahun",
    "kondisi",
    "jalan",
    "sungai",
    "pasar",
    "harga",
    "sekolah",
    "rumah",
    "sakit",
    "bantuan",
    "laporan",
    "polisi",
    "kendaraan",
    "pelaksanaan",
    "pembangunan",
    "rencana",
    "pengawasan",
    "penanganan",
    "wilayah",
    "sekitar",
    "pagi",
    "siang",
    "malam",
]
CREDITS = ["SP/Rahmat", "SP/Budi", "SP/Dewi", "SP/Galih", "SP/Fitri"]
WP_SIZES = [  # name, width, height, crop: WordPress 6.1 defaults
    ("medium", 300, 300, False),
    ("large", 1024, 1024, False),
    ("thumbnail", 150, 150, True),
    ("medium_large", 768, 0, False),
    ("1536x1536", 1536, 1536, False),
    ("2048x2048", 2048, 2048, False),
]

# Markup as WordPress 6.1's editors save it.
IMAGE_BLOCK = (
    "<!-- wp:image {attrs} -->\n"
    '<figure class="wp-block-image size-{slug}">'
    '<img src="{url}" alt="{alt}" class="wp-image-{id}"/>'
    '<figcaption class="wp-element-caption">{caption}</figcaption></figure>\n'
    "<!-- /wp:image -->"
)
YOUTUBE_BLOCK = (
    "<!-- wp:embed {attrs} -->\n"
    '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube '
    'wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">\n'
    "{url}\n</div></figure>\n<!-- /wp:embed -->"
)
INSTAGRAM_URL = "https://www.instagram.com/p/Cz1AbCdEfGh/"
INSTAGRAM_BLOCK = (
    f'<!-- wp:embed {{"url":"{INSTAGRAM_URL}","type":"rich","providerNameSlug":"instagram",'
    '"responsive":true} -->\n'
    '<figure class="wp-block-embed is-type-rich is-provider-instagram wp-block-embed-instagram">'
    f'<div class="wp-block-embed__wrapper">\n{INSTAGRAM_URL}\n</div></figure>\n<!-- /wp:embed -->'
)
CAPTION_SHORTCODE = (
    '[caption id="attachment_{id}" align="{align}" width="{w}"]'
    '<img class="size-{size} wp-image-{id}" src="{url}" alt="{alt}" width="{w}" height="{h}" />'
    " {caption}[/caption]"
)
CONTACT_FORM = '[contact-form-7 id="5" title="Kirim Berita"]'


def cdata(value):
    """wxr_cdata(): WordPress wraps every text field, splitting any ']]>'."""
    return "<![CDATA[" + str(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def php_serialize(value):
    """PHP serialize() for what attachment metadata holds (dict, list, str, int)."""
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, str):
        return f's:{len(value.encode())}:"{value}";'
    if isinstance(value, list):
        value = dict(enumerate(value))
    items = "".join(php_serialize(k) + php_serialize(v) for k, v in value.items())
    return f"a:{len(value)}:{{{items}}}"


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rss_date(gmt):
    return gmt.strftime("%a, %d %b %Y %H:%M:%S +0000")


def mysql(dt):
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def resized(width, height, max_w, max_h, crop):
    """wp_constrain_dimensions / image_resize_dimensions, for the copies WordPress makes."""
    if crop:
        return (max_w, max_h) if width >= max_w and height >= max_h else None
    scale = min(max_w / width if max_w else 1e9, max_h / height if max_h else 1e9)
    if scale >= 1:
        return None
    return round(width * scale), round(height * scale)


# --------------------------------------------------------------------------- plan


def make_terms():
    """Categories (Jawa Timur -> regencies, plus top level), tags, authors."""
    cats = [{"id": 1, "name": "Uncategorized", "slug": "uncategorized", "parent": ""}]
    cats.append({"id": 2, "name": "Jawa Timur", "slug": "jawa-timur", "parent": ""})
    cats[-1]["description"] = "Berita dari kabupaten dan kota di Jawa Timur."
    for name in JATIM:
        cats.append(
            {"id": len(cats) + 1, "name": name, "slug": slugify(name), "parent": "jawa-timur"}
        )
    for name in TOP:
        cats.append({"id": len(cats) + 1, "name": name, "slug": slugify(name), "parent": ""})
    tags = []
    for name in TAGS:
        tags.append({"id": len(cats) + len(tags) + 1, "name": name, "slug": slugify(name)})
    tags[1]["description"] = "Pemilihan umum 14 Februari 2024."
    for name in TAG_VARIANTS:
        tags.append({"id": len(cats) + len(tags) + 1, "name": name, "slug": slugify(name) + "-2"})
    authors = []
    for n, (first, last) in enumerate(AUTHORS, start=2):
        authors.append({"id": n, "login": (first[0] + last).lower(), "first": first, "last": last})
    return cats, tags, authors


def plan_posts(args):
    """One small record per post (ids, dates, slugs, file names): what both the
    XML writer and the image workers need to agree on. Bodies are made later."""
    rng = random.Random(args.seed)
    start = datetime(2014, 1, 1)
    span = (datetime(2023, 12, 31) - start).total_seconds()
    slugs, files, plans = set(), set(), []
    next_id = 10
    for n in range(args.posts):
        r = rng.random()
        status = (
            "draft"
            if r < 0.01
            else "pending"
            if r < 0.02
            else "private"
            if r < 0.025
            else "trash"
            if r < 0.03
            else "future"
            if r < 0.035
            else "publish"
        )
        date = start + timedelta(seconds=span * n / max(args.posts, 1) + rng.randint(0, 3600))
        if status == "future":
            date = datetime(2030, 1, 1) + timedelta(
                days=rng.randint(0, 300), minutes=rng.randint(0, 1439)
            )
        title = (
            f"{rng.choice(SUBJECTS)} {rng.choice(JATIM)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        )
        slug = base = slugify(title)
        k = 2
        while slug in slugs:  # wp_unique_post_slug()
            slug, k = f"{base}-{k}", k + 1
        slugs.add(slug)
        post_id, image_ids = next_id, [next_id + 1]
        next_id += 2
        if rng.random() < args.body_images:
            image_ids.append(next_id)
            next_id += 1
        images = []
        for m, image_id in enumerate(image_ids):
            taken = date - timedelta(minutes=rng.randint(5, 90) - m)
            if rng.random() < 0.5:
                name = taken.strftime("IMG_%Y%m%d_%H%M%S")
            else:
                name = "-".join(slug.split("-")[:4])
            folder = taken.strftime("%Y/%m")
            stem, k = name, 1
            while f"{folder}/{stem}.jpg" in files:  # wp_unique_filename()
                stem, k = f"{name}-{k}", k + 1
            files.add(f"{folder}/{stem}.jpg")
            images.append(
                {
                    "id": image_id,
                    "date": taken,
                    "file": f"{folder}/{stem}.jpg",
                    "seed": rng.random(),
                }
            )
        plans.append(
            {
                "id": post_id,
                "n": n,
                "status": status,
                "date": date,
                "title": title,
                "slug": slug,
                "images": images,
                "seed": rng.random(),
            }
        )
    return plans


# --------------------------------------------------------------------------- images

_BASES = {}


def _bases(width, height, grain):
    """A few large noisy scenes per process; each photo is a different crop of one,
    with its own shapes and label drawn on, so every file differs."""
    key = (width, height, grain)
    if key not in _BASES:
        scenes = []
        for k in range(8):
            rng = random.Random(k)
            w, h = width + width // 4, height + height // 4
            top = Image.new("RGB", (w, h), tuple(rng.randint(90, 200) for _ in range(3)))
            bottom = Image.new("RGB", (w, h), tuple(rng.randint(40, 130) for _ in range(3)))
            scene = Image.composite(bottom, top, Image.linear_gradient("L").resize((w, h)))
            draw = ImageDraw.Draw(scene)
            for _ in range(80):
                x, y = rng.randrange(w), rng.randrange(h)
                box = [x, y, x + rng.randint(20, w // 5), y + rng.randint(20, h // 4)]
                fill = tuple(rng.randint(20, 235) for _ in range(3))
                (draw.rectangle if rng.random() < 0.6 else draw.ellipse)(box, fill=fill)
            scene = scene.filter(ImageFilter.GaussianBlur(1.2))
            noise = Image.effect_noise((w, h), grain).convert("RGB")
            scenes.append(Image.blend(scene, noise, 0.10))
        _BASES[key] = scenes
    return _BASES[key]


def draw_image(job):
    """Draw one photo (and WordPress's resized copies if asked); return file sizes."""
    path, seed, width, height, quality, grain, label, wp_sizes = job
    rng = random.Random(seed)
    scene = rng.choice(_bases(width, height, grain))
    x, y = rng.randrange(scene.width - width), rng.randrange(scene.height - height)
    image = scene.crop((x, y, x + width, y + height))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 7)):
        bx, by = rng.randrange(width), rng.randrange(height)
        box = [bx, by, bx + rng.randint(30, width // 4), by + rng.randint(30, height // 4)]
        draw.rectangle(box, fill=tuple(rng.randint(0, 255) for _ in range(3)))
    draw.rectangle([0, height - 48, width, height], fill=(0, 0, 0))
    draw.text((16, height - 40), label, fill=(255, 255, 255), font_size=28)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=quality)
    sizes = {}
    if wp_sizes:
        for name, max_w, max_h, crop in WP_SIZES:
            dims = resized(width, height, max_w, max_h, crop)
            if not dims:
                continue
            if crop:
                side = min(width, height)
                box = (
                    (width - side) // 2,
                    (height - side) // 2,
                    (width + side) // 2,
                    (height + side) // 2,
                )
                copy = image.crop(box).resize(dims, Image.LANCZOS)
            else:
                copy = image.resize(dims, Image.LANCZOS)
            copy_path = path.with_name(f"{path.stem}-{dims[0]}x{dims[1]}.jpg")
            copy.save(copy_path, "JPEG", quality=82)
            sizes[name] = (copy_path.name, dims[0], dims[1], copy_path.stat().st_size)
    return path.stat().st_size, sizes


def image_jobs(plans, args):
    width, height = args.image_size
    for plan in plans:
        for image in plan["images"]:
            label = f"{plan['title'][:60]}  #{image['id']}"
            yield (
                args.out / "uploads" / image["file"],
                image["seed"],
                width,
                height,
                args.quality,
                args.grain,
                label,
                args.wp_sizes,
            )


# --------------------------------------------------------------------------- bodies


def sentence(rng):
    words = rng.sample(WORDS, rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def paragraphs(rng, count):
    return [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def image_url(image, width, height, want=None):
    """The full-size URL, or a resized copy's when WordPress made one."""
    url = f"{SITE}/wp-content/uploads/{image['file']}"
    if want and image.get("sizes", {}).get(want):
        name, w, h, _ = image["sizes"][want]
        return url.rsplit("/", 1)[0] + "/" + name, w, h
    return url, width, height


def body(plan, rng, args):
    """Classic HTML, wpautop text or Gutenberg blocks, with the extras news sites have."""
    width, height = args.image_size
    paras = paragraphs(rng, rng.randint(5, 12))
    style = rng.choices(["classic", "autop", "blocks"], weights=[40, 25, 35])[0]
    inline = plan["images"][-1]  # the body image, or the featured one again
    extras = []
    if rng.random() < 0.15:
        extras.append("image")
    if rng.random() < 0.08:
        extras.append("youtube")
    if rng.random() < 0.02:
        extras.append("instagram")
    if rng.random() < 0.03:
        extras.append("shortcode")
    video = "https://www.youtube.com/watch?v=" + "".join(
        rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        for _ in range(11)
    )
    caption = html.escape(inline["caption"] or "Foto ilustrasi.", quote=False)

    if style == "blocks":
        parts = [f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paras]
        if rng.random() < 0.3:
            parts.insert(
                2, "<!-- wp:heading -->\n<h2>" + sentence(rng)[:-1] + "</h2>\n<!-- /wp:heading -->"
            )
        if "image" in extras:
            url, w, h = image_url(inline, width, height, "large")
            slug = "large" if (w, h) != (width, height) else "full"
            attrs = json.dumps(
                {"id": inline["id"], "sizeSlug": slug, "linkDestination": "none"},
                separators=(",", ":"),
            )
            alt = html.escape(inline["alt"])
            block = IMAGE_BLOCK.format(
                attrs=attrs, slug=slug, url=url, alt=alt, id=inline["id"], caption=caption
            )
            parts.insert(1, block)
        if "youtube" in extras:
            attrs = json.dumps(
                {
                    "url": video,
                    "type": "video",
                    "providerNameSlug": "youtube",
                    "responsive": True,
                    "className": "wp-embed-aspect-16-9 wp-has-aspect-ratio",
                },
                separators=(",", ":"),
            )
            parts.insert(3, YOUTUBE_BLOCK.format(attrs=attrs, url=video))
        if "instagram" in extras:
            parts.append(INSTAGRAM_BLOCK)
        if "shortcode" in extras:
            parts.append(f"<!-- wp:shortcode -->\n{CONTACT_FORM}\n<!-- /wp:shortcode -->")
        return "\n\n".join(parts)

    if style == "classic":
        parts = [f"<p>{p}</p>" for p in paras]
    else:  # wpautop: blank-line paragraphs, sometimes a single line break inside
        parts = [p.replace(". ", ".\n", 1) if rng.random() < 0.2 else p for p in paras]
    if "image" in extras:
        url, w, h = image_url(inline, width, height, "medium" if rng.random() < 0.3 else None)
        align = "alignright" if w < width else "alignnone"
        size = "medium" if w < width else "full"
        alt = html.escape(inline["alt"])
        shortcode = CAPTION_SHORTCODE.format(
            id=inline["id"], align=align, size=size, url=url, alt=alt, w=w, h=h, caption=caption
        )
        parts.insert(1, shortcode)
    if "youtube" in extras:
        parts.insert(2, f"[embed]{video}[/embed]" if rng.random() < 0.4 else video)
    if "instagram" in extras:
        parts.append(INSTAGRAM_URL)
    if "shortcode" in extras:
        parts.append(rng.choice(['[gallery ids="1,2" columns="2"]', CONTACT_FORM]))
    return ("\n\n" if style == "autop" else "\n").join(parts)


# --------------------------------------------------------------------------- XML


def write_header(out, cats, tags, authors, now):
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
    out.write(
        "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your "
        "site. -->\n"
        "<!-- It contains information about your site's posts, pages, comments, categories, "
        "and other content. -->\n"
        "<!-- You may use this file to transfer that content from one site to another. -->\n"
        "<!-- This file is not intended to serve as a complete backup of your site. -->\n\n"
        "<!-- Made by bench/wxr_generate.py in the shape of WordPress 6.1's export_wp(). -->\n\n"
        f'\t<!-- generator="WordPress/6.1.9" created="{now:%Y-%m-%d %H:%M}" -->\n'
        '<rss version="2.0"\n'
        '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:wp="http://wordpress.org/export/1.2/"\n'
        ">\n\n<channel>\n"
        "\t<title>Suara Pagi</title>\n"
        f"\t<link>{SITE}</link>\n"
        "\t<description>Kabar pagi dari Jawa Timur</description>\n"
        f"\t<pubDate>{rss_date(now)}</pubDate>\n"
        "\t<language>en-US</language>\n"
        "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
        f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
        f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n\n"
    )
    for a in authors:
        out.write(
            f"\t<wp:author><wp:author_id>{a['id']}</wp:author_id>"
            f"<wp:author_login>{cdata(a['login'])}</wp:author_login>"
            f"<wp:author_email>{cdata(a['login'] + '@suarapagi.example')}</wp:author_email>"
            "<wp:author_display_name>"
            f"{cdata(a['first'] + ' ' + a['last'])}</wp:author_display_name>"
            f"<wp:author_first_name>{cdata(a['first'])}</wp:author_first_name>"
            f"<wp:author_last_name>{cdata(a['last'])}</wp:author_last_name></wp:author>\n"
        )

    def description(element, term):
        text = term.get("description")
        return f"\t\t<wp:{element}>{cdata(text)}</wp:{element}>\n" if text else ""

    for c in cats:
        out.write(
            f"\t<wp:category>\n\t\t<wp:term_id>{c['id']}</wp:term_id>\n"
            f"\t\t<wp:category_nicename>{cdata(c['slug'])}</wp:category_nicename>\n"
            f"\t\t<wp:category_parent>{cdata(c['parent'])}</wp:category_parent>\n"
            f"\t\t<wp:cat_name>{cdata(c['name'])}</wp:cat_name>\n"
            f"{description('category_description', c)}\t</wp:category>\n"
        )
    for t in tags:
        out.write(
            f"\t<wp:tag>\n\t\t<wp:term_id>{t['id']}</wp:term_id>\n"
            f"\t\t<wp:tag_slug>{cdata(t['slug'])}</wp:tag_slug>\n"
            f"\t\t<wp:tag_name>{cdata(t['name'])}</wp:tag_name>\n"
            f"{description('tag_description', t)}\t</wp:tag>\n"
        )
    terms = [dict(c, tax="category") for c in cats] + [
        dict(t, tax="post_tag", parent="") for t in tags
    ]
    for t in terms:
        out.write(
            f"\t<wp:term>\n\t\t<wp:term_id>{t['id']}</wp:term_id>\n"
            f"\t\t<wp:term_taxonomy>{cdata(t['tax'])}</wp:term_taxonomy>\n"
            f"\t\t<wp:term_slug>{cdata(t['slug'])}</wp:term_slug>\n"
            f"\t\t<wp:term_parent>{cdata(t['parent'])}</wp:term_parent>\n"
            f"\t\t<wp:term_name>{cdata(t['name'])}</wp:term_name>\n"
            f"{description('term_description', t)}\t</wp:term>\n"
        )
    out.write("\n\t<generator>https://wordpress.org/?v=6.1.9</generator>\n\n")


def write_item(
    out,
    *,
    post_id,
    title,
    link,
    date,
    date_gmt,
    modified,
    creator,
    guid,
    content,
    excerpt,
    comment_status,
    name,
    status,
    parent,
    post_type,
    sticky=0,
    attachment_url=None,
    terms=(),
    meta=(),
    comments=(),
):
    gmt = date_gmt if date_gmt else None
    out.write(
        f"\t<item>\n\t\t<title>{cdata(title)}</title>\n\t\t<link>{link}</link>\n"
        f"\t\t<pubDate>{rss_date(gmt) if gmt else ''}</pubDate>\n"
        f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n"
        f'\t\t<guid isPermaLink="false">{guid}</guid>\n\t\t<description></description>\n'
        f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n"
        f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n"
        f"\t\t<wp:post_id>{post_id}</wp:post_id>\n"
        f"\t\t<wp:post_date>{cdata(mysql(date))}</wp:post_date>\n"
        f"\t\t<wp:post_date_gmt>{cdata(mysql(gmt) if gmt else ZERO_DATE)}</wp:post_date_gmt>\n"
        f"\t\t<wp:post_modified>{cdata(mysql(modified))}</wp:post_modified>\n"
        f"\t\t<wp:post_modified_gmt>{cdata(mysql(modified - WIB))}</wp:post_modified_gmt>\n"
        f"\t\t<wp:comment_status>{cdata(comment_status)}</wp:comment_status>\n"
        f"\t\t<wp:ping_status>{cdata('closed')}</wp:ping_status>\n"
        f"\t\t<wp:post_name>{cdata(name)}</wp:post_name>\n"
        f"\t\t<wp:status>{cdata(status)}</wp:status>\n"
        f"\t\t<wp:post_parent>{parent}</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n"
        f"\t\t<wp:post_type>{cdata(post_type)}</wp:post_type>\n"
        f"\t\t<wp:post_password>{cdata('')}</wp:post_password>\n"
        f"\t\t<wp:is_sticky>{sticky}</wp:is_sticky>\n"
    )
    if attachment_url:
        out.write(f"\t\t<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>\n")
    for domain, slug, label in terms:
        out.write(f'\t\t<category domain="{domain}" nicename="{slug}">{cdata(label)}</category>\n')
    for key, value in meta:
        out.write(
            f"\t\t<wp:postmeta>\n\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
            f"\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n"
        )
    for c in comments:
        out.write(
            f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{c['id']}</wp:comment_id>\n"
            f"\t\t\t<wp:comment_author>{cdata(c['author'])}</wp:comment_author>\n"
            f"\t\t\t<wp:comment_author_email>{cdata(c['email'])}</wp:comment_author_email>\n"
            "\t\t\t<wp:comment_author_url></wp:comment_author_url>\n"
            f"\t\t\t<wp:comment_author_IP>{cdata('192.0.2.10')}</wp:comment_author_IP>\n"
            f"\t\t\t<wp:comment_date>{cdata(mysql(c['date']))}</wp:comment_date>\n"
            f"\t\t\t<wp:comment_date_gmt>{cdata(mysql(c['date'] - WIB))}</wp:comment_date_gmt>\n"
            f"\t\t\t<wp:comment_content>{cdata(c['text'])}</wp:comment_content>\n"
            f"\t\t\t<wp:comment_approved>{cdata(c['approved'])}</wp:comment_approved>\n"
            f"\t\t\t<wp:comment_type>{cdata('comment')}</wp:comment_type>\n"
            f"\t\t\t<wp:comment_parent>{c['parent']}</wp:comment_parent>\n"
            "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n\t\t</wp:comment>\n"
        )
    out.write("\t</item>\n")


def attachment_meta(image, width, height, filesize):
    data = {"width": width, "height": height, "file": image["file"]}
    if filesize is not None:
        data["filesize"] = filesize
    data["sizes"] = {
        name: {"file": f, "width": w, "height": h, "mime-type": "image/jpeg", "filesize": size}
        for name, (f, w, h, size) in image.get("sizes", {}).items()
    }
    data["image_meta"] = {
        "aperture": "0",
        "credit": "",
        "camera": "",
        "caption": "",
        "created_timestamp": "0",
        "copyright": "",
        "focal_length": "0",
        "iso": "0",
        "shutter_speed": "0",
        "title": "",
        "orientation": "0",
        "keywords": [],
    }
    return php_serialize(data)


def generate(args):
    started = time.perf_counter()
    cats, tags, authors = make_terms()
    regions = [c for c in cats if c["parent"] == "jawa-timur"]
    tops = [c for c in cats if c["parent"] == "" and c["id"] > 2]
    plans = plan_posts(args)
    width, height = args.image_size
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "uploads").mkdir(exist_ok=True)
    xml_path = args.out / "export.xml"
    pool = None
    if args.images:
        jobs = image_jobs(plans, args)
        if args.jobs > 1:
            pool = multiprocessing.Pool(args.jobs)
            results = pool.imap(draw_image, jobs, chunksize=8)
        else:
            results = map(draw_image, jobs)
    comment_id = 1
    counts = {"posts": 0, "attachments": 0, "upload_bytes": 0}
    with open(xml_path, "w", encoding="utf-8", newline="\n") as out:
        write_header(out, cats, tags, authors, datetime.now(UTC).replace(microsecond=0))
        for plan in plans:
            prng = random.Random(plan["seed"])
            author = prng.choice(authors)
            for image in plan["images"]:
                r = prng.random()
                credit = prng.choice(CREDITS)
                image["caption"] = (
                    ""
                    if r < 0.15
                    else f"{sentence(prng)[:-1]}. {credit}"
                    if r < 0.75
                    else f"{sentence(prng)[:-1]} (Foto: {credit.split('/')[1]})"
                    if r < 0.85
                    else sentence(prng)
                )
                image["alt"] = sentence(prng)[:-1] if prng.random() < 0.6 else ""
                image["filesize"], image["sizes"] = next(results) if args.images else (None, {})
            status, date = plan["status"], plan["date"]
            floating = status in ("draft", "pending")
            published_link = f"{SITE}/{date:%Y/%m/%d}/{plan['slug']}/"
            link = published_link if status in ("publish", "private") else f"{SITE}/?p={plan['id']}"
            region = prng.choice(regions)
            if prng.random() < 0.02:
                terms = [("category", "uncategorized", "Uncategorized")]
            elif prng.random() < 0.25:
                c = prng.choice(tops)
                terms = [("category", c["slug"], c["name"])]
            else:
                terms = [("category", region["slug"], region["name"])]
                if prng.random() < 0.2:
                    terms.append(("category", "jawa-timur", "Jawa Timur"))
            for t in prng.sample(tags, prng.randint(0, 4)):
                terms.append(("post_tag", t["slug"], t["name"]))
            meta = [("_thumbnail_id", str(plan["images"][0]["id"]))]
            if status == "publish":
                meta[:0] = [("_pingme", "1"), ("_encloseme", "1")]
            if status == "trash":
                meta += [
                    ("_wp_trash_meta_status", "publish"),
                    ("_wp_desired_post_slug", plan["slug"]),
                ]
            comments = []
            if status == "publish" and prng.random() < 0.1:
                for k in range(prng.randint(1, 5)):
                    first, last = prng.choice(AUTHORS)
                    comments.append(
                        {
                            "id": comment_id,
                            "author": f"{first} {last[0]}.",
                            "email": f"pembaca{comment_id}@example.net",
                            "date": date + timedelta(minutes=30 * (k + 1)),
                            "text": sentence(prng),
                            "approved": "1" if prng.random() < 0.85 else "0",
                            "parent": comment_id - 1 if k and prng.random() < 0.3 else 0,
                        }
                    )
                    comment_id += 1
            content = body(plan, prng, args)
            write_item(
                out,
                post_id=plan["id"],
                title=plan["title"],
                link=link,
                date=date,
                date_gmt=None if floating else date - WIB,
                modified=date + timedelta(minutes=prng.choice((0, 0, 0, 45))),
                creator=author["login"],
                guid=f"{SITE}/?p={plan['id']}",
                content=content,
                excerpt=sentence(prng) if prng.random() < 0.3 else "",
                comment_status="open",
                name="" if floating else plan["slug"] + ("__trashed" if status == "trash" else ""),
                status=status,
                parent=0,
                post_type="post",
                terms=terms,
                meta=meta,
                comments=comments,
            )
            counts["posts"] += 1
            for image in plan["images"]:
                url = f"{SITE}/wp-content/uploads/{image['file']}"
                stem = Path(image["file"]).stem
                ameta = [
                    ("_wp_attached_file", image["file"]),
                    (
                        "_wp_attachment_metadata",
                        attachment_meta(image, width, height, image["filesize"]),
                    ),
                ]
                if image["alt"]:
                    ameta.append(("_wp_attachment_image_alt", image["alt"]))
                write_item(
                    out,
                    post_id=image["id"],
                    title=stem,
                    link=f"{published_link}{slugify(stem)}/",
                    date=image["date"],
                    date_gmt=image["date"] - WIB,
                    modified=image["date"],
                    creator=author["login"],
                    guid=url,
                    content="",
                    excerpt=image["caption"],
                    comment_status="open",
                    name=slugify(stem),
                    status="inherit",
                    parent=plan["id"],
                    post_type="attachment",
                    attachment_url=url,
                    meta=ameta,
                )
                counts["attachments"] += 1
                counts["upload_bytes"] += (image["filesize"] or 0) + sum(
                    s[3] for s in image["sizes"].values()
                )
            if counts["posts"] % 1000 == 0:
                print(
                    f"{counts['posts']} posts, {time.perf_counter() - started:.0f}s",
                    file=sys.stderr,
                )
        out.write("</channel>\n</rss>\n")
    if pool:
        pool.close()
        pool.join()
    elapsed = time.perf_counter() - started
    print(
        f"{xml_path}: {counts['posts']} posts, {counts['attachments']} attachments, "
        f"{xml_path.stat().st_size / 1e6:.1f} MB XML; "
        f"uploads {counts['upload_bytes'] / 1e6:.0f} MB "
        f"({width}x{height}, quality {args.quality}); {elapsed:.0f}s"
    )


def main(argv=None):
    def size(text):
        w, h = text.lower().split("x")
        return int(w), int(h)

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument(
        "--out", type=Path, required=True, help="directory for export.xml and uploads/"
    )
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument(
        "--image-size",
        type=size,
        default=(1600, 1200),
        help="WxH of each photo (default 1600x1200)",
    )
    parser.add_argument(
        "--quality", type=int, default=85, help="JPEG quality (85: ~250 KB at 1600x1200)"
    )
    parser.add_argument(
        "--grain", type=int, default=40, help="sensor-like noise; more grain, bigger files"
    )
    parser.add_argument(
        "--body-images", type=float, default=0.0, help="share of posts with a second, in-body photo"
    )
    parser.add_argument(
        "--wp-sizes", action="store_true", help="also write WordPress's resized copies"
    )
    parser.add_argument(
        "--no-images", dest="images", action="store_false", help="write the XML only"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="image-drawing processes"
    )
    generate(parser.parse_args(argv))


if __name__ == "__main__":
    main()
