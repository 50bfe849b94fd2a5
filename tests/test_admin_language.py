"""The admin speaks one language: every page a reporter or an editor can
open shows Indonesian only, and writes dates one way.

The pages are not listed by hand: for each role the test opens the desk,
every admin list the role may see (and each link of its filters), the add
page and a change page of everything it may add or change, the article's
history and comparison, the password pages, the delete confirmations and
the 403 page of an editors' list for the reporter. What a person reads
there (text, and the labels a screen reader or a tooltip gives: aria-label,
title, alt, placeholder, button values, confirmations) is split into words,
and a word of the English the admin's parts are written in fails the test.

"English" is the vocabulary of the English messages Django's admin, auth,
forms, django-axes and django-taggit are written in, so a string any of
them shows untranslated is caught whatever it says, and our own templates'
English too. ALLOWED is the short list of those words that are also
Indonesian, or names the newsroom keeps.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import django
import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import (
    article_form_data,
    image_upload,
    make_article,
    make_editor,
    make_photo,
    make_region,
    make_reporter,
)

pytestmark = pytest.mark.django_db
Status = Article.Status

SITE_PACKAGES = Path(django.__file__).parent.parent
CATALOGUES = [
    "django/conf/locale/id/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/id/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/id/LC_MESSAGES/djangojs.po",
    "django/contrib/auth/locale/id/LC_MESSAGES/django.po",
    "django/contrib/contenttypes/locale/id/LC_MESSAGES/django.po",
    "axes/locale/id/LC_MESSAGES/django.po",
    "taggit/locale/id/LC_MESSAGES/django.po",
]

# Words of those messages that are Indonesian too (KBBI loanwords), or
# names the newsroom keeps:
# - "Breaking" is not kept: the bar is "Berita terkini" in the admin.
# - WIB is the zone's name, and a reader's too.
# - "email", "URL", "ID" and "HTML" are how Indonesian newsrooms write them.
ALLOWED = {
    "admin",  # "admin teknis": KBBI's word for the person
    "data",
    "email",
    "filter",  # KBBI; the admin says "Saring" where it can
    "format",
    "html",
    "id",
    "ip",  # "alamat IP"
    "media",
    "no",  # "No." for nomor
    "status",
    "tag",  # the newsroom's word for a topic label; KBBI has it
    "total",
    "url",
    "versi",
    "wib",
}

# English words the admin could show that Django's messages do not hold:
# our own labels' and Django's stand-ins ("None"), and words the issue saw.
MORE_ENGLISH = {
    "base", "revision", "none", "true", "false", "null", "draft", "preview",
    "dateline", "breaking", "slug", "upload", "submit", "review", "publish",
    "schedule", "scheduled", "unpublish", "withdraw", "width", "height",
    "login", "logout", "today", "now", "sidebar", "breadcrumbs", "locked",
}  # fmt: skip

WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
# Addresses and file names are data, not words: "/admin/login/", "foto.jpg".
ADDRESS = re.compile(r"\S*[/\\]\S*|\S+\.(?:jpe?g|png|webp|gif)\b", re.IGNORECASE)

# The one way the admin writes a time (articles.dates.wib).
DAYS = "Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu"
MONTHS = "Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des"
WIB_TIME = re.compile(rf"(?:{DAYS}), \d{{1,2}} (?:{MONTHS}) \d{{4}} \d\d:\d\d WIB")
OTHER_DATES = re.compile(
    rf"\b\d{{1,2}} (?:{MONTHS})\b\.? \d{{4}}"  # a day and month: only inside WIB_TIME
    r"|\b\d{4}-\d\d-\d\d\b|\b\d\d-\d\d-\d{4}\b"  # 2026-12-04, 04-12-2026
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b[md]{2}/[md]{2}/y{4}\b"  # 12/04/2026, mm/dd/yyyy
    r"|\b\d{1,2}\.\d\d(?:\.\d\d)?\b"  # 21.05, 21.05.41
)


def english_vocabulary():
    """Every word of the English messages the admin's parts are written in."""
    words = set()
    msgid = re.compile(r'^(?:msgid|msgid_plural) "(.*)"$|^"(.*)"$')
    for relative in CATALOGUES:
        path = SITE_PACKAGES / relative
        if not path.exists():
            continue
        in_msgid = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("msgid ", "msgid_plural ")):
                in_msgid = True
            elif line.startswith("msgstr") or not line.startswith('"'):
                in_msgid = False
            if not in_msgid:
                continue
            match = msgid.match(line)
            if match:
                text = match.group(1) if match.group(1) is not None else match.group(2)
                text = re.sub(r"%\([a-z_]+\)[sdr]|\{[a-z_]*\}|%[sd]", " ", text)
                words.update(w.lower() for w in WORD.findall(text) if len(w) > 1)
    assert len(words) > 500, "Django's catalogues were not found"
    return (words | MORE_ENGLISH) - ALLOWED


READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "data-confirm", "aria-description"}
VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "area", "col", "embed"}


class ReadableText(HTMLParser):
    """What a person reads: text outside scripts and styles, and the attributes
    a screen reader or a tooltip reads out. Each piece keeps where it was found.

    Left out: what a person typed (a textarea's text, an input's value),
    and what is marked as another language (the language switch's "English")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []  # (where, text)
        self.inputs = []  # the attributes of each <input>
        self.stack = []  # (tag, where, skipped)

    def skipping(self):
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        where = tag + (f"#{attrs['id']}" if attrs.get("id") else "")
        lang = attrs.get("lang")
        skipped = (
            self.skipping()
            or tag in ("script", "style", "textarea")
            or bool(lang and not lang.startswith("id"))
        )
        if not skipped:
            for name in READ_ATTRIBUTES & attrs.keys():
                self.pieces.append((f"{where}[{name}]", attrs[name] or ""))
            if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
                self.pieces.append((f"{where}[value]", attrs.get("value") or ""))
        if tag == "input":
            self.inputs.append(attrs)
        if tag not in VOID:
            self.stack.append((tag, where, skipped))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):  # forgiving, as browsers are
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.skipping() and data.strip():
            self.pieces.append((self.stack[-1][1] if self.stack else "", data.strip()))


def english_in(html, vocabulary):
    """[(where, word, text)] for each English word a person reads in `html`,
    and each time written otherwise than `articles.dates.wib` writes it."""
    parser = ReadableText()
    parser.feed(html)
    found = []
    for where, text in parser.pieces:
        words = ADDRESS.sub(" ", text)
        for word in WORD.findall(words):
            if len(word) > 1 and word.lower() in vocabulary:
                found.append((where, word, text[:120]))
        for date in OTHER_DATES.finditer(WIB_TIME.sub(" ", words)):
            found.append((where, f"date {date.group()}", text[:120]))
    for attrs in parser.inputs:
        classes = (attrs.get("class") or "").split()
        if {"vDateField", "vTimeField"} & set(classes):
            found.append((f"input[name={attrs.get('name')}]", "date typed as dd-mm-yyyy", ""))
        iso = r"\d{4}-\d\d-\d\dT\d\d:\d\d"
        value = attrs.get("value")
        if attrs.get("type") == "datetime-local" and value and not re.fullmatch(iso, value):
            found.append((f"input[name={attrs.get('name')}]", "date not ISO", attrs["value"]))
    return found


class FilterLinks(HTMLParser):
    """The links of a list's filters and date drill-down: each is a page to read too."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag != "input"
        elif attrs.get("id") == "changelist-filter" or "xfull" in (attrs.get("class") or ""):
            self.depth = 1
        if self.depth and tag == "a" and (attrs.get("href") or "").startswith("?"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1


# The newsroom ---------------------------------------------------------------


@pytest.fixture
def newsroom():
    """A reporter and an editor, and one of everything either of them opens."""
    now = timezone.now()
    reporter = make_reporter("wartawan", first_name="Rini", last_name="Wulandari")
    editor = make_editor("redaktur", first_name="Bagus", last_name="Santoso")
    blitar = make_region("Blitar", slug="blitar")
    photo = make_photo()
    reporter_photo = services.photo_create(
        by=reporter,
        image=image_upload(),
        caption="Pasar Legi pagi hari.",
        credit="KJ/Rini",
        alt_text="Pedagang di Pasar Legi",
    )
    mine = {"author": reporter.author, "region": blitar}
    draft = make_article("Banjir di Kademangan", status=Status.DRAFT, by=reporter, **mine)
    services.article_save(
        article=draft,
        by=reporter,
        base_revision=draft.revision,
        changes={"body": "<p>Air setinggi lutut merendam rumah warga.</p>"},
    )
    returned = make_article("Harga cabai naik", status=Status.REVIEW, **mine)
    services.article_act(
        article=returned, by=editor, action="send_back", note="Tambahkan data dinas."
    )
    waiting = make_article("Jalan berlubang di Sananwetan", status=Status.REVIEW, **mine)
    make_article("Pasar malam dibuka", **mine, lead_photo=photo, tags=["Pemilu 2024"])
    make_article("Festival kopi", published_at=now + timedelta(days=1), **mine)
    live = make_article("Pemilu Blitar", kind=Article.Kind.LIVE, region=blitar)
    services.correction_add(article=live, by=editor, kind="hak-jawab", text="Tanggapan camat.")
    entry = services.live_entry_save(
        entry=live.live_entries.model(
            article=live, headline="TPS dibuka", text="Antre sejak pagi."
        ),
        by=editor,
    )
    withdrawn = make_article("Kabar keliru", region=blitar)
    services.article_act(
        article=withdrawn, by=editor, action="withdraw", note="Sumber tidak dapat dipastikan."
    )
    AccessAttempt.objects.create(
        username="wartawan",
        ip_address="10.0.0.7",
        user_agent="Mozilla/5.0",
        path_info="/admin/login/",
        failures_since_start=5,
    )
    return {
        "reporter": reporter,
        "editor": editor,
        "draft": draft,
        "returned": returned,
        "waiting": waiting,
        "live": live,
        "entry": entry,
        "withdrawn": withdrawn,
        "photo": photo,
        "reporter_photo": reporter_photo,
    }


def admin_pages(user, newsroom):
    """Every admin address `user` can open, as the admin itself decides it."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:password_change_done"),
    ]
    app_labels = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if not model_admin.has_module_permission(request):
            continue
        if not (
            model_admin.has_view_permission(request) or model_admin.has_change_permission(request)
        ):
            continue
        app_labels.add(opts.app_label)
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?q=xyz")
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        objects = model_admin.get_queryset(request)
        if model is Article:
            objects = objects.filter(
                pk__in=[
                    a.pk
                    for a in Article.objects.all()
                    if model_admin.has_view_permission(request, a)
                ]
            )
        else:
            objects = objects[:2]
        for obj in objects:
            if not model_admin.has_view_permission(request, obj):
                continue
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
            if model_admin.has_delete_permission(request, obj):
                pages.append(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
                )
    pages += [reverse("admin:app_list", args=[label]) for label in sorted(app_labels)]
    draft = newsroom["draft"]
    pages += [
        reverse("admin:articles_article_history", args=[draft.pk]),
        reverse("admin:articles_article_compare", args=[draft.pk]) + "?from=1&to=2",
    ]
    return pages


def read(client, url, *, status=200):
    response = client.get(url, follow=True)
    assert response.status_code == status, url
    return response.content.decode()


def pages_read_by(client, user, newsroom):
    """(address, html) of every page `user` can open, with each list's filter links."""
    client.force_login(user)
    seen = {}
    for url in admin_pages(user, newsroom):
        html = read(client, url)
        seen[url] = html
        parser = FilterLinks()
        parser.feed(html)
        for link in dict.fromkeys(parser.links):
            full = urljoin(urlsplit(url).path, link)
            if full not in seen:
                seen[full] = read(client, full)
    return seen


def assert_indonesian(pages):
    """Each English word shown, once, with the first page that shows it and how many do."""
    vocabulary = english_vocabulary()
    found = {}
    for url, html in pages.items():
        for where, word, text in english_in(html, vocabulary):
            found.setdefault((word, where, text), []).append(url)
    report = "\n".join(
        f"    {word!r} in <{where}>: {text!r}  ({urls[0]}, {len(urls)} pages)"
        for (word, where, text), urls in found.items()
    )
    assert not found, f"English shown in {len(pages)} admin pages read:\n{report}"


# The tests ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_every_admin_page_a_person_opens_is_in_indonesian(client, newsroom, role):
    assert_indonesian(pages_read_by(client, newsroom[role], newsroom))


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_forms_sent_back_with_errors_and_saved_forms_are_in_indonesian(client, newsroom, role):
    """The error summary, the field errors and the message after a save."""
    user = newsroom[role]
    client.force_login(user)
    pages = {}
    add = reverse("admin:articles_article_add")
    pages[f"POST {add}"] = client.post(add, {"title": ""}).content.decode()
    photo = newsroom["reporter_photo"]
    change = reverse("admin:articles_photo_change", args=[photo.pk])
    data = {
        "caption": "Pasar Legi menjelang siang.",
        "credit": photo.credit,
        "alt_text": photo.alt_text,
        "photographer": "",
        "focus_x": photo.focus_x,
        "focus_y": photo.focus_y,
        "_continue": "1",
    }
    pages[f"POST {change}"] = client.post(change, data, follow=True).content.decode()
    draft = newsroom["draft"]
    draft.refresh_from_db()
    article = reverse("admin:articles_article_change", args=[draft.pk])
    posted = article_form_data(draft, title="Banjir di Kademangan surut", _continue="1")
    if role == "reporter":
        for name in ("slug", "coauthors", "editor", "kind"):
            posted.pop(name)
    pages[f"POST {article}"] = client.post(article, posted, follow=True).content.decode()
    assert_indonesian(pages)


def test_a_reporter_on_an_editors_page_reads_indonesian(client, newsroom):
    client.force_login(newsroom["reporter"])
    html = read(client, reverse("admin:articles_frontpagepick_changelist"), status=403)
    assert_indonesian({"403": html})


def test_the_crawl_reaches_every_kind_of_page(client, newsroom):
    """The lists above are the admin's own: this checks they hold what a person opens."""
    reporter = pages_read_by(client, newsroom["reporter"], newsroom)
    editor = pages_read_by(client, newsroom["editor"], newsroom)
    for name in ("article_add", "photo_add", "notice_changelist", "article_history"):
        assert any(
            reverse(
                f"admin:articles_{name}", args=[newsroom["draft"].pk] if "history" in name else []
            )
            in url
            for url in reporter
        ), name
    for name in ("liveentry_add", "frontpagepick_add", "reviewqueue_changelist", "page_changelist"):
        assert reverse(f"admin:articles_{name}") in editor, name
    assert reverse("admin:axes_accessattempt_changelist") in editor
    assert any("status__exact=" in url for url in editor)  # the filters' links
    assert (
        "Muat hak jawab"
        in editor[reverse("admin:articles_article_change", args=[newsroom["live"].pk])]
    )


def test_a_new_photo_shows_no_zero_size(client, newsroom):
    client.force_login(newsroom["reporter"])
    html = read(client, reverse("admin:articles_photo_add"))
    assert "Lebar" not in html and "Tinggi" not in html


def test_a_reporters_scheduled_story_is_under_terjadwal(client, newsroom):
    client.force_login(newsroom["reporter"])
    html = read(client, reverse("admin:index"))
    scheduled = html[html.index("<h2>Terjadwal ") : html.index("<h2>Terbit ")]
    assert "Festival kopi" in scheduled
    assert "Pasar malam dibuka" in html[html.index("<h2>Terbit ") :]


def test_a_right_of_reply_is_posted_and_confirmed_as_one(client, newsroom):
    client.force_login(newsroom["editor"])
    live = newsroom["live"]
    url = reverse("admin:articles_article_corrections", args=[live.pk])
    response = client.post(url, {"kind": "hak-jawab", "text": "Tanggapan lurah."}, follow=True)
    html = response.content.decode()
    assert "Hak jawab dimuat bersama berita." in html
    assert "Ralat dimuat" not in html


def test_the_send_back_note_and_the_withdrawal_reason_are_named_apart(client, newsroom):
    client.force_login(newsroom["editor"])
    waiting = read(client, reverse("admin:articles_article_change", args=[newsroom["waiting"].pk]))
    live = read(client, reverse("admin:articles_article_change", args=[newsroom["live"].pk]))
    assert "Catatan untuk wartawan" in waiting and "Alasan pencabutan" not in waiting
    assert "Alasan pencabutan (dibaca pembaca)" in live and "Catatan untuk wartawan" not in live
    assert "Simpan & tarik sementara" in live and "Simpan & cabut permanen" in live
